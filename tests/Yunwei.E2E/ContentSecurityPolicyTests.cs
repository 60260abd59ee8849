using Microsoft.Playwright;

namespace Yunwei.E2E;

[Collection(BrowserGroup.Name)]
public sealed class ContentSecurityPolicyTests(BrowserFixture fixture)
{
    /// <summary>
    /// Under the strict content security policy (no inline script, no eval) every kind of page still loads,
    /// runs and draws its charts, with no violation and no error reported by the browser (an error from a
    /// component's script ends the page's circuit: the page stops answering).
    /// </summary>
    [SkippableFact]
    public async Task Pages_run_under_the_content_security_policy_without_violations()
    {
        Skip.If(fixture.SkipReason is not null, fixture.SkipReason);
        var page = await fixture.NewPageAsync();
        var errors = new List<string>();
        page.Console += (_, m) =>
        {
            if (m.Type is "error" or "warning" || m.Text.Contains("Content Security Policy", StringComparison.OrdinalIgnoreCase) || m.Text.Contains("Refused to", StringComparison.Ordinal))
            {
                errors.Add($"{page.Url}: {m.Type} {m.Text} ({m.Location})");
            }
        };
        page.PageError += (_, e) => errors.Add($"{page.Url}: {e}");
        await BrowserFixture.SignInAsync(page, "client.admin");
        var code = await fixture.CreateAssetAsync("CSP 检查用服务器", "服务器");
        var asset = await fixture.AssetIdAsync(code);
        foreach (var path in new[] { "/", "/dashboard", "/faults", "/faults/new", "/inspections", "/weekly", "/assessment", "/assets", $"/assets/{asset}", $"/scan/{asset}", "/roster", "/profile", "/admin/channels", "/admin/intake" })
        {
            var response = await page.GotoAsync(path);
            response!.Headers["content-security-policy"].ShouldContain("script-src 'self'");
            await BrowserFixture.WaitInteractiveAsync(page);
        }

        // The dashboard's charts are drawn (ECharts loaded from a file, its options never evaluated as script):
        // a line per level, and the page still answers afterwards.
        await page.GotoAsync("/dashboard");
        await BrowserFixture.WaitInteractiveAsync(page);
        var compliance = page.Locator("[data-testid=chart-compliance][data-drawn=true]");
        await compliance.WaitForAsync();
        (await compliance.Locator("svg text", new() { HasText = "一级" }).CountAsync()).ShouldBeGreaterThan(0);
        await page.GetByTestId("card-complaints").ClickAsync();
        await BrowserFixture.WaitForPageAsync(page, "**/complaints", "complaints page");
        errors.ShouldBeEmpty();
        await page.Context.CloseAsync();
    }
}
