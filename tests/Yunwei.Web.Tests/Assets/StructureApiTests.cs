using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Yunwei.Web.Tests.Infrastructure;

namespace Yunwei.Web.Tests.Assets;

public sealed class StructureApiTests(YunweiFactory factory) : IClassFixture<YunweiFactory>
{
    private async Task<(HttpClient Client, Guid Unit)> AsAsync(string user)
    {
        var client = await factory.ApiClientAsync(user);
        var unit = (await (await client.GetAsync("/api/units")).ReadJsonAsync()).EnumerateArray()
            .Single(u => u.GetProperty("code").GetString() == "DEMO").GetProperty("id").GetGuid();
        return (client, unit);
    }

    [Fact]
    public async Task The_location_tree_grows_refuses_loops_and_duplicates_and_keeps_non_empty_places()
    {
        var (client, unit) = await AsAsync("resident");
        var building = "科技楼" + Guid.NewGuid().ToString("N")[..4];

        var b = await (await client.PostAsJsonAsync($"/api/units/{unit}/locations", new { name = building, kind = "Building" })).Content.ReadFromJsonAsync<Guid>();
        var floor = await (await client.PostAsJsonAsync($"/api/units/{unit}/locations", new { parentId = b, name = "三楼", kind = "Floor" })).Content.ReadFromJsonAsync<Guid>();
        var room = await (await client.PostAsJsonAsync($"/api/units/{unit}/locations", new { parentId = floor, name = "第三审判庭", kind = "Room" })).Content.ReadFromJsonAsync<Guid>();

        var options = await (await client.GetAsync($"/api/units/{unit}/asset-options")).ReadJsonAsync();
        options.GetProperty("locations").EnumerateArray().Select(l => l.GetProperty("path").GetString()).ShouldContain($"{building} / 三楼 / 第三审判庭");

        var duplicate = await client.PostAsJsonAsync($"/api/units/{unit}/locations", new { parentId = b, name = "三楼", kind = "Floor" });
        (await duplicate.ShouldBeProblemAsync(400)).GetProperty("errors").GetProperty("Name")[0].GetString().ShouldBe("同一上级下已有名为「三楼」的位置");
        var loop = await client.PutAsJsonAsync($"/api/locations/{b}", new { parentId = room, name = building, kind = "Building" });
        (await loop.ShouldBeProblemAsync(400)).GetProperty("errors").GetProperty("ParentId")[0].GetString().ShouldBe("不能把位置移到它自己或其下级之下");
        var notEmpty = await client.DeleteAsync($"/api/locations/{floor}");
        (await notEmpty.ShouldBeProblemAsync(400)).GetProperty("errors").GetProperty("id")[0].GetString().ShouldBe("该位置下还有 1 个下级位置和 0 台资产，不能删除");

        (await client.DeleteAsync($"/api/locations/{room}")).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        (await client.DeleteAsync($"/api/locations/{floor}")).StatusCode.ShouldBe(HttpStatusCode.NoContent);
    }

    [Fact]
    public async Task A_place_renamed_on_an_old_revision_is_refused_and_keeps_the_first_rename()
    {
        var (client, unit) = await AsAsync("resident");
        var name = "档案楼" + Guid.NewGuid().ToString("N")[..4];
        var id = await (await client.PostAsJsonAsync($"/api/units/{unit}/locations", new { name, kind = "Building", sortOrder = 5 })).Content.ReadFromJsonAsync<Guid>();
        async Task<JsonElement> RowAsync() => (await (await client.GetAsync($"/api/units/{unit}/asset-options")).ReadJsonAsync())
            .GetProperty("locations").EnumerateArray().Single(l => l.GetProperty("id").GetGuid() == id);
        var revision = (await RowAsync()).GetProperty("revision").GetInt32();

        var edits = await Task.WhenAll(
            client.PutAsJsonAsync($"/api/locations/{id}", new { name = name + "甲", kind = "Building", revision }),
            client.PutAsJsonAsync($"/api/locations/{id}", new { name = name + "乙", kind = "Building", revision }));
        edits.Select(r => r.StatusCode).Order().ShouldBe([HttpStatusCode.NoContent, HttpStatusCode.Conflict]);
        var winner = edits[0].StatusCode == HttpStatusCode.NoContent ? name + "甲" : name + "乙";
        (await (edits[0].StatusCode == HttpStatusCode.Conflict ? edits[0] : edits[1]).ShouldBeProblemAsync(409))
            .GetProperty("detail").GetString().ShouldBe("记录刚被他人更新，请刷新后重试，您填写的内容未丢失。");
        (await (await client.PutAsJsonAsync($"/api/locations/{id}", new { name = "无版本", kind = "Building" })).ShouldBeProblemAsync(400))
            .GetProperty("errors").GetProperty("Revision")[0].GetString().ShouldBe("必填");

        var after = await RowAsync();
        after.GetProperty("path").GetString().ShouldBe(winner);
        after.GetProperty("revision").GetInt32().ShouldBe(revision + 1);
    }

    [Fact]
    public async Task Subsystem_owners_must_be_members_of_the_unit_on_the_right_side()
    {
        var (client, unit) = await AsAsync("client.admin");
        var users = await (await (await factory.ApiClientAsync("admin")).GetAsync("/api/users")).ReadJsonAsync();
        Guid IdOf(string name) => users.EnumerateArray().Single(u => u.GetProperty("userName").GetString() == name).GetProperty("id").GetGuid();
        var rows = await (await client.GetAsync($"/api/units/{unit}/subsystems")).ReadJsonAsync();
        rows.GetArrayLength().ShouldBe(12);
        var security = rows.EnumerateArray().Single(r => r.GetProperty("name").GetString() == "安防");
        var id = security.GetProperty("id").GetGuid();

        var wrongSide = await client.PutAsJsonAsync($"/api/subsystems/{id}", new { name = "安防", sortOrder = 7, clientOwnerId = IdOf("resident") });
        (await wrongSide.ShouldBeProblemAsync(400)).GetProperty("errors").GetProperty("ClientOwnerId")[0].GetString().ShouldBe("甲方负责人须是本单位的甲方人员");

        var revision = security.GetProperty("revision").GetInt32();
        var ok = await client.PutAsJsonAsync($"/api/subsystems/{id}", new { name = "安防", sortOrder = 7, clientOwnerId = IdOf("client.maint"), providerOwnerId = IdOf("resident"), revision });
        ok.StatusCode.ShouldBe(HttpStatusCode.NoContent);

        // A second edit made on the same (now old) revision is refused, not applied over the first.
        var stale = await client.PutAsJsonAsync($"/api/subsystems/{id}", new { name = "安防", sortOrder = 7, revision });
        await stale.ShouldBeProblemAsync(409);
        var after = (await (await client.GetAsync($"/api/units/{unit}/subsystems")).ReadJsonAsync()).EnumerateArray().Single(r => r.GetProperty("id").GetGuid() == id);
        after.GetProperty("clientOwner").GetString().ShouldBe("信息技术处 李工");
        after.GetProperty("providerOwner").GetString().ShouldBe("驻点工程师 刘工");

        var taken = await client.PostAsJsonAsync($"/api/units/{unit}/subsystems", new { name = "机房", sortOrder = 13 });
        await taken.ShouldBeProblemAsync(400);
        var resident = await factory.ApiClientAsync("resident");
        (await resident.PutAsJsonAsync($"/api/subsystems/{id}", new { name = "x", sortOrder = 1 })).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
    }
}
