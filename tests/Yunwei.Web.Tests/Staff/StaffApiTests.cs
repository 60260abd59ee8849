using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Yunwei.Web.Tests.Infrastructure;
using static Yunwei.Web.Tests.Staff.StaffTestKit;

namespace Yunwei.Web.Tests.Staff;

/// <summary>Engineer profiles, staffing decided by the client, and the history of who served when.</summary>
public sealed class StaffApiTests(YunweiFactory factory) : IClassFixture<YunweiFactory>
{
    [Fact]
    public async Task The_client_sees_the_engineers_the_resident_assignment_and_the_leadership_to_call()
    {
        var (_, staff) = await StaffAsync(await factory.ApiClientAsync("client.admin"));

        var engineers = staff.GetProperty("engineers").EnumerateArray().ToList();
        engineers.Count.ShouldBe(3);
        engineers.ShouldAllBe(e => e.GetProperty("mayBeDispatched").GetBoolean());
        engineers.ShouldAllBe(e => !e.GetProperty("canEdit").GetBoolean());
        staff.GetProperty("assignments").EnumerateArray().ShouldContain(a => a.GetProperty("engineerName").GetString()!.Contains("驻点") && a.GetProperty("endsOn").ValueKind == JsonValueKind.Null);
        staff.GetProperty("leadership").GetArrayLength().ShouldBeGreaterThan(0);
        engineers.Single(e => e.GetProperty("name").GetString()!.Contains("驻点")).GetProperty("servingUnits").EnumerateArray().Select(u => u.GetString()).ShouldBe(["示例人民法院"]);
    }

    [Fact]
    public async Task Engineers_keep_their_own_profile_only()
    {
        var duty = await factory.ApiClientAsync("duty");
        var (_, staff) = await StaffAsync(duty);
        var me = Engineer(staff, "值班");
        var resident = Engineer(staff, "驻点");
        var profile = new { phone = "13911112222", skills = new[] { "安防", "计算机网络" }, confidentialityTrainedOn = "2026-01-05", certificates = new[] { new { name = "安防工程师", number = "AF-1", expiresOn = "2026-12-01" } }, revision = Revision(staff, me) };

        (await duty.PutAsJsonAsync($"/api/staff/{me}/profile", profile)).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await duty.PutAsJsonAsync($"/api/staff/{resident}/profile", profile)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        var future = await duty.PutAsJsonAsync($"/api/staff/{me}/profile", new { confidentialityTrainedOn = "2099-01-01" });
        (await future.ShouldBeProblemAsync(400)).GetProperty("errors").GetProperty("ConfidentialityTrainedOn")[0].GetString().ShouldBe("培训日期不能晚于今天");

        var mine = (await StaffAsync(duty)).Staff.GetProperty("engineers").EnumerateArray().Single(e => e.GetProperty("userId").GetGuid() == me);
        mine.GetProperty("phone").GetString().ShouldBe("13911112222");
        mine.GetProperty("certificates")[0].GetProperty("expiring").GetBoolean().ShouldBeTrue("it expires within 60 days of today");

        // A second form opened on the same revision (another tab) is refused and changes nothing; one without a revision too.
        await (await duty.PutAsJsonAsync($"/api/staff/{me}/profile", new { phone = "13900000000", revision = Revision(staff, me) })).ShouldBeProblemAsync(409);
        (await (await duty.PutAsJsonAsync($"/api/staff/{me}/profile", new { phone = "13900000000" })).ShouldBeProblemAsync(400))
            .GetProperty("errors").GetProperty("Revision")[0].GetString().ShouldBe("必填");
        var after = (await StaffAsync(duty)).Staff.GetProperty("engineers").EnumerateArray().Single(e => e.GetProperty("userId").GetGuid() == me);
        (after.GetProperty("phone").GetString(), after.GetProperty("revision").GetInt32()).ShouldBe(("13911112222", Revision(staff, me) + 1));
    }

    private static int Revision(JsonElement staff, Guid engineer) =>
        staff.GetProperty("engineers").EnumerateArray().Single(e => e.GetProperty("userId").GetGuid() == engineer).GetProperty("revision").GetInt32();
}

