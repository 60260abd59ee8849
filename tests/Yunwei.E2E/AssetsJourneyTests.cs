using Microsoft.Playwright;

namespace Yunwei.E2E;

[Collection(BrowserGroup.Name)]
public sealed class AssetsJourneyTests(BrowserFixture fixture)
{
    [SkippableFact]
    public async Task The_resident_engineer_records_a_camera_is_told_about_a_bad_ip_and_finds_it_by_searching()
    {
        Skip.If(fixture.SkipReason is not null, fixture.SkipReason);
        var page = await fixture.NewPageAsync();
        await BrowserFixture.SignInAsync(page, "resident");
        await page.GotoAsync("/assets");
        await BrowserFixture.WaitInteractiveAsync(page);
        var code = "AF-CAM-" + Guid.NewGuid().ToString("N")[..4].ToUpperInvariant();

        await page.GetByTestId("asset-add").ClickAsync();
        await page.Locator("#a-code").FillAsync(code);
        await page.Locator("#a-name").FillAsync("立案大厅 1 号摄像机");
        await page.Locator("#a-type").SelectOptionAsync(new SelectOptionValue { Label = "摄像机" });
        // Choosing the type chooses its subsystem.
        await page.WaitForFunctionAsync("() => document.querySelector('#a-subsystem').selectedOptions[0]?.text === '安防'");
        await page.Locator("#a-location").SelectOptionAsync(new SelectOptionValue { Label = "审判综合楼 / 核心机房" });
        await page.Locator("#a-ip").FillAsync("10.20.1");
        await page.Locator("#attr-channel").FillAsync("7");
        await page.Locator("#attr-form").SelectOptionAsync("球机");
        await page.Locator(".tid-asset-save").ClickAsync();
        (await page.Locator(".tid-asset-error").InnerTextAsync()).ShouldContain("IP 地址格式不正确");

        await page.Locator("#a-ip").FillAsync("10.20.1.7");
        await page.Locator(".tid-asset-save").ClickAsync();
        await page.Locator("h1", new() { HasText = "立案大厅 1 号摄像机" }).WaitForAsync();
        var details = await page.Locator("main").InnerTextAsync();
        details.ShouldContain("10.20.1.7");
        details.ShouldContain("球机");
        details.ShouldContain("审判综合楼 / 核心机房");
        (await page.Locator(".tid-asset-history").InnerTextAsync()).ShouldContain("resident");
        await BrowserFixture.ScreenshotAsync(page, "asset-detail");

        await page.GotoAsync("/assets");
        await BrowserFixture.WaitInteractiveAsync(page);
        await page.GetByTestId("asset-search").FillAsync("10.20.1.");
        await page.GetByTestId("asset-search").PressAsync("Enter");
        await page.Locator(".tid-assets-table", new() { HasText = code }).WaitForAsync();
        (await page.GetByTestId("asset-total").InnerTextAsync()).ShouldContain("1");
        await BrowserFixture.ScreenshotAsync(page, "assets");
        await page.Context.CloseAsync();
    }
}
