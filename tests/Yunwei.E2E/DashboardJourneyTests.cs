namespace Yunwei.E2E;

[Collection(BrowserGroup.Name)]
public sealed class DashboardJourneyTests(BrowserFixture fixture)
{
    [SkippableTheory]
    [InlineData("client.admin", 1366, 860)]
    [InlineData("account", 390, 844)]
    public async Task The_dashboard_renders_its_figures_and_charts_on_a_desktop_and_a_phone(string user, int width, int height)
    {
        Skip.If(fixture.SkipReason is not null, fixture.SkipReason);
        var page = await fixture.NewPageAsync(width, height);
        await BrowserFixture.SignInAsync(page, user);
        await page.GotoAsync("/dashboard");
        await BrowserFixture.WaitInteractiveAsync(page);
        await page.GetByTestId("card-open-Level1").WaitForAsync();
        // ECharts draws (as SVG) across the card once its script, loaded on this page only, has arrived.
        await page.GetByTestId("chart-compliance").Locator("svg").WaitForAsync();
        var drawn = await page.GetByTestId("chart-compliance").Locator("svg").BoundingBoxAsync();
        var card = await page.GetByTestId("chart-compliance").BoundingBoxAsync();
        ((double)drawn!.Width).ShouldBeGreaterThan(card!.Width * 0.9);
        (await page.GetByTestId("compliance").Locator("tbody tr").CountAsync()).ShouldBe(6);
        (await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth - window.innerWidth")).ShouldBeLessThanOrEqualTo(0);
        await BrowserFixture.ScreenshotAsync(page, $"dashboard-{width}");

        // A figure opens its records.
        await page.GetByTestId("card-complaints").ClickAsync();
        await BrowserFixture.WaitForPageAsync(page, "**/complaints", "complaints page");
        await page.Context.CloseAsync();
    }
}
