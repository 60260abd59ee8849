using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Yunwei.Web.Tests.Faults;
using Yunwei.Web.Tests.Infrastructure;

namespace Yunwei.Web.Tests.Roster;

/// <summary>Duty rosters: no overlaps, backups required on holidays, gaps acknowledged, who is on duty now.</summary>
public sealed class RosterApiTests(FaultsFactory factory) : IClassFixture<FaultsFactory>
{
    private static async Task<(HttpClient Account, Guid Unit, Dictionary<string, Guid> Engineers)> SetupAsync(FaultsFactory factory)
    {
        var account = await factory.ApiClientAsync("account");
        var unit = (await (await account.GetAsync("/api/units")).ReadJsonAsync())[0].GetProperty("id").GetGuid();
        var view = await (await account.GetAsync($"/api/units/{unit}/roster/2026-02")).ReadJsonAsync();
        var engineers = view.GetProperty("engineers").EnumerateArray().ToDictionary(e => e.GetProperty("name").GetString()!, e => e.GetProperty("id").GetGuid());
        return (account, unit, engineers);
    }

    private static async Task AddAsync(HttpClient client, Guid unit, object shift, HttpStatusCode expected = HttpStatusCode.Created)
    {
        var response = await client.PostAsJsonAsync($"/api/units/{unit}/roster/shifts", shift);
        response.StatusCode.ShouldBe(expected, await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Two_publishes_of_one_revision_one_wins_the_other_is_told_the_roster_changed()
    {
        var (account, unit, engineers) = await SetupAsync(factory);
        await AddAsync(account, unit, new { date = new DateOnly(2026, 7, 8), kind = "Day", engineerId = engineers.Values.First() });
        var revision = (await (await account.GetAsync($"/api/units/{unit}/roster/2026-07")).ReadJsonAsync()).GetProperty("revision").GetInt32();

        var publishes = await Task.WhenAll(
            account.PostAsJsonAsync($"/api/units/{unit}/roster/2026-07/publish", new { revision, gapsAcknowledgement = "七月只排一个白班（测试）" }),
            account.PostAsJsonAsync($"/api/units/{unit}/roster/2026-07/publish", new { revision, gapsAcknowledgement = "另一人同时发布" }));

        publishes.Select(p => p.StatusCode).Order().ShouldBe([HttpStatusCode.OK, HttpStatusCode.Conflict]);
        var view = await (await account.GetAsync($"/api/units/{unit}/roster/2026-07")).ReadJsonAsync();
        view.GetProperty("revision").GetInt32().ShouldBe(revision + 1, "published once");
        var winner = publishes[0].StatusCode == HttpStatusCode.OK ? "七月只排一个白班（测试）" : "另一人同时发布";
        view.GetProperty("gapsAcknowledgement").GetString().ShouldBe(winner);
    }

    [Fact]
    public async Task A_Spring_Festival_roster_is_refused_without_backups_then_published_with_them()
    {
        var (account, unit, engineers) = await SetupAsync(factory);
        var (a, b) = (engineers.Values.First(), engineers.Values.Last());
        for (var day = new DateOnly(2026, 2, 1); day.Month == 2; day = day.AddDays(1))
        {
            await AddAsync(account, unit, new { date = day, kind = "Day", engineerId = day.Day % 2 == 0 ? a : b });
            await AddAsync(account, unit, new { date = day, kind = "Night", engineerId = day.Day % 2 == 0 ? b : a });
        }

        await AddAsync(account, unit, new { date = new DateOnly(2026, 2, 3), kind = "OnCall", engineerId = a, isBackup = true, phone = "13800000001" }, HttpStatusCode.BadRequest);
        var view = await (await account.GetAsync($"/api/units/{unit}/roster/2026-02")).ReadJsonAsync();
        view.GetProperty("backupDays").GetArrayLength().ShouldBe(9);
        var refused = await account.PostAsJsonAsync($"/api/units/{unit}/roster/2026-02/publish", new { revision = view.GetProperty("revision").GetInt32(), gapsAcknowledgement = "1 日凌晨由一月夜班覆盖" });
        var problem = await refused.ShouldBeProblemAsync(400);
        problem.GetProperty("errors").GetProperty("Backups")[0].GetString()!.ShouldContain("2月15日");

        var support = engineers.Single(e => e.Key.Contains("支持", StringComparison.Ordinal)).Value;
        for (var day = 15; day <= 23; day++)
        {
            await AddAsync(account, unit, new { date = new DateOnly(2026, 2, day), kind = "OnCall", engineerId = support, isBackup = true, phone = "13900000009" });
        }

        view = await (await account.GetAsync($"/api/units/{unit}/roster/2026-02")).ReadJsonAsync();
        view.GetProperty("missingBackups").GetArrayLength().ShouldBe(0);
        view.GetProperty("gaps").GetArrayLength().ShouldBe(1, "1 February 00:00–08:00 belongs to January's last night");
        var withoutNote = await account.PostAsJsonAsync($"/api/units/{unit}/roster/2026-02/publish", new { revision = view.GetProperty("revision").GetInt32() });
        (await withoutNote.ShouldBeProblemAsync(400)).GetProperty("errors").GetProperty("GapsAcknowledgement")[0].GetString()!.ShouldContain("无人值班");
        var published = await account.PostAsJsonAsync($"/api/units/{unit}/roster/2026-02/publish", new { revision = view.GetProperty("revision").GetInt32(), gapsAcknowledgement = "1 日凌晨由一月夜班覆盖" });
        published.StatusCode.ShouldBe(HttpStatusCode.OK, await published.Content.ReadAsStringAsync());
        var done = await published.ReadJsonAsync();
        done.GetProperty("state").GetString().ShouldBe("Published");
        done.GetProperty("gapsAcknowledgement").GetString().ShouldBe("1 日凌晨由一月夜班覆盖");

        // The year at a glance: February published with its 8 acknowledged hours; April has no roster at all.
        var year = (await (await account.GetAsync($"/api/units/{unit}/roster/year/2026")).ReadJsonAsync()).EnumerateArray().ToList();
        year.Count.ShouldBe(12);
        year[1].GetProperty("state").GetString().ShouldBe("Published");
        year[1].GetProperty("uncoveredHours").GetInt32().ShouldBe(8);
        year[1].GetProperty("missingBackupDays").GetInt32().ShouldBe(0);
        year[3].GetProperty("state").ValueKind.ShouldBe(JsonValueKind.Null);
        year[3].GetProperty("uncoveredHours").GetInt32().ShouldBe(30 * 24);
        year[3].GetProperty("missingBackupDays").GetInt32().ShouldBe(3, "Qingming, 4 to 6 April");
    }

    [Fact]
    public async Task Who_is_on_duty_now_and_next_comes_from_published_rosters_only()
    {
        var (account, unit, engineers) = await SetupAsync(factory);
        var today = Yunwei.Domain.ChinaTime.Today(factory.Clock.GetUtcNow());
        var (a, b) = (engineers.Values.First(), engineers.Values.Last());
        await AddAsync(account, unit, new { date = today, kind = "Day", engineerId = a });
        await AddAsync(account, unit, new { date = today, kind = "Night", engineerId = b });
        await AddAsync(account, unit, new { date = today, kind = "Day", engineerId = a }, HttpStatusCode.BadRequest);

        var draft = await (await (await factory.ApiClientAsync("client.admin")).GetAsync($"/api/units/{unit}/duty-now")).ReadJsonAsync();
        draft.GetProperty("onDuty").GetArrayLength().ShouldBe(0, "a draft roster is not in force");

        var month = $"{today:yyyy-MM}";
        var view = await (await account.GetAsync($"/api/units/{unit}/roster/{month}")).ReadJsonAsync();
        (await account.PostAsJsonAsync($"/api/units/{unit}/roster/{month}/publish", new { revision = view.GetProperty("revision").GetInt32(), gapsAcknowledgement = "试运行：仅排今日" }))
            .StatusCode.ShouldBe(HttpStatusCode.OK);
        var now = await (await (await factory.ApiClientAsync("client.admin")).GetAsync($"/api/units/{unit}/duty-now")).ReadJsonAsync();
        now.GetProperty("onDuty").EnumerateArray().ShouldHaveSingleItem().GetProperty("engineerId").GetGuid().ShouldBe(a);
        now.GetProperty("next").GetProperty("engineerId").GetGuid().ShouldBe(b);
        now.GetProperty("next").GetProperty("kind").GetString().ShouldBe("Night");
    }

    [Fact]
    public async Task A_swap_needs_a_reason_refuses_a_busy_engineer_and_keeps_the_history()
    {
        var (account, unit, engineers) = await SetupAsync(factory);
        var names = engineers.Keys.ToList();
        var (a, b, c) = (engineers[names[0]], engineers[names[1]], engineers[names[2]]);
        await AddAsync(account, unit, new { date = "2026-05-12", kind = "Day", engineerId = a });
        await AddAsync(account, unit, new { date = "2026-05-12", kind = "Day", engineerId = b });
        var shift = (await (await account.GetAsync($"/api/units/{unit}/roster/2026-05")).ReadJsonAsync()).GetProperty("shifts").EnumerateArray()
            .Single(s => s.GetProperty("engineerId").GetGuid() == a).GetProperty("id").GetGuid();

        var busy = await account.PostAsJsonAsync($"/api/shifts/{shift}/swap", new { engineerId = b, reason = "家中有事" });
        (await busy.ShouldBeProblemAsync(400)).GetProperty("errors").GetProperty("EngineerId")[0].GetString()!.ShouldContain("已有班次");
        (await (await account.PostAsJsonAsync($"/api/shifts/{shift}/swap", new { engineerId = c })).ShouldBeProblemAsync(400)).GetProperty("errors").TryGetProperty("Reason", out _).ShouldBeTrue();
        (await account.PostAsJsonAsync($"/api/shifts/{shift}/swap", new { engineerId = c, reason = "家中有事" })).StatusCode.ShouldBe(HttpStatusCode.OK);

        var view = await (await account.GetAsync($"/api/units/{unit}/roster/2026-05")).ReadJsonAsync();
        view.GetProperty("shifts").EnumerateArray().Single(s => s.GetProperty("id").GetGuid() == shift).GetProperty("engineerId").GetGuid().ShouldBe(c);
        var swap = view.GetProperty("swaps").EnumerateArray().ShouldHaveSingleItem();
        swap.GetProperty("fromEngineerName").GetString().ShouldBe(names[0]);
        swap.GetProperty("reason").GetString().ShouldBe("家中有事");
    }
}
