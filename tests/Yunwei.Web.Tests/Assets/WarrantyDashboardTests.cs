using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using Yunwei.Web.Tests.Infrastructure;

namespace Yunwei.Web.Tests.Assets;

public sealed class WarrantyDashboardTests(YunweiFactory factory) : IClassFixture<YunweiFactory>
{
    [Fact]
    public async Task Assets_whose_warranty_ends_within_90_days_are_flagged_on_the_home_page()
    {
        var client = await factory.ApiClientAsync("resident");
        var unit = (await (await client.GetAsync("/api/units")).ReadJsonAsync())[0].GetProperty("id").GetGuid();
        var type = (await (await client.GetAsync($"/api/units/{unit}/asset-options")).ReadJsonAsync()).GetProperty("types")[0].GetProperty("id").GetGuid();
        var today = DateOnly.FromDateTime(TimeProvider.System.GetUtcNow().UtcDateTime.AddHours(8));
        async Task AddAsync(string code, DateOnly ends) =>
            (await client.PostAsJsonAsync($"/api/units/{unit}/assets", new
            {
                code,
                name = code,
                assetTypeId = type,
                status = "InUse",
                warrantyEnds = ends.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            })).StatusCode.ShouldBe(HttpStatusCode.Created);
        var soon = "WS-" + Guid.NewGuid().ToString("N")[..6];
        var later = "WL-" + Guid.NewGuid().ToString("N")[..6];
        var past = "WP-" + Guid.NewGuid().ToString("N")[..6];
        await AddAsync(soon, today.AddDays(30));
        await AddAsync(later, today.AddDays(200));
        await AddAsync(past, today.AddDays(-1));

        var home = await (await FormBrowser.SignedInAsync(factory, "resident")).GetStringAsync("/");

        home.ShouldContain("90 天内保修到期的资产");
        home.ShouldContain(soon);
        home.ShouldNotContain(later);
        home.ShouldNotContain(past);
        var endUserHome = await (await FormBrowser.SignedInAsync(factory, "enduser")).GetStringAsync("/");
        endUserHome.ShouldNotContain(soon, customMessage: "end users do not see the inventory");
    }
}
