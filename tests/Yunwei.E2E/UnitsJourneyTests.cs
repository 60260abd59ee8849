using Microsoft.Playwright;

namespace Yunwei.E2E;

[Collection(BrowserGroup.Name)]
public sealed class UnitsJourneyTests(BrowserFixture fixture)
{
    [SkippableFact]
    public async Task The_administrator_adds_a_unit_is_told_when_the_code_is_taken_and_lands_on_the_new_unit()
    {
        Skip.If(fixture.SkipReason is not null, fixture.SkipReason);
        var page = await fixture.NewPageAsync();
        await BrowserFixture.SignInAsync(page, "admin");
        await page.GotoAsync("/units");
        await BrowserFixture.WaitInteractiveAsync(page);

        await page.Locator(".tid-unit-add").ClickAsync();
        await page.Locator("#unit-code").FillAsync("demo");
        await page.Locator("#unit-name").FillAsync("第二中级人民法院");
        await page.GetByRole(AriaRole.Button, new() { Name = "保存" }).ClickAsync();
        (await page.Locator(".ant-modal .ant-alert").InnerTextAsync()).ShouldContain("单位编码已被使用");

        var code = "E2E" + Guid.NewGuid().ToString("N")[..4].ToUpperInvariant();
        await page.Locator("#unit-code").FillAsync(code);
        await page.GetByRole(AriaRole.Button, new() { Name = "保存" }).ClickAsync();
        await BrowserFixture.WaitForPageAsync(page, "**/units/*", "new unit's page");

        await page.Locator("h1", new() { HasText = "第二中级人民法院" }).WaitForAsync();
        (await page.Locator(".tid-contract-card").InnerTextAsync()).ShouldContain("10 分钟");
        await BrowserFixture.ScreenshotAsync(page, "unit-new");
        await page.Context.CloseAsync();
    }
}
