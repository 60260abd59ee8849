using Microsoft.Playwright;

namespace Yunwei.E2E;

[Collection(BrowserGroup.Name)]
public sealed class ContentSecurityPolicyTests(BrowserFixture fixture)
{
    /// <summary>Under the strict content security policy (no inline script, no eval) every kind of page still loads, runs and draws its charts, with no violation reported by the browser.</summary>
    [SkippableFact]
    public async Task Pages_run_under_the_content_security_policy_without_violations()
    {
        Skip.If(fixture.SkipReason is not null, fixture.SkipReason);
        var page = await fixture.NewPageAsync();
        var violations = new List<string>();
        page.Console += (_, m) =>
        {
            if (m.Text.Contains("Content Security Policy", StringComparison.OrdinalIgnoreCase) || m.Text.Contains("Refused to", StringComparison.Ordinal) || m.Text.Contains("Permissions-Policy", StringComparison.Ordinal))
            {
                violations.Add($"{page.Url}: {m.Text}");
            }
        };
        await BrowserFixture.SignInAsync(page, "client.admin");
        var code = await fixture.CreateAssetAsync("CSP 检查用服务器", "服务器");
        var asset = await fixture.AssetIdAsync(code);
        foreach (var path in new[] { "/", "/dashboard", "/faults", "/faults/new", "/inspections", "/weekly", "/assessment", "/assets", $"/assets/{asset}", $"/scan/{asset}", "/roster", "/profile", "/admin/channels" })
        {
            var response = await page.GotoAsync(path);
            response!.Headers["content-security-policy"].ShouldContain("script-src 'self'");
            await BrowserFixture.WaitInteractiveAsync(page);
        }

        // The dashboard's charts are drawn (ECharts loaded as a module file, not inline).
        await page.GotoAsync("/dashboard");
        await BrowserFixture.WaitInteractiveAsync(page);
        await page.GetByTestId("chart-compliance").Locator("svg").WaitForAsync();
        violations.ShouldBeEmpty();
        await page.Context.CloseAsync();
    }
}
