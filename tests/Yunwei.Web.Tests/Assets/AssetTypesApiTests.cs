using System.Net;
using System.Net.Http.Json;
using Yunwei.Web.Tests.Infrastructure;

namespace Yunwei.Web.Tests.Assets;

public sealed class AssetTypesApiTests(YunweiFactory factory) : IClassFixture<YunweiFactory>
{
    [Fact]
    public async Task An_administrator_defines_a_type_whose_attributes_then_check_asset_input()
    {
        var admin = await factory.ApiClientAsync("client.admin");
        var unit = (await (await admin.GetAsync("/api/units")).ReadJsonAsync())[0].GetProperty("id").GetGuid();
        var name = "环境监测仪" + Guid.NewGuid().ToString("N")[..4];
        var serverRoom = (await (await admin.GetAsync($"/api/units/{unit}/asset-options")).ReadJsonAsync()).GetProperty("subsystems").EnumerateArray()
            .Single(s => s.GetProperty("name").GetString() == "机房").GetProperty("id").GetGuid();

        var created = await admin.PostAsJsonAsync($"/api/units/{unit}/asset-types", new
        {
            name,
            subsystemId = serverRoom,
            sortOrder = 99,
            attributes = new object[]
            {
                new { key = "probeIp", label = "探头IP", kind = "IpAddress", required = true },
                new { key = "sensor", label = "传感器", kind = "Choice", options = new[] { "温湿度", "漏水" } },
                new { key = "range", label = "量程", kind = "Number", unit = "℃" },
            },
        });
        created.StatusCode.ShouldBe(HttpStatusCode.Created, await created.Content.ReadAsStringAsync());
        var typeId = await created.Content.ReadFromJsonAsync<Guid>();

        var resident = await factory.ApiClientAsync("resident");
        var bad = await resident.PostAsJsonAsync($"/api/units/{unit}/assets", new
        {
            code = "ENV-" + Guid.NewGuid().ToString("N")[..6],
            name = "机房温湿度",
            assetTypeId = typeId,
            status = "InUse",
            attributes = new Dictionary<string, string> { ["sensor"] = "烟感" },
        });
        var errors = (await bad.ShouldBeProblemAsync(400)).GetProperty("errors");
        errors.GetProperty("Attributes.probeIp")[0].GetString().ShouldBe("必填");
        errors.GetProperty("Attributes.sensor")[0].GetString().ShouldBe("请从列表中选择");

        var good = await resident.PostAsJsonAsync($"/api/units/{unit}/assets", new
        {
            code = "ENV-" + Guid.NewGuid().ToString("N")[..6],
            name = "机房温湿度",
            assetTypeId = typeId,
            status = "InUse",
            attributes = new Dictionary<string, string> { ["probeIp"] = "10.0.9.9", ["sensor"] = "温湿度" },
        });
        good.StatusCode.ShouldBe(HttpStatusCode.Created);

        var inUse = await admin.DeleteAsync($"/api/asset-types/{typeId}");
        (await inUse.ShouldBeProblemAsync(400)).GetProperty("errors").GetProperty("id")[0].GetString().ShouldBe("仍有 1 台资产属于此类型，不能删除");
        var list = await (await admin.GetAsync($"/api/units/{unit}/asset-types")).ReadJsonAsync();
        list.EnumerateArray().Single(t => t.GetProperty("id").GetGuid() == typeId).GetProperty("assetCount").GetInt32().ShouldBe(1);
    }

    [Fact]
    public async Task Malformed_attribute_definitions_are_refused_field_by_field()
    {
        var admin = await factory.ApiClientAsync("client.admin");
        var unit = (await (await admin.GetAsync("/api/units")).ReadJsonAsync())[0].GetProperty("id").GetGuid();

        var response = await admin.PostAsJsonAsync($"/api/units/{unit}/asset-types", new
        {
            name = "摄像机",
            attributes = new object[]
            {
                new { key = "1bad key", label = "甲", kind = "Text" },
                new { key = "dup", label = "乙", kind = "Choice" },
                new { key = "dup", label = "乙", kind = "Text" },
            },
        });

        var errors = (await response.ShouldBeProblemAsync(400)).GetProperty("errors");
        errors.GetProperty("Name")[0].GetString().ShouldBe("已有名为「摄像机」的资产类型");
        errors.GetProperty("Attributes[0].Key")[0].GetString()!.ShouldStartWith("属性标识须以字母开头");
        errors.GetProperty("Attributes[1].Options")[0].GetString().ShouldBe("选项型属性须至少有一个选项");
        errors.GetProperty("Attributes[2].Key")[0].GetString().ShouldBe("属性标识 dup 重复");
        errors.GetProperty("Attributes")[0].GetString()!.ShouldStartWith("属性名称不能重复");
    }

    [Fact]
    public async Task Only_administrators_define_types()
    {
        var maint = await factory.ApiClientAsync("client.maint");
        var unit = (await (await maint.GetAsync("/api/units")).ReadJsonAsync())[0].GetProperty("id").GetGuid();

        (await maint.PostAsJsonAsync($"/api/units/{unit}/asset-types", new { name = "x" })).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await maint.GetAsync($"/api/units/{unit}/asset-types")).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task An_edit_of_an_old_revision_of_a_type_is_refused_and_overwrites_nothing()
    {
        var admin = await factory.ApiClientAsync("client.admin");
        var unit = (await (await admin.GetAsync("/api/units")).ReadJsonAsync())[0].GetProperty("id").GetGuid();
        var name = "门禁控制器" + Guid.NewGuid().ToString("N")[..4];
        var typeId = await (await admin.PostAsJsonAsync($"/api/units/{unit}/asset-types", new { name, sortOrder = 98 })).Content.ReadFromJsonAsync<Guid>();
        var row = (await (await admin.GetAsync($"/api/units/{unit}/asset-types")).ReadJsonAsync()).EnumerateArray().Single(t => t.GetProperty("id").GetGuid() == typeId);
        var revision = row.GetProperty("revision").GetInt32();

        (await admin.PutAsJsonAsync($"/api/asset-types/{typeId}", new { name = name + "（甲）", sortOrder = 98, revision })).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        await (await admin.PutAsJsonAsync($"/api/asset-types/{typeId}", new { name = name + "（乙）", sortOrder = 98, revision })).ShouldBeProblemAsync(409);
        (await (await admin.PutAsJsonAsync($"/api/asset-types/{typeId}", new { name = name + "（丙）", sortOrder = 98 })).ShouldBeProblemAsync(400))
            .GetProperty("errors").GetProperty("Revision")[0].GetString().ShouldBe("必填");

        var after = (await (await admin.GetAsync($"/api/units/{unit}/asset-types")).ReadJsonAsync()).EnumerateArray().Single(t => t.GetProperty("id").GetGuid() == typeId);
        after.GetProperty("name").GetString().ShouldBe(name + "（甲）");
        after.GetProperty("revision").GetInt32().ShouldBe(revision + 1);
    }
}
