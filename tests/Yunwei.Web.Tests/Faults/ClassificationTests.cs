using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Yunwei.Web.Tests.Infrastructure;

namespace Yunwei.Web.Tests.Faults;

/// <summary>
/// No fault runs on a level nobody chose (docs/contract.md §2): a hotline call saved without a level and an end
/// user's 不确定 report are 待定级 in the API, the list and the dashboard, and run on level 1's targets until a
/// level is proposed; a deadline passed meanwhile stays missed. Classification time is one figure, from the events.
/// </summary>
public sealed class ClassificationTests
{
    /// <summary>Lists, the dashboard and the assessment form (a fault itself: <see cref="FaultsApiTests.GetAsync"/>).</summary>
    private static async Task<JsonElement> GetAsync(HttpClient client, string url)
    {
        var response = await client.GetAsync(url);
        response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        return await response.ReadJsonAsync();
    }

    private static async Task<Guid> ReportAsync(HttpClient client, Guid unit, object body)
    {
        var response = await client.PostAsJsonAsync($"/api/units/{unit}/faults", body);
        response.StatusCode.ShouldBe(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return (await response.ReadJsonAsync()).GetProperty("id").GetGuid();
    }

    [SkippableTheory]
    [InlineData(false)]
    [InlineData(true)]
    public Task Faults_reported_without_a_level_are_unclassified_and_run_on_level_1s_targets(bool postgres) => FaultsFactory.OnAsync(postgres, async factory =>
    {
        var (unit, code) = await factory.AssetAsync();
        var duty = await factory.ApiClientAsync("duty");
        var enduser = await factory.ApiClientAsync("enduser");
        var reported = factory.Clock.GetUtcNow().UtcDateTime;
        var hotline = await ReportAsync(duty, unit, new { description = "科技法庭庭审直播中断", assetCode = code, callerName = "书记员", channel = "Hotline" });
        var portal = await ReportAsync(enduser, unit, new { description = "立案大厅叫号屏无显示", assetCode = code, channel = "Portal" });

        foreach (var id in new[] { hotline, portal })
        {
            var fault = await FaultsApiTests.GetAsync(duty, id);
            fault.GetProperty("fault").GetProperty("unclassified").GetBoolean().ShouldBeTrue();
            fault.GetProperty("fault").GetProperty("level").GetString().ShouldBe("Level1");
            FaultsApiTests.Clock(fault, "Response").GetProperty("deadline").GetDateTime().ToUniversalTime().ShouldBe(reported.AddMinutes(10));
            FaultsApiTests.Clock(fault, "Restore").GetProperty("deadline").GetDateTime().ToUniversalTime().ShouldBe(reported.AddHours(4));
            FaultsApiTests.Clock(fault, "Resolve").GetProperty("why").EnumerateArray().Select(w => w.GetString()).ShouldContain(w => w!.Contains("报修时未定级"));
        }

        // The list and the dashboard say 待定级; a level filter does not count them at level 1.
        var unclassified = await GetAsync(duty, $"/api/faults?unitId={unit}&scope=Open&unclassified=true");
        unclassified.GetProperty("rows").EnumerateArray().Select(r => r.GetProperty("id").GetGuid()).ShouldBe([hotline, portal], ignoreOrder: true);
        unclassified.GetProperty("rows").EnumerateArray().ShouldAllBe(r => r.GetProperty("unclassified").GetBoolean());
        var level1 = await GetAsync(duty, $"/api/faults?unitId={unit}&scope=Open&level=Level1");
        level1.GetProperty("rows").EnumerateArray().ShouldNotContain(r => r.GetProperty("id").GetGuid() == hotline);
        var dashboard = await GetAsync(duty, $"/api/units/{unit}/dashboard");
        dashboard.GetProperty("openUnclassified").GetProperty("open").GetInt32().ShouldBe(2);
        dashboard.GetProperty("nearest").EnumerateArray().Where(n => n.GetProperty("id").GetGuid() == hotline)
            .ShouldHaveSingleItem().GetProperty("unclassified").GetBoolean().ShouldBeTrue();

        // Classified as level 3 in time: level 3 as if known from the report (no restore target, resolve from its response window).
        factory.Clock.Advance(TimeSpan.FromMinutes(5));
        await FaultsApiTests.DoAsync(duty, hotline, "Propose", new { level = "Level3" });
        var classified = await FaultsApiTests.GetAsync(duty, hotline);
        classified.GetProperty("fault").GetProperty("unclassified").GetBoolean().ShouldBeFalse();
        classified.GetProperty("fault").GetProperty("level").GetString().ShouldBe("Level3");
        FaultsApiTests.Clock(classified, "Restore").GetProperty("status").GetString().ShouldBe("NotApplicable");
        FaultsApiTests.Clock(classified, "Resolve").GetProperty("deadline").GetDateTime().ToUniversalTime().ShouldBe(reported.AddHours(1).AddHours(48));
        classified.GetProperty("fault").GetProperty("breached").GetBoolean().ShouldBeFalse();

        // Classified five hours late: level 1's restore deadline passed while nobody chose a level, and stays missed.
        factory.Clock.SetUtcNow(new DateTimeOffset(reported.AddHours(5), TimeSpan.Zero));
        await factory.SweepAsync();
        await FaultsApiTests.DoAsync(duty, portal, "Propose", new { level = "Level3" });
        var late = await FaultsApiTests.GetAsync(duty, portal);
        late.GetProperty("fault").GetProperty("level").GetString().ShouldBe("Level3");
        late.GetProperty("fault").GetProperty("breached").GetBoolean().ShouldBeTrue();
        FaultsApiTests.Clock(late, "Restore").GetProperty("why").EnumerateArray().Select(w => w.GetString()).ShouldContain(w => w!.Contains("超时"));
        late.GetProperty("timeline").EnumerateArray().Where(e => e.GetProperty("type").GetString() == "Breach")
            .Select(e => e.GetProperty("text").GetString()).ShouldContain("Restore:0:100");
    });

    [SkippableTheory]
    [InlineData(false)]
    [InlineData(true)]
    public Task A_portal_fault_classified_two_hours_late_is_late_by_the_same_figure_everywhere(bool postgres) => FaultsFactory.OnAsync(postgres, async factory =>
    {
        var (unit, code) = await factory.AssetAsync();
        var duty = await factory.ApiClientAsync("duty");
        var enduser = await factory.ApiClientAsync("enduser");
        var id = await ReportAsync(enduser, unit, new { description = "审委会会议室投影无信号", assetCode = code, channel = "Portal" });

        // Nobody answered; the engineer proposes a level two hours later (the proposal also stands for the answer).
        factory.Clock.Advance(TimeSpan.FromHours(2));
        await FaultsApiTests.DoAsync(duty, id, "Propose", new { level = "Level3" });

        var fault = await FaultsApiTests.GetAsync(duty, id);
        fault.GetProperty("classificationMinutes").GetInt32().ShouldBe(120);
        fault.GetProperty("fault").GetProperty("classificationMinutes").GetInt32().ShouldBe(120);
        var list = await GetAsync(duty, $"/api/faults?unitId={unit}&scope=All");
        list.GetProperty("rows").EnumerateArray().Single(r => r.GetProperty("id").GetGuid() == id).GetProperty("classificationMinutes").GetInt32().ShouldBe(120);

        var account = await factory.ApiClientAsync("account");
        var form = await GetAsync(account, $"/api/units/{unit}/assessment/2026Q1");
        var slow = form.GetProperty("facts").GetProperty("metrics").EnumerateArray().Single(m => m.GetProperty("metric").GetString() == "SlowClassification");
        slow.GetProperty("evidence").EnumerateArray().Select(e => e.GetProperty("id").GetGuid()).ShouldContain(id);
    });

    /// <summary>After the monitor was down past a deadline, it says what is true now: the breach, not also the stale 75 % and 90 % warnings.</summary>
    [SkippableTheory]
    [InlineData(false)]
    [InlineData(true)]
    public Task After_downtime_the_monitor_sends_the_breach_without_the_stale_warnings(bool postgres) => FaultsFactory.OnAsync(postgres, async factory =>
    {
        var (unit, code) = await factory.AssetAsync();
        var duty = await factory.ApiClientAsync("duty");
        var resident = await factory.ApiClientAsync("resident");
        var reported = factory.Clock.GetUtcNow().UtcDateTime;
        var created = await duty.PostAsJsonAsync($"/api/units/{unit}/faults", new { description = "执行指挥中心大屏黑屏", assetCode = code, callerName = "执行局", proposedLevel = "Level2", channel = "Hotline" });
        created.StatusCode.ShouldBe(HttpStatusCode.Created);
        var id = (await created.ReadJsonAsync()).GetProperty("id").GetGuid();

        // Nothing swept until an hour past the eight-hour restore deadline (its 75 % and 90 % marks passed unseen).
        factory.Clock.SetUtcNow(new DateTimeOffset(reported.AddHours(9), TimeSpan.Zero));
        await factory.SweepAsync();
        await factory.SweepAsync();

        var fault = await FaultsApiTests.GetAsync(duty, id);
        var timeline = fault.GetProperty("timeline").EnumerateArray().Select(e => (Type: e.GetProperty("type").GetString(), Text: e.GetProperty("text").GetString())).ToList();
        timeline.ShouldContain(("Breach", "Restore:0:100"));
        timeline.ShouldNotContain(e => e.Type == "Warning" && e.Text!.StartsWith("Restore", StringComparison.Ordinal));
        var inbox = await GetAsync(resident, "/api/notifications");
        inbox.GetProperty("rows").EnumerateArray().Where(n => n.GetProperty("link").GetString() == $"/faults/{id}").Select(n => n.GetProperty("text").GetString()!)
            .ShouldNotContain(t => t.Contains("恢复业务时限已用", StringComparison.Ordinal));
    });
}
