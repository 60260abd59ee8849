using System.Text;
using Microsoft.Playwright;

namespace Yunwei.E2E;

[Collection(BrowserGroup.Name)]
public sealed class RosterJourneyTests(BrowserFixture fixture)
{
    [SkippableFact]
    public async Task The_client_administrator_imports_next_years_holidays_after_a_refused_file()
    {
        Skip.If(fixture.SkipReason is not null, fixture.SkipReason);
        var page = await fixture.NewPageAsync();
        await BrowserFixture.SignInAsync(page, "client.admin");
        await page.GotoAsync("/roster/calendar");
        await BrowserFixture.WaitInteractiveAsync(page);
        await page.GetByTestId("calendar-year").SelectOptionAsync("2026");
        await page.GetByTestId("calendar-day").Filter(new() { HasText = "2026-02-14" }).Filter(new() { HasText = "调休上班" }).WaitForAsync();

        await page.GetByTestId("calendar-file").SetInputFilesAsync(new FilePayload
        {
            Name = "2029.json",
            MimeType = "application/json",
            Buffer = Encoding.UTF8.GetBytes("""{"year": 2029, "days": [{"name": "元旦", "date": "2029-01-01", "isOffDay": true}, {"name": "元旦", "date": "2029-01-01", "isOffDay": true}]}"""),
        });
        (await page.Locator(".tid-calendar-error").InnerTextAsync()).ShouldContain("第 2 条的日期 2029-01-01 重复");

        await page.GetByTestId("calendar-file").SetInputFilesAsync(new FilePayload
        {
            Name = "2029.json",
            MimeType = "application/json",
            Buffer = Encoding.UTF8.GetBytes("""{"year": 2029, "days": [{"name": "元旦", "date": "2029-01-01", "isOffDay": true}, {"name": "春节", "date": "2029-02-10", "isOffDay": false}]}"""),
        });
        (await page.Locator(".tid-calendar-notice").InnerTextAsync()).ShouldContain("已导入 2029 年：新增 2 天");
        await page.GetByTestId("calendar-day").Filter(new() { HasText = "2029-02-10" }).Filter(new() { HasText = "调休上班" }).WaitForAsync();
        await BrowserFixture.ScreenshotAsync(page, "calendar-imported");
        await page.Context.CloseAsync();
    }
}
