using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Yunwei.Web.Tests.Faults;
using Yunwei.Web.Tests.Infrastructure;

namespace Yunwei.Web.Tests.Roster;

/// <summary>Unit calendars: shipped holidays, import of holiday-cn files, manual days, and the SLA clocks counting on them.</summary>
public sealed class CalendarsApiTests(FaultsFactory factory) : IClassFixture<FaultsFactory>
{
    private static async Task<HttpResponseMessage> ImportAsync(HttpClient client, Guid unit, string json, string name = "2027.json")
    {
        using var content = new MultipartFormDataContent();
        var file = new ByteArrayContent(Encoding.UTF8.GetBytes(json));
        file.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        content.Add(file, "file", name);
        return await client.PostAsync($"/api/units/{unit}/calendar/import", content);
    }

    [Fact]
    public async Task Every_unit_starts_with_the_2025_and_2026_holidays()
    {
        var admin = await factory.ApiClientAsync("client.admin");
        var unit = (await (await admin.GetAsync("/api/units")).ReadJsonAsync())[0].GetProperty("id").GetGuid();

        var year = await (await admin.GetAsync($"/api/units/{unit}/calendar?year=2026")).ReadJsonAsync();

        var days = year.GetProperty("days").EnumerateArray().ToList();
        days.Count(d => d.GetProperty("source").GetString() == "holiday-cn 2026").ShouldBe(39);
        days.ShouldContain(d => d.GetProperty("date").GetString() == "2026-02-14" && d.GetProperty("kind").GetString() == "MakeUpWorkday");
        days.ShouldContain(d => d.GetProperty("date").GetString() == "2026-10-01" && d.GetProperty("name").GetString() == "国庆节");
        year.GetProperty("years").EnumerateArray().Select(y => y.GetInt32()).ShouldContain(2025);
    }