/// <summary>Staffing decided by the client, on its own host: it changes the demo unit's assignments.</summary>
public sealed class StaffingTests(YunweiFactory factory) : IClassFixture<YunweiFactory>
{
    [Fact]
    public async Task An_approved_replacement_closes_the_old_assignment_and_an_untrained_engineer_cannot_be_dispatched()
    {
        var account = await factory.ApiClientAsync("account");
        var admin = await factory.ApiClientAsync("client.admin");
        var (unit, staff) = await StaffAsync(account);
        var support = Engineer(staff, "支持");
        var duty = Engineer(staff, "值班");

        (await account.PutAsJsonAsync($"/api/staff/{duty}/profile", new { phone = "13800000102", revision = 0 })).StatusCode.ShouldBe(HttpStatusCode.OK);
        var untrained = await account.PostAsJsonAsync($"/api/units/{unit}/approvals", new
        {
            kind = "StaffingChange",
            title = "派驻孙工",
            gatedType = "Engineer",
            gatedId = duty,
            fields = new Dictionary<string, string> { ["change"] = "Dispatch", ["engineer"] = "值班工程师 孙工", ["reason"] = "增援" },
        });
        (await untrained.ShouldBeProblemAsync(400)).GetProperty("errors").GetProperty("GatedId")[0].GetString()!.ShouldContain("保密培训");

        var request = await account.PostAsJsonAsync($"/api/units/{unit}/approvals", new
        {
            kind = "StaffingChange",
            title = "更换驻点工程师为吴工",
            gatedType = "Engineer",
            gatedId = support,
            fields = new Dictionary<string, string> { ["change"] = "更换", ["engineer"] = "支持工程师 吴工", ["reason"] = "刘工调岗" },
        });
        request.StatusCode.ShouldBe(HttpStatusCode.Created, await request.Content.ReadAsStringAsync());
        var id = await request.Content.ReadFromJsonAsync<Guid>();
        (await StaffAsync(admin)).Staff.GetProperty("assignments").EnumerateArray().Count(a => a.GetProperty("userId").GetGuid() == support).ShouldBe(0, "nothing changes before the client decides");

        (await admin.PostAsJsonAsync($"/api/approvals/{id}/approve", new { comment = "同意" })).StatusCode.ShouldBe(HttpStatusCode.OK);

        var assignments = (await StaffAsync(admin)).Staff.GetProperty("assignments").EnumerateArray().ToList();
        assignments.Single(a => a.GetProperty("userId").GetGuid() == support).GetProperty("endsOn").ValueKind.ShouldBe(JsonValueKind.Null);
        assignments.Single(a => a.GetProperty("engineerName").GetString()!.Contains("驻点")).GetProperty("endsOn").ValueKind.ShouldBe(JsonValueKind.String);
        assignments.Single(a => a.GetProperty("userId").GetGuid() == support).GetProperty("approvalId").GetGuid().ShouldBe(id);

        // Attendance expects the new resident only from the assignment's first day.
        var today = Yunwei.Domain.ChinaTime.Today(TimeProvider.System.GetUtcNow());
        var sheet = await (await admin.GetAsync($"/api/units/{unit}/attendance/{support}/{today:yyyy-MM}")).ReadJsonAsync();
        var days = sheet.GetProperty("days").EnumerateArray().ToList();
        days.Where(d => DateOnly.Parse(d.GetProperty("date").GetString()!, System.Globalization.CultureInfo.InvariantCulture) < today)
            .ShouldAllBe(d => d.GetProperty("status").GetString() == "NotServing");
        days.Single(d => d.GetProperty("date").GetString() == today.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture))
            .GetProperty("status").GetString().ShouldNotBe("NotServing");
    }
}

internal static class StaffTestKit
{
    public static async Task<(Guid Unit, JsonElement Staff)> StaffAsync(HttpClient client)
    {
        var unit = (await (await client.GetAsync("/api/units")).ReadJsonAsync())[0].GetProperty("id").GetGuid();
        return (unit, await (await client.GetAsync($"/api/units/{unit}/staff")).ReadJsonAsync());
    }

    public static Guid Engineer(JsonElement staff, string part) =>
        staff.GetProperty("engineers").EnumerateArray().Single(e => e.GetProperty("name").GetString()!.Contains(part, StringComparison.Ordinal)).GetProperty("userId").GetGuid();
}
