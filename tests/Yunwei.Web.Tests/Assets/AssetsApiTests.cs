using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Yunwei.Web.Tests.Infrastructure;

namespace Yunwei.Web.Tests.Assets;

public sealed class AssetsApiTests(YunweiFactory factory) : IClassFixture<YunweiFactory>
{
    private sealed record Context(HttpClient Client, Guid Unit, JsonElement Options)
    {
        public Guid Type(string name) => Options.GetProperty("types").EnumerateArray().Single(t => t.GetProperty("name").GetString() == name).GetProperty("id").GetGuid();

        public Guid Subsystem(string name) => Options.GetProperty("subsystems").EnumerateArray().Single(t => t.GetProperty("name").GetString() == name).GetProperty("id").GetGuid();

        public Guid Location(string path) => Options.GetProperty("locations").EnumerateArray().Single(t => t.GetProperty("path").GetString() == path).GetProperty("id").GetGuid();
    }

    private async Task<Context> AsAsync(string user)
    {
        var client = await factory.ApiClientAsync(user);
        var units = await (await client.GetAsync("/api/units")).ReadJsonAsync();
        var unit = units.EnumerateArray().Single(u => u.GetProperty("code").GetString() == "DEMO").GetProperty("id").GetGuid();
        var options = await (await client.GetAsync($"/api/units/{unit}/asset-options")).ReadJsonAsync();
        return new Context(client, unit, options);
    }

    private static object Camera(Context c, string code, string name = "一楼大厅摄像机", string? ip = "10.10.1.21", object? attributes = null, int? revision = null) => new
    {
        code,
        name,
        assetTypeId = c.Type("摄像机"),
        locationId = c.Location("审判综合楼 / 1楼配线间"),
        brand = "海康威视",
        model = "DS-2CD3T46",
        serialNumber = "SN" + code,
        ipAddress = ip,
        macAddress = "bc-ad-28-11-22-33",
        purchaseDate = "2024-03-01",
        warrantyEnds = "2027-02-28",
        status = "InUse",
        attributes = attributes ?? new Dictionary<string, string> { ["nvr"] = "NVR-01", ["channel"] = "3", ["form"] = "枪机" },
        revision,
    };

    private static string Code() => "CAM-" + Guid.NewGuid().ToString("N")[..8].ToUpperInvariant();

    [Fact]
    public async Task An_asset_is_created_normalised_and_read_back_with_its_type_subsystem_location_and_history()
    {
        var c = await AsAsync("resident");
        var code = Code();

        var created = await c.Client.PostAsJsonAsync($"/api/units/{c.Unit}/assets", Camera(c, code));

        created.StatusCode.ShouldBe(HttpStatusCode.Created);
        var id = await created.Content.ReadFromJsonAsync<Guid>();
        var asset = await (await c.Client.GetAsync($"/api/assets/{id}")).ReadJsonAsync();
        asset.GetProperty("code").GetString().ShouldBe(code);
        asset.GetProperty("typeName").GetString().ShouldBe("摄像机");
        asset.GetProperty("subsystemName").GetString().ShouldBe("安防", "the type's subsystem is the default");
        asset.GetProperty("locationPath").GetString().ShouldBe("审判综合楼 / 1楼配线间");
        asset.GetProperty("macAddress").GetString().ShouldBe("BC:AD:28:11:22:33");
        asset.GetProperty("attributes").GetProperty("channel").GetString().ShouldBe("3");
        var history = asset.GetProperty("history");
        history.GetArrayLength().ShouldBe(1);
        history[0].GetProperty("userName").GetString().ShouldBe("resident");
        history[0].GetProperty("action").GetString().ShouldBe("Insert");
    }

    [Fact]
    public async Task A_duplicate_code_is_refused_naming_the_asset_that_has_it()
    {
        var c = await AsAsync("resident");
        var code = Code();
        (await c.Client.PostAsJsonAsync($"/api/units/{c.Unit}/assets", Camera(c, code, "审判庭 A 摄像机"))).StatusCode.ShouldBe(HttpStatusCode.Created);

        var duplicate = await c.Client.PostAsJsonAsync($"/api/units/{c.Unit}/assets", Camera(c, code, "另一台"));

        var problem = await duplicate.ShouldBeProblemAsync(400);
        problem.GetProperty("errors").GetProperty("Code")[0].GetString().ShouldBe($"资产编码 {code} 已被资产「审判庭 A 摄像机」使用");
    }

