using System.Net;
using System.Net.Http.Json;
using Yunwei.Web.Tests.Infrastructure;

namespace Yunwei.Web.Tests.Faults;

/// <summary>Each clock's start event and the warning shares are per contract and take effect on the next fault.</summary>
public sealed class ContractClockTests(FaultsFactory factory) : IClassFixture<FaultsFactory>
{
    private static object Contract(string resolveStart, int[] warnings) => new
    {
        title = "2026 年度运维服务合同",
        startsOn = "2026-01-01",
        endsOn = "2026-12-31",
        calendarMode = "AllDay",
        workingHours = "08:00-12:00,14:00-18:00",
        slaTargets = new object[]
        {
            new { level = "Level1", responseMinutes = 10, restoreMinutes = 240, resolveMinutes = 720 },
            new { level = "Level2", responseMinutes = 30, restoreMinutes = 480, resolveMinutes = 1440 },
            new { level = "Level3", responseMinutes = 60, restoreMinutes = (int?)null, resolveMinutes = 2880 },
        },
        leadershipContacts = Array.Empty<object>(),
        responseStart = "Reported",
        restoreStart = "Reported",
        resolveStart,
        warningPercents = warnings,
    };

    [Fact]
    public async Task A_contract_can_start_the_resolve_clock_at_the_report_and_warn_at_half_time()
    {
        var (unit, code) = await factory.AssetAsync();
        var admin = await factory.ApiClientAsync("client.admin");
        var duty = await factory.ApiClientAsync("duty");

        var bad = await admin.PutAsJsonAsync($"/api/units/{unit}/contract", await Units.UnitIsolationTests.EditOfAsync(admin, unit, Contract("Reported", [0, 150])));
        (await bad.ShouldBeProblemAsync(400)).GetProperty("errors").GetProperty("WarningPercents")[0].GetString()!.ShouldContain("1–99");
        (await admin.PutAsJsonAsync($"/api/units/{unit}/contract", await Units.UnitIsolationTests.EditOfAsync(admin, unit, Contract("Reported", [50])))).StatusCode.ShouldBe(HttpStatusCode.OK);
        var saved = (await (await admin.GetAsync($"/api/units/{unit}")).ReadJsonAsync()).GetProperty("contract");
        saved.GetProperty("resolveStart").GetString().ShouldBe("Reported");

        var reported = factory.Clock.GetUtcNow().UtcDateTime;
        var id = (await (await duty.PostAsJsonAsync($"/api/units/{unit}/faults", new { description = "信息发布屏离线", assetCode = code, callerName = "办公室", proposedLevel = "Level2", channel = "Hotline" })).ReadJsonAsync())
            .GetProperty("id").GetGuid();
        var fault = await (await duty.GetAsync($"/api/faults/{id}")).ReadJsonAsync();
        var resolve = fault.GetProperty("clocks").EnumerateArray().Single(c => c.GetProperty("clock").GetString() == "Resolve");
        resolve.GetProperty("deadline").GetDateTime().ToUniversalTime().ShouldBe(reported.AddHours(24));

        factory.Clock.Advance(TimeSpan.FromHours(4) + TimeSpan.FromMinutes(1));
        await factory.SweepAsync();
        var warned = await (await duty.GetAsync($"/api/faults/{id}")).ReadJsonAsync();
        warned.GetProperty("timeline").EnumerateArray().Where(e => e.GetProperty("type").GetString() == "Warning")
            .Select(e => e.GetProperty("text").GetString()).ShouldBe(["Restore:0:50"]);
    }
}
