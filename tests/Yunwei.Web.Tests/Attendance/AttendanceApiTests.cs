using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using MiniExcelLibs;
using Yunwei.Web.Tests.Faults;
using Yunwei.Web.Tests.Infrastructure;

namespace Yunwei.Web.Tests.Attendance;

/// <summary>Check-in and out on a test clock, leave decided by the client, the month's sheet in Excel, signed.</summary>
public sealed class AttendanceApiTests(FaultsFactory factory) : IClassFixture<FaultsFactory>
{
    private static readonly object[][] Ink =
    [
        [new { x = 100, y = 100 }, new { x = 200, y = 250 }, new { x = 300, y = 120 }, new { x = 400, y = 260 }, new { x = 500, y = 110 }],
    ];

    [Fact]
    public async Task A_month_of_lateness_leave_absence_and_overtime_is_exported_and_signed_by_the_client()
    {
        var resident = await factory.ApiClientAsync("resident");
        var admin = await factory.ApiClientAsync("client.admin");
        var unit = (await (await resident.GetAsync("/api/units")).ReadJsonAsync())[0].GetProperty("id").GetGuid();
        var me = (await (await resident.GetAsync($"/api/units/{unit}/staff")).ReadJsonAsync()).GetProperty("engineers").EnumerateArray()
            .Single(e => e.GetProperty("name").GetString()!.Contains("驻点")).GetProperty("userId").GetGuid();

        // Monday 2 March 2026, 10:00: two hours late; a second check-in changes nothing.
        var first = await (await resident.PostAsJsonAsync($"/api/units/{unit}/attendance/check", new { action = "In" })).ReadJsonAsync();
        first.GetProperty("lateMinutes").GetInt32().ShouldBe(120);
        factory.Clock.Advance(TimeSpan.FromMinutes(5));
        var again = await (await resident.PostAsJsonAsync($"/api/units/{unit}/attendance/check", new { action = "In" })).ReadJsonAsync();
        again.GetProperty("in").GetDateTime().ShouldBe(first.GetProperty("in").GetDateTime());
        var duty = await factory.ApiClientAsync("duty");
        (await (await duty.PostAsJsonAsync($"/api/units/{unit}/attendance/check", new { action = "Out" })).ShouldBeProblemAsync(400))
            .GetProperty("errors").GetProperty("action")[0].GetString().ShouldBe("今天还没有签到，请先签到");
        factory.Clock.Advance(TimeSpan.FromHours(8.5) - TimeSpan.FromMinutes(5));
        var home = await (await resident.PostAsJsonAsync($"/api/units/{unit}/attendance/check", new { action = "Out" })).ReadJsonAsync();
        home.GetProperty("status").GetString().ShouldBe("Late");
        home.GetProperty("overtimeMinutes").GetInt32().ShouldBe(30);

        // Leave on Tuesday and Wednesday, decided by the client.
        var leave = await resident.PostAsJsonAsync($"/api/units/{unit}/approvals", new
        {
            kind = "Leave",
            title = "事假两天",
            gatedType = "Engineer",
            gatedId = me,
            fields = new Dictionary<string, string> { ["from"] = "2026-03-03", ["to"] = "2026-03-04", ["reason"] = "家中有事" },
        });
        leave.StatusCode.ShouldBe(HttpStatusCode.Created, await leave.Content.ReadAsStringAsync());
        (await admin.PostAsJsonAsync($"/api/approvals/{await leave.Content.ReadFromJsonAsync<Guid>()}/approve", new { comment = "同意" })).StatusCode.ShouldBe(HttpStatusCode.OK);

        // Before the month ends the client cannot sign it.
        (await (await admin.PostAsJsonAsync($"/api/units/{unit}/attendance/{me}/2026-03/sign", new { signature = Ink })).ShouldBeProblemAsync(400))
            .GetProperty("errors").GetProperty("Signature")[0].GetString().ShouldBe("当月结束后才能签字确认考勤表");

        factory.Clock.SetUtcNow(new DateTimeOffset(new DateTime(2026, 4, 1, 2, 0, 0, DateTimeKind.Utc)));
        var sheet = await (await admin.GetAsync($"/api/units/{unit}/attendance/{me}/2026-03")).ReadJsonAsync();
        string Status(int day) => sheet.GetProperty("days").EnumerateArray().Single(d => d.GetProperty("date").GetString() == $"2026-03-{day:00}").GetProperty("status").GetString()!;
        Status(2).ShouldBe("Late");
        Status(3).ShouldBe("Leave");
        Status(4).ShouldBe("Leave");
        Status(5).ShouldBe("Absent");
        Status(7).ShouldBe("Rest");
        var totals = sheet.GetProperty("totals");
        totals.GetProperty("workingDays").GetInt32().ShouldBe(22);
        totals.GetProperty("present").GetInt32().ShouldBe(1);
        totals.GetProperty("leave").GetInt32().ShouldBe(2);
        totals.GetProperty("absent").GetInt32().ShouldBe(19);
        totals.GetProperty("overtimeMinutes").GetInt32().ShouldBe(30);

        var excel = await admin.GetAsync($"/api/units/{unit}/attendance/{me}/2026-03.xlsx");
        excel.StatusCode.ShouldBe(HttpStatusCode.OK);
        using var stream = new MemoryStream(await excel.Content.ReadAsByteArrayAsync());
        var rows = stream.Query(useHeaderRow: true).Cast<IDictionary<string, object?>>().ToList();
        rows.Count.ShouldBe(32);
        rows[1]["日期"].ShouldBe("2026-03-02");
        rows[1]["状态"].ShouldBe("迟到");
        rows[1]["签到"].ShouldBe("10:00");
        rows[^1]["签到"]!.ToString()!.ShouldContain("应出勤 22 天");

        (await resident.PostAsJsonAsync($"/api/units/{unit}/attendance/{me}/2026-03/sign", new { signature = Ink })).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await admin.PostAsJsonAsync($"/api/units/{unit}/attendance/{me}/2026-03/sign", new { signature = Ink })).StatusCode.ShouldBe(HttpStatusCode.OK);
        var signed = await (await resident.GetAsync($"/api/units/{unit}/attendance/{me}/2026-03")).ReadJsonAsync();
        signed.GetProperty("signature").GetProperty("matches").GetBoolean().ShouldBeTrue();
        signed.GetProperty("signature").GetProperty("signerName").GetString()!.ShouldContain("王主任");
        (await (await factory.ApiClientAsync("enduser")).GetAsync($"/api/units/{unit}/attendance/{me}/2026-03")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
    }
}
