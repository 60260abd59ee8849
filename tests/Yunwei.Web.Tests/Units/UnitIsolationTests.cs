using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Yunwei.Domain.Administration;
using Yunwei.Web.Tests.Infrastructure;

namespace Yunwei.Web.Tests.Units;

/// <summary>A user of unit A cannot read, list, count or modify anything of unit B through the API.</summary>
public sealed class UnitIsolationTests(YunweiFactory factory) : IClassFixture<YunweiFactory>
{
    private async Task<(Guid DemoUnit, Guid OtherUnit)> TwoUnitsAsync()
    {
        var admin = await factory.ApiClientAsync("admin");
        var units = await (await admin.GetAsync("/api/units")).ReadJsonAsync();
        var demo = units.EnumerateArray().Single(u => u.GetProperty("code").GetString() == "DEMO").GetProperty("id").GetGuid();
        var code = "B" + Guid.NewGuid().ToString("N")[..6].ToUpperInvariant();
        var created = await admin.PostJsonAsync("/api/units", new { code, name = "乙市中级人民法院", address = "乙市" });
        created.StatusCode.ShouldBe(HttpStatusCode.Created);
        return (demo, (await created.ReadJsonAsync()).GetProperty("id").GetGuid());
    }

    [Fact]
    public async Task The_unit_list_holds_only_the_callers_units()
    {
        var (demo, other) = await TwoUnitsAsync();
        var client = await factory.ApiClientAsync("client.admin");

        var units = await (await client.GetAsync("/api/units")).ReadJsonAsync();

        units.EnumerateArray().Select(u => u.GetProperty("id").GetGuid()).ShouldBe([demo]);
        units.EnumerateArray().ShouldNotContain(u => u.GetProperty("id").GetGuid() == other);
    }