    [Fact]
    public async Task Invalid_ip_mac_dates_and_attributes_are_field_errors_and_nothing_is_written()
    {
        var c = await AsAsync("resident");
        var code = Code();
        var body = new
        {
            code,
            name = "坏数据",
            assetTypeId = c.Type("摄像机"),
            ipAddress = "10.10.1",
            macAddress = "zz:zz",
            purchaseDate = "2026-01-01",
            warrantyEnds = "2025-01-01",
            status = "InUse",
            attributes = new Dictionary<string, string> { ["channel"] = "三", ["form"] = "鱼眼", ["speed"] = "fast" },
        };

        var response = await c.Client.PostAsJsonAsync($"/api/units/{c.Unit}/assets", body);

        var errors = (await response.ShouldBeProblemAsync(400)).GetProperty("errors");
        errors.GetProperty("IpAddress")[0].GetString()!.ShouldStartWith("IP 地址格式不正确");
        errors.GetProperty("MacAddress")[0].GetString()!.ShouldStartWith("MAC 地址格式不正确");
        errors.GetProperty("WarrantyEnds")[0].GetString().ShouldBe("保修截止日期不能早于购置日期");
        errors.GetProperty("Attributes.channel")[0].GetString().ShouldBe("须为数字");
        errors.GetProperty("Attributes.form")[0].GetString().ShouldBe("请从列表中选择");
        errors.GetProperty("Attributes.speed")[0].GetString().ShouldBe("该资产类型没有此属性");
        var list = await (await c.Client.GetAsync($"/api/units/{c.Unit}/assets?search={code}")).ReadJsonAsync();
        list.GetProperty("total").GetInt32().ShouldBe(0);
    }

