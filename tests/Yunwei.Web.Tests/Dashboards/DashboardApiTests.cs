using System.Net;
using System.Net.Http.Json;
using Yunwei.Web.Tests.Faults;
using Yunwei.Web.Tests.Infrastructure;

namespace Yunwei.Web.Tests.Dashboards;

/// <summary>The dashboard's figures come from the records: open and breached faults, compliance, subsystems, workload.</summary>
public sealed class DashboardApiTests(FaultsFactory factory) : IClassFixture<FaultsFactory>
{
    [Fact]
    public async Task The_dashboard_counts_open_and_breached_faults_compliance_and_workload()
    {
        var resident = await factory.ApiClientAsync("resident");
        var (unit, asset) = await factory.AssetAsync();
        async Task<Guid> ReportAsync(string title) =>
            (await (await resident.PostAsJsonAsync($"/api/units/{unit}/faults", new { title, description = title, assetCode = asset, proposedLevel = "Level2", channel = "Hotline", callerName = "王法官" })).ReadJsonAsync())
                .GetProperty("id").GetGuid();
        var late = await ReportAsync("服务器无响应");
        var quick = await ReportAsync("服务器风扇告警");
        foreach (var action in new[] { "Arrive", "Restore", "Resolve" })
        {
            var revision = (await (await resident.GetAsync($"/api/faults/{quick}")).ReadJsonAsync()).GetProperty("fault").GetProperty("revision").GetInt32();
            (await resident.PostAsJsonAsync($"/api/faults/{quick}/actions", new { action, revision })).StatusCode.ShouldBe(HttpStatusCode.OK);
        }

        // The other one waits past every deadline.
        factory.Clock.Advance(TimeSpan.FromDays(3));
        await factory.SweepAsync();
        var view = await (await resident.GetAsync($"/api/units/{unit}/dashboard")).ReadJsonAsync();
        var open = view.GetProperty("openByLevel").EnumerateArray().ToList();
        open.Sum(l => l.GetProperty("open").GetInt32()).ShouldBe(1);
        open.Sum(l => l.GetProperty("breached").GetInt32()).ShouldBe(1);
        view.GetProperty("nearest").EnumerateArray().Single().GetProperty("id").GetGuid().ShouldBe(late);
        var march = view.GetProperty("compliance").EnumerateArray().Where(c => c.GetProperty("month").GetString() == "2026-03").ToList();
        march.Sum(c => c.GetProperty("faults").GetInt32()).ShouldBe(1);
        march.Single(c => c.GetProperty("faults").GetInt32() == 1).GetProperty("percent").GetDouble().ShouldBe(100);
        view.GetProperty("bySubsystem").EnumerateArray().Single().GetProperty("count").GetInt32().ShouldBe(2);
        view.GetProperty("topAssets").EnumerateArray().Single().GetProperty("name").GetString()!.ShouldContain(asset);
        view.GetProperty("workload").EnumerateArray().Single().GetProperty("entries").GetInt32().ShouldBe(1);
        (await (await resident.GetAsync("/api/dashboard")).ReadJsonAsync()).GetProperty("units").GetInt32().ShouldBe(1);
        (await (await factory.ApiClientAsync("enduser")).GetAsync($"/api/units/{unit}/dashboard")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
    }
}
