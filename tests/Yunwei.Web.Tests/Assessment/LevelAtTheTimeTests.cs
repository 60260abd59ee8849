using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Yunwei.Web.Tests.Faults;
using Yunwei.Web.Tests.Infrastructure;

namespace Yunwei.Web.Tests.Assessment;

/// <summary>The quarterly form counts a fault's events at the level they happened at (docs/contract.md §12), not at its level today.</summary>
public sealed class LevelAtTheTimeTests
{
    private static async Task<JsonElement> GetAsync(HttpClient client, string url)
    {
        var response = await client.GetAsync(url);
        response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        return await response.ReadJsonAsync();
    }

    private static IEnumerable<Guid> Evidence(JsonElement form, string metric) =>
        form.GetProperty("facts").GetProperty("metrics").EnumerateArray().Single(m => m.GetProperty("metric").GetString() == metric)
            .GetProperty("evidence").EnumerateArray().Select(e => e.GetProperty("id").GetGuid());

    [SkippableTheory]
    [InlineData(false)]
    [InlineData(true)]
    public Task A_level_3_miss_escalated_to_level_2_counts_at_level_3_and_an_arrival_on_time_stays_on_time(bool postgres) => FaultsFactory.OnAsync(postgres, async factory =>
    {
        var (unit, code) = await factory.AssetAsync();
        var duty = await factory.ApiClientAsync("duty");
        var resident = await factory.ApiClientAsync("resident");
        var reported = factory.Clock.GetUtcNow().UtcDateTime;
        var created = await duty.PostAsJsonAsync($"/api/units/{unit}/faults", new { description = "档案室除湿机停机", assetCode = code, callerName = "档案员", proposedLevel = "Level3", channel = "Hotline" });
        created.StatusCode.ShouldBe(HttpStatusCode.Created);
        var id = (await created.ReadJsonAsync()).GetProperty("id").GetGuid();

        // Arrived within level 3's hour; nobody resolves it within 48 hours: it rises to level 2, then is resolved within level 2's day.
        factory.Clock.Advance(TimeSpan.FromMinutes(50));
        await FaultsApiTests.DoAsync(resident, id, "Arrive");
        factory.Clock.SetUtcNow(new DateTimeOffset(reported.AddMinutes(50).AddHours(49), TimeSpan.Zero));
        await factory.SweepAsync();
        await FaultsApiTests.DoAsync(resident, id, "Resolve", new { text = "更换压缩机继电器" });

        var fault = await FaultsApiTests.GetAsync(duty, id);
        fault.GetProperty("fault").GetProperty("level").GetString().ShouldBe("Level2");

        var account = await factory.ApiClientAsync("account");
        var form = await GetAsync(account, $"/api/units/{unit}/assessment/2026Q1");
        Evidence(form, "FaultMissedLevel3").ShouldContain(id);
        Evidence(form, "FaultMissedLevel2").ShouldNotContain(id);
        Evidence(form, "FaultMissedLevel1").ShouldNotContain(id);
        Evidence(form, "LateArrival").ShouldNotContain(id);
    });
}