    [Fact]
    public async Task The_list_filters_searches_and_pages_by_code_without_gaps_or_repeats()
    {
        var c = await AsAsync("client.maint");
        var prefix = "PG" + Guid.NewGuid().ToString("N")[..4].ToUpperInvariant();
        for (var i = 1; i <= 7; i++)
        {
            var status = i <= 2 ? "Spare" : "InUse";
            var ip = $"10.77.{i}.1";
            var res = await c.Client.PostAsJsonAsync($"/api/units/{c.Unit}/assets", new
            {
                code = $"{prefix}-{i:D2}",
                name = $"交换机 {i}",
                assetTypeId = c.Type("交换机"),
                ipAddress = ip,
                status,
                warrantyEnds = i == 7 ? "2026-12-10" : "2030-01-01",
            });
            res.StatusCode.ShouldBe(HttpStatusCode.Created);
        }

        var seen = new List<string>();
        string? after = null;
        do
        {
            var url = $"/api/units/{c.Unit}/assets?search={prefix}&pageSize=3" + (after is null ? string.Empty : $"&after={after}");
            var page = await (await c.Client.GetAsync(url)).ReadJsonAsync();
            page.GetProperty("total").GetInt32().ShouldBe(7);
            seen.AddRange(page.GetProperty("rows").EnumerateArray().Select(r => r.GetProperty("code").GetString()!));
            after = page.GetProperty("nextAfter").ValueKind == JsonValueKind.Null ? null : page.GetProperty("nextAfter").GetString();
        }
        while (after is not null);

        seen.ShouldBe(Enumerable.Range(1, 7).Select(i => $"{prefix}-{i:D2}"));
        var spare = await (await c.Client.GetAsync($"/api/units/{c.Unit}/assets?search={prefix}&status=Spare")).ReadJsonAsync();
        spare.GetProperty("total").GetInt32().ShouldBe(2);
        var byIp = await (await c.Client.GetAsync($"/api/units/{c.Unit}/assets?search=10.77.5.")).ReadJsonAsync();
        byIp.GetProperty("rows").EnumerateArray().Select(r => r.GetProperty("code").GetString()).ShouldBe([$"{prefix}-05"]);
        var byName = await (await c.Client.GetAsync($"/api/units/{c.Unit}/assets?search=" + Uri.EscapeDataString("交换机 6") + $"&subsystemId={c.Subsystem("计算机网络")}")).ReadJsonAsync();
        byName.GetProperty("rows").EnumerateArray().Select(r => r.GetProperty("code").GetString()).ShouldContain($"{prefix}-06");
        var expiring = await (await c.Client.GetAsync($"/api/units/{c.Unit}/assets?search={prefix}&warrantyWithinDays=3650")).ReadJsonAsync();
        expiring.GetProperty("total").GetInt32().ShouldBe(7);
        (await c.Client.GetAsync($"/api/units/{c.Unit}/assets?pageSize=500")).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Editing_records_old_and_new_values_in_the_assets_history()
    {
        var c = await AsAsync("resident");
        var code = Code();
        var id = await (await c.Client.PostAsJsonAsync($"/api/units/{c.Unit}/assets", Camera(c, code))).Content.ReadFromJsonAsync<Guid>();

        var updated = await c.Client.PutAsJsonAsync($"/api/assets/{id}", Camera(c, code, ip: "10.10.1.99", revision: 0));

        updated.StatusCode.ShouldBe(HttpStatusCode.NoContent);
        var asset = await (await c.Client.GetAsync($"/api/assets/{id}")).ReadJsonAsync();
        asset.GetProperty("ipAddress").GetString().ShouldBe("10.10.1.99");
        var change = asset.GetProperty("history")[0];
        change.GetProperty("action").GetString().ShouldBe("Update");
        var changes = JsonDocument.Parse(change.GetProperty("changes").GetString()!).RootElement;
        changes.GetProperty("IpAddress")[0].GetString().ShouldBe("10.10.1.21");
        changes.GetProperty("IpAddress")[1].GetString().ShouldBe("10.10.1.99");
    }

    [Fact]
    public async Task Two_edits_of_the_same_revision_one_wins_the_other_gets_a_conflict_and_overwrites_nothing()
    {
        var c = await AsAsync("resident");
        var code = Code();
        var id = await (await c.Client.PostAsJsonAsync($"/api/units/{c.Unit}/assets", Camera(c, code))).Content.ReadFromJsonAsync<Guid>();
        var seen = (await (await c.Client.GetAsync($"/api/assets/{id}")).ReadJsonAsync()).GetProperty("revision").GetInt32();

        // Two people opened the asset at the same revision and save at once.
        var saves = await Task.WhenAll(
            c.Client.PutAsJsonAsync($"/api/assets/{id}", Camera(c, code, name: "甲改的名称", revision: seen)),
            c.Client.PutAsJsonAsync($"/api/assets/{id}", Camera(c, code, name: "乙改的名称", revision: seen)));

        saves.Select(r => r.StatusCode).Order().ShouldBe([HttpStatusCode.NoContent, HttpStatusCode.Conflict]);
        var loser = saves.Single(r => r.StatusCode == HttpStatusCode.Conflict);
        (await loser.ShouldBeProblemAsync(409)).GetProperty("detail").GetString()!.ShouldContain("刷新");
        var winner = saves[0].StatusCode == HttpStatusCode.NoContent ? "甲改的名称" : "乙改的名称";
        var asset = await (await c.Client.GetAsync($"/api/assets/{id}")).ReadJsonAsync();
        asset.GetProperty("name").GetString().ShouldBe(winner);
        asset.GetProperty("revision").GetInt32().ShouldBe(seen + 1);
        asset.GetProperty("history").GetArrayLength().ShouldBe(2, "one creation and one edit: the losing save wrote nothing");

        // An edit without a revision is refused rather than applied blindly.
        var blind = await c.Client.PutAsJsonAsync($"/api/assets/{id}", Camera(c, code, name: "盲改"));
        (await blind.ShouldBeProblemAsync(400)).GetProperty("errors").GetProperty("Revision")[0].GetString().ShouldBe("必填");
    }

    [Fact]
    public async Task End_users_do_not_see_the_inventory_and_viewers_cannot_edit()
    {
        var resident = await AsAsync("resident");
        var id = await (await resident.Client.PostAsJsonAsync($"/api/units/{resident.Unit}/assets", Camera(resident, Code()))).Content.ReadFromJsonAsync<Guid>();
        var endUser = await factory.ApiClientAsync("enduser");
        var rep = await factory.ApiClientAsync("client.rep");

        (await endUser.GetAsync($"/api/units/{resident.Unit}/assets")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await endUser.GetAsync($"/api/assets/{id}")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await rep.GetAsync($"/api/assets/{id}")).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await rep.PutAsJsonAsync($"/api/assets/{id}", Camera(resident, "X"))).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task Another_units_assets_are_404_and_cannot_be_created_there()
    {
        var admin = await AsAsync("admin");
        var other = (await (await admin.Client.PostJsonAsync("/api/units", new { code = "AS" + Guid.NewGuid().ToString("N")[..6], name = "辛法院" })).ReadJsonAsync()).GetProperty("id").GetGuid();
        var otherOptions = await (await admin.Client.GetAsync($"/api/units/{other}/asset-options")).ReadJsonAsync();
        var otherType = otherOptions.GetProperty("types")[0].GetProperty("id").GetGuid();
        var foreignId = await (await admin.Client.PostAsJsonAsync($"/api/units/{other}/assets", new { code = "X-1", name = "别家的", assetTypeId = otherType, status = "InUse" })).Content.ReadFromJsonAsync<Guid>();
        var resident = await AsAsync("resident");

        await (await resident.Client.GetAsync($"/api/assets/{foreignId}")).ShouldBeProblemAsync(404);
        await (await resident.Client.PutAsJsonAsync($"/api/assets/{foreignId}", new { code = "X-1", name = "改", assetTypeId = otherType, status = "InUse" })).ShouldBeProblemAsync(404);
        await (await resident.Client.PostAsJsonAsync($"/api/units/{other}/assets", new { code = "X-2", name = "塞", assetTypeId = otherType, status = "InUse" })).ShouldBeProblemAsync(404);
        await (await resident.Client.GetAsync($"/api/units/{other}/asset-options")).ShouldBeProblemAsync(404);
        await (await resident.Client.GetAsync($"/api/units/{other}/assets")).ShouldBeProblemAsync(404);

        // A type of another unit cannot be used in one's own unit either.
        var mixed = await resident.Client.PostAsJsonAsync($"/api/units/{resident.Unit}/assets", new { code = Code(), name = "混", assetTypeId = otherType, status = "InUse" });
        (await mixed.ShouldBeProblemAsync(400)).GetProperty("errors").GetProperty("AssetTypeId")[0].GetString().ShouldBe("资产类型不存在");
    }
}
