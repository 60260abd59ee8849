using System.Net;
using System.Net.Http.Json;
using Yunwei.Web.Tests.Infrastructure;

namespace Yunwei.Web.Tests.Administration;

/// <summary>Every page renders for every role that may open it, and says "forbidden" to the others.</summary>
public sealed class EveryPageRendersTests(YunweiFactory factory) : IClassFixture<YunweiFactory>
{
    public static TheoryData<string> Users => new()
    {
        "admin", "auditor", "client.admin", "client.maint", "client.rep", "enduser", "resident", "duty", "support", "account", "leader",
    };

    [Theory]
    [MemberData(nameof(Users))]
    public async Task Each_page_renders_or_is_denied_for_each_role(string user)
    {
        var browser = await FormBrowser.SignedInAsync(factory, user);
        var admin = await factory.ApiClientAsync("admin");
        var demo = (await (await admin.GetAsync("/api/units")).ReadJsonAsync()).EnumerateArray()
            .Single(u => u.GetProperty("code").GetString() == "DEMO").GetProperty("id").GetGuid();

        var types = await (await admin.GetAsync($"/api/units/{demo}/asset-options")).ReadJsonAsync();
        var asset = await admin.PostAsJsonAsync($"/api/units/{demo}/assets", new
        {
            code = "R-" + Guid.NewGuid().ToString("N")[..8],
            name = "渲染测试",
            assetTypeId = types.GetProperty("types")[0].GetProperty("id").GetGuid(),
            status = "InUse",
        });
        var assetId = await asset.Content.ReadFromJsonAsync<Guid>();
        var fault = await admin.PostAsJsonAsync($"/api/units/{demo}/faults", new { description = "渲染测试故障", assetId, callerName = "测试" });
        var faultId = (await fault.ReadJsonAsync()).GetProperty("id").GetGuid();
        (await admin.PostAsync($"/api/units/{demo}/inspections/plan", null)).EnsureSuccessStatusCode();
        var inspectionId = (await (await admin.GetAsync($"/api/units/{demo}/inspections")).ReadJsonAsync()).GetProperty("rows")[0].GetProperty("id").GetGuid();
        string[] work = ["/inspections", "/inspections/checklists", $"/inspections/{inspectionId}", $"/inspections/{inspectionId}?asset=X", "/risks", "/worklog", "/weekly", "/weekly/InspectionReport/2026-03-02", "/weekly/WorkloadList/2026-03-02?version=1", "/weekly/Bogus/x", "/training", "/complaints", $"/complaints/{Guid.NewGuid()}", "/assessment", "/assessment?quarter=2026Q1", "/assessment?quarter=bogus", "/dashboard", "/faults?level=Level1&subsystem=" + Guid.NewGuid() + "&breached=true", "/inspections?filter=overdue", "/admin/channels", "/admin/intake", "/admin/templates"];

        string[] paths = ["/", "/assets", "/assets/new", "/assets/import", "/assets/locations", "/assets/subsystems", "/assets/types", $"/assets/{assetId}", $"/assets/{assetId}/edit", $"/scan/{assetId}", "/documents", "/approvals", "/approvals?scope=All", "/approvals?scope=PaperworkDebts", "/stock", "/units", $"/units/{demo}", "/admin/users", "/audit", "/profile", "/faults", "/faults?scope=All", "/faults?scope=Open", "/faults/new", $"/faults/new?asset={Uri.EscapeDataString("R")}", $"/faults/{faultId}", "/notifications", "/roster", "/roster?month=2026-02", "/roster/calendar", "/staff", "/attendance", "/knowledge", $"/knowledge?q={Uri.EscapeDataString("主机")}", $"/knowledge/{Guid.NewGuid()}", .. work];
        foreach (var path in paths)
        {
            var response = await browser.GetAsync(path);
            if (response.StatusCode == HttpStatusCode.Redirect)
            {
                response.Headers.Location!.ToString().ShouldContain("/account/denied", customMessage: $"{user} {path}");
                continue;
            }

            response.StatusCode.ShouldBe(HttpStatusCode.OK, $"{user} {path}");
            var html = await response.Content.ReadAsStringAsync();
            html.ShouldContain("data-testid=\"side-nav\"", customMessage: $"{user} {path}");
        }
    }
}