    [Fact]
    public async Task A_file_with_a_bad_entry_is_refused_whole_naming_the_entry()
    {
        var admin = await factory.ApiClientAsync("client.admin");
        var unit = (await (await admin.GetAsync("/api/units")).ReadJsonAsync())[0].GetProperty("id").GetGuid();
        const string json = """{"year": 2027, "days": [{"name": "元旦", "date": "2027-01-01", "isOffDay": true}, {"name": "春节", "date": "2027-02-30", "isOffDay": true}]}""";

        var response = await ImportAsync(admin, unit, json);

        (await response.ShouldBeProblemAsync(400)).GetProperty("errors").GetProperty("file")[0].GetString().ShouldBe("第 2 条的日期「2027-02-30」无效或不属于该年份");
        (await (await admin.GetAsync($"/api/units/{unit}/calendar?year=2027")).ReadJsonAsync()).GetProperty("days").GetArrayLength().ShouldBe(0);
        (await ImportAsync(admin, unit, "<xml/>")).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Importing_a_year_replaces_what_was_imported_for_it_and_engineers_may_not()
    {
        var admin = await factory.ApiClientAsync("client.admin");
        var unit = (await (await admin.GetAsync("/api/units")).ReadJsonAsync())[0].GetProperty("id").GetGuid();
        (await ImportAsync(await factory.ApiClientAsync("resident"), unit, "{}")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);

        var first = await ImportAsync(admin, unit, """{"year": 2028, "days": [{"name": "元旦", "date": "2028-01-01", "isOffDay": true}, {"name": "春节", "date": "2028-01-26", "isOffDay": true}]}""");
        first.StatusCode.ShouldBe(HttpStatusCode.OK, await first.Content.ReadAsStringAsync());
        var second = await (await ImportAsync(admin, unit, """{"year": 2028, "days": [{"name": "元旦", "date": "2028-01-01", "isOffDay": true}, {"name": "春节", "date": "2028-01-27", "isOffDay": true}]}""")).ReadJsonAsync();

        second.GetProperty("added").GetInt32().ShouldBe(1);
        second.GetProperty("removed").GetInt32().ShouldBe(1);
        var dates = (await (await admin.GetAsync($"/api/units/{unit}/calendar?year=2028")).ReadJsonAsync()).GetProperty("days").EnumerateArray()
            .Select(d => d.GetProperty("date").GetString()).ToList();
        dates.ShouldBe(["2028-01-01", "2028-01-27"]);
    }

    [Fact]
    public async Task A_make_up_day_must_be_a_weekend_and_special_periods_need_an_order()
    {
        var admin = await factory.ApiClientAsync("client.admin");
        var unit = (await (await admin.GetAsync("/api/units")).ReadJsonAsync())[0].GetProperty("id").GetGuid();

        var weekday = await admin.PutAsJsonAsync($"/api/units/{unit}/calendar/days/2026-12-01", new { kind = "MakeUpWorkday", name = "补班" });
        (await weekday.ShouldBeProblemAsync(400)).GetProperty("errors").GetProperty("date")[0].GetString().ShouldBe("调休上班日须为周六或周日");
        (await admin.PutAsJsonAsync($"/api/units/{unit}/calendar/days/2026-12-05", new { kind = "MakeUpWorkday", name = "补班" })).StatusCode.ShouldBe(HttpStatusCode.OK);
        var backwards = await admin.PostAsJsonAsync($"/api/units/{unit}/calendar/periods", new { name = "年终保障", startsOn = "2026-12-31", endsOn = "2026-12-20" });
        (await backwards.ShouldBeProblemAsync(400)).GetProperty("errors").GetProperty("EndsOn")[0].GetString().ShouldBe("结束日期不能早于开始日期");
        (await admin.PostAsJsonAsync($"/api/units/{unit}/calendar/periods", new { name = "年终保障", startsOn = "2026-12-20", endsOn = "2026-12-31" })).StatusCode.ShouldBe(HttpStatusCode.Created);
        var december = await (await admin.GetAsync($"/api/units/{unit}/calendar?year=2026")).ReadJsonAsync();
        december.GetProperty("periods").EnumerateArray().ShouldContain(p => p.GetProperty("name").GetString() == "年终保障");
        december.GetProperty("days").EnumerateArray().ShouldContain(d => d.GetProperty("date").GetString() == "2026-12-05" && d.GetProperty("source").GetString() == "manual");
    }

    [Fact]
    public async Task A_day_set_on_an_old_revision_is_refused_and_the_first_setting_stays()
    {
        var admin = await factory.ApiClientAsync("client.admin");
        var unit = (await (await admin.GetAsync("/api/units")).ReadJsonAsync())[0].GetProperty("id").GetGuid();
        async Task<JsonElement> DayAsync() => (await (await admin.GetAsync($"/api/units/{unit}/calendar?year=2029")).ReadJsonAsync())
            .GetProperty("days").EnumerateArray().Single(d => d.GetProperty("date").GetString() == "2029-06-01");

        // Two people add the same new day at once: one of them is told someone else set it.
        var adds = await Task.WhenAll(
            admin.PutAsJsonAsync($"/api/units/{unit}/calendar/days/2029-06-01", new { kind = "Holiday", name = "院庆", revision = -1 }),
            admin.PutAsJsonAsync($"/api/units/{unit}/calendar/days/2029-06-01", new { kind = "Holiday", name = "儿童节", revision = -1 }));
        adds.Select(r => r.StatusCode).Order().ShouldBe([HttpStatusCode.OK, HttpStatusCode.Conflict]);
        var first = await DayAsync();
        var revision = first.GetProperty("revision").GetInt32();

        (await admin.PutAsJsonAsync($"/api/units/{unit}/calendar/days/2029-06-01", new { kind = "Holiday", name = "院庆日", revision })).StatusCode.ShouldBe(HttpStatusCode.OK);
        await (await admin.PutAsJsonAsync($"/api/units/{unit}/calendar/days/2029-06-01", new { kind = "Holiday", name = "过期表单", revision })).ShouldBeProblemAsync(409);
        (await (await admin.PutAsJsonAsync($"/api/units/{unit}/calendar/days/2029-06-01", new { kind = "Holiday", name = "无版本" })).ShouldBeProblemAsync(400))
            .GetProperty("errors").GetProperty("Revision")[0].GetString().ShouldBe("必填");

        var after = await DayAsync();
        (after.GetProperty("name").GetString(), after.GetProperty("revision").GetInt32()).ShouldBe(("院庆日", revision + 1));
    }

    [Fact]
    public async Task A_working_hours_contract_counts_on_the_units_holidays()
    {
        var (unit, code) = await factory.AssetAsync();
        var admin = await factory.ApiClientAsync("client.admin");
        var duty = await factory.ApiClientAsync("duty");
        var contract = new
        {
            title = "工作时间合同",
            startsOn = "2026-01-01",
            endsOn = "2026-12-31",
            calendarMode = "WorkingHours",
            workingHours = "08:00-12:00,14:00-18:00",
            slaTargets = new object[]
            {
                new { level = "Level1", responseMinutes = 10, restoreMinutes = 240, resolveMinutes = 720 },
                new { level = "Level2", responseMinutes = 30, restoreMinutes = 480, resolveMinutes = 1440 },
                new { level = "Level3", responseMinutes = 60, restoreMinutes = (int?)null, resolveMinutes = 2880 },
            },
            leadershipContacts = Array.Empty<object>(),
        };
        (await admin.PutAsJsonAsync($"/api/units/{unit}/contract", await Units.UnitIsolationTests.EditOfAsync(admin, unit, contract))).StatusCode.ShouldBe(HttpStatusCode.OK);
        var today = Yunwei.Domain.ChinaTime.Today(factory.Clock.GetUtcNow());
        (await admin.PutAsJsonAsync($"/api/units/{unit}/calendar/days/{today:yyyy-MM-dd}", new { kind = "Holiday", name = "临时放假" })).StatusCode.ShouldBe(HttpStatusCode.OK);

        var id = (await (await duty.PostAsJsonAsync($"/api/units/{unit}/faults", new { description = "办公电脑无法开机", assetCode = code, callerName = "办公室", channel = "Hotline" })).ReadJsonAsync())
            .GetProperty("id").GetGuid();
        var fault = await (await duty.GetAsync($"/api/faults/{id}")).ReadJsonAsync();

        // Reported on a holiday with no level (level 1's 10 working minutes until classified): the next working morning at 08:10.
        var next = today.AddDays(1);
        while (next.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday)
        {
            next = next.AddDays(1);
        }

        var response = fault.GetProperty("clocks").EnumerateArray().Single(c => c.GetProperty("clock").GetString() == "Response");
        response.GetProperty("deadline").GetDateTime().ToUniversalTime().ShouldBe(Yunwei.Domain.ChinaTime.ToUtc(next.ToDateTime(new TimeOnly(8, 10))));
        response.GetProperty("why").EnumerateArray().Select(w => w.GetString()).ShouldContain(w => w!.Contains("节假日不计"));
    }
}