    [Fact]
    public async Task Another_units_record_is_404_not_403_so_its_existence_is_not_revealed()
    {
        var (_, other) = await TwoUnitsAsync();
        var client = await factory.ApiClientAsync("client.admin");

        var read = await client.GetAsync($"/api/units/{other}");
        var problem = await read.ShouldBeProblemAsync(404);
        var missing = await client.GetAsync($"/api/units/{Guid.NewGuid()}");
        var missingProblem = await missing.ShouldBeProblemAsync(404);

        // The same answer whether the record exists elsewhere or not at all.
        problem.GetProperty("detail").GetString().ShouldBe(missingProblem.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task Another_units_contract_cannot_be_modified()
    {
        var (_, other) = await TwoUnitsAsync();
        var client = await factory.ApiClientAsync("client.admin");

        var response = await client.PutAsJsonAsync($"/api/units/{other}/contract", ValidContract("偷改的合同"));

        await response.ShouldBeProblemAsync(404);
        var admin = await factory.ApiClientAsync("admin");
        var unit = await (await admin.GetAsync($"/api/units/{other}")).ReadJsonAsync();
        unit.GetProperty("contract").GetProperty("title").GetString().ShouldNotBe("偷改的合同");
    }

    [Fact]
    public async Task Another_units_audit_trail_and_people_are_invisible()
    {
        var (_, other) = await TwoUnitsAsync();
        var admin = await factory.ApiClientAsync("admin");
        var created = await admin.PostJsonAsync("/api/users", new
        {
            userName = "b.staff." + Guid.NewGuid().ToString("N")[..6],
            displayName = "乙法院 维护人员",
            role = Roles.ClientMaintenance,
            unitIds = new[] { other },
        });
        created.StatusCode.ShouldBe(HttpStatusCode.Created);
        var client = await factory.ApiClientAsync("client.admin");

        var audit = await (await client.GetAsync($"/api/audit?unitId={other}")).ReadJsonAsync();
        var users = await (await client.GetAsync($"/api/users?unitId={other}")).ReadJsonAsync();
        var allUsers = await (await client.GetAsync("/api/users")).ReadJsonAsync();

        audit.GetProperty("rows").GetArrayLength().ShouldBe(0);
        users.GetArrayLength().ShouldBe(0);
        allUsers.EnumerateArray().ShouldNotContain(u => u.GetProperty("displayName").GetString() == "乙法院 维护人员");
        var adminAudit = await (await admin.GetAsync($"/api/audit?unitId={other}")).ReadJsonAsync();
        adminAudit.GetProperty("rows").GetArrayLength().ShouldBeGreaterThan(0);
    }

    [Fact]
    public async Task A_client_administrator_edits_the_own_contract_and_the_change_is_audited_with_old_and_new_values()
    {
        var (demo, _) = await TwoUnitsAsync();
        var client = await factory.ApiClientAsync("client.admin");
        var title = "驻点运维合同 " + Guid.NewGuid().ToString("N")[..4];

        var response = await client.PutAsJsonAsync($"/api/units/{demo}/contract", await EditOfAsync(client, demo, ValidContract(title)));

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var saved = await response.ReadJsonAsync();
        saved.GetProperty("slaTargets")[0].GetProperty("responseMinutes").GetInt32().ShouldBe(15);
        var audit = await (await client.GetAsync($"/api/audit?unitId={demo}&entity=ServiceContract&user=client.admin")).ReadJsonAsync();
        var row = audit.GetProperty("rows").EnumerateArray().First();
        row.GetProperty("action").GetString().ShouldBe("Update");
        var changes = JsonDocument.Parse(row.GetProperty("changes").GetString()!).RootElement;
        changes.GetProperty("Title")[1].GetString().ShouldBe(title);
    }

    /// <summary>A contract edit naming the revision of the unit's current contract, as the contract form sends it.</summary>
    internal static async Task<System.Text.Json.Nodes.JsonObject> EditOfAsync(HttpClient client, Guid unit, object body)
    {
        var edit = JsonSerializer.SerializeToNode(body)!.AsObject();
        var current = (await (await client.GetAsync($"/api/units/{unit}")).ReadJsonAsync()).GetProperty("contract");
        edit["revision"] = current.ValueKind == JsonValueKind.Null ? null : current.GetProperty("revision").GetInt32();
        return edit;
    }

    [Fact]
    public async Task Two_contract_edits_of_one_revision_one_wins_and_a_template_change_in_between_is_not_overwritten()
    {
        var (demo, _) = await TwoUnitsAsync();
        var client = await factory.ApiClientAsync("client.admin");
        var first = await EditOfAsync(client, demo, ValidContract("甲改的合同"));
        var second = await EditOfAsync(client, demo, ValidContract("乙改的合同"));

        var saves = await Task.WhenAll(client.PutAsJsonAsync($"/api/units/{demo}/contract", first), client.PutAsJsonAsync($"/api/units/{demo}/contract", second));

        saves.Select(r => r.StatusCode).Order().ShouldBe([HttpStatusCode.OK, HttpStatusCode.Conflict]);
        var winner = saves[0].StatusCode == HttpStatusCode.OK ? "甲改的合同" : "乙改的合同";
        (await (await client.GetAsync($"/api/units/{demo}")).ReadJsonAsync()).GetProperty("contract").GetProperty("title").GetString().ShouldBe(winner);

        // The assessment template lives on the contract too: a form opened before it changed is refused.
        var stale = await EditOfAsync(client, demo, ValidContract("过期表单"));
        var template = await (await client.GetAsync($"/api/units/{demo}/assessment-template")).ReadJsonAsync();
        (await client.PutAsJsonAsync($"/api/units/{demo}/assessment-template", new { items = template.GetProperty("items"), bands = template.GetProperty("bands"), revision = template.GetProperty("revision").GetInt32() })).StatusCode.ShouldBe(HttpStatusCode.OK);
        await (await client.PutAsJsonAsync($"/api/units/{demo}/contract", stale)).ShouldBeProblemAsync(409);
        (await (await client.GetAsync($"/api/units/{demo}")).ReadJsonAsync()).GetProperty("contract").GetProperty("title").GetString().ShouldBe(winner);
    }

    [Fact]
    public async Task A_unit_renamed_on_an_old_revision_is_refused_and_keeps_the_first_rename()
    {
        var admin = await factory.ApiClientAsync("admin");
        var created = await (await admin.PostAsJsonAsync("/api/units", new { code = "RV" + Guid.NewGuid().ToString("N")[..6], name = "丙法院" })).ReadJsonAsync();
        var id = created.GetProperty("id").GetGuid();
        var revision = created.GetProperty("revision").GetInt32();

        (await admin.PutAsJsonAsync($"/api/units/{id}", new { name = "丙市人民法院", isActive = true, revision })).StatusCode.ShouldBe(HttpStatusCode.OK);
        await (await admin.PutAsJsonAsync($"/api/units/{id}", new { name = "丙县人民法院", isActive = true, revision })).ShouldBeProblemAsync(409);
        (await (await admin.PutAsJsonAsync($"/api/units/{id}", new { name = "无版本", isActive = true })).ShouldBeProblemAsync(400))
            .GetProperty("errors").GetProperty("Revision")[0].GetString().ShouldBe("必填");
        (await (await admin.GetAsync($"/api/units/{id}")).ReadJsonAsync()).GetProperty("unit").GetProperty("name").GetString().ShouldBe("丙市人民法院");
    }

    internal static object ValidContract(string title) => new
    {
        title,
        startsOn = "2026-01-01",
        endsOn = "2026-12-31",
        calendarMode = "AllDay",
        workingHours = "08:30-12:00,13:30-17:30",
        slaTargets = new object[]
        {
            new { level = "Level1", responseMinutes = 15, restoreMinutes = 240, resolveMinutes = 720 },
            new { level = "Level2", responseMinutes = 30, restoreMinutes = 480, resolveMinutes = 1440 },
            new { level = "Level3", responseMinutes = 60, restoreMinutes = (int?)null, resolveMinutes = 2880 },
        },
        leadershipContacts = new[] { new { name = "冯总", title = "总经理", phone = "13800000001", email = "feng@example.com" } },
    };
}
