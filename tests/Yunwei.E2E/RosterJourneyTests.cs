using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Yunwei.Data;
using Yunwei.Domain.Roster;
using Yunwei.Web.Features.Roster;
using Yunwei.Web.Features.Staff;
using Yunwei.Web.Platform;

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

    [SkippableFact]
    public async Task A_Spring_Festival_roster_without_backups_is_refused_then_published_and_the_client_sees_who_is_on_duty()
    {
        Skip.If(fixture.SkipReason is not null, fixture.SkipReason);
        Guid unit = default;
        List<EngineerChoice> engineers = [];
        var today = Yunwei.Domain.ChinaTime.Today(fixture.Clock.GetUtcNow());
        await fixture.RunAsync<DutyRostersHandler>(async (rosters, services) =>
        {
            await using var db = await services.GetRequiredService<IDbContextFactory<YunweiDbContext>>().CreateDbContextAsync();
            unit = (await db.ClientUnits.SingleAsync(u => u.Code == "DEMO")).Id;
            engineers = [.. (await rosters.GetAsync(unit, new DateOnly(2026, 2, 1)))!.Engineers];
            var (duty, resident) = (engineers.Single(e => e.Name.Contains("值班", StringComparison.Ordinal)).Id, engineers.Single(e => e.Name.Contains("驻点", StringComparison.Ordinal)).Id);
            for (var day = new DateOnly(2026, 2, 1); day.Month == 2; day = day.AddDays(1))
            {
                (await rosters.AddShiftAsync(unit, new ShiftRequest(day, ShiftKind.Day, day.Day % 2 == 0 ? duty : resident))).Succeeded.ShouldBeTrue();
                (await rosters.AddShiftAsync(unit, new ShiftRequest(day, ShiftKind.Night, day.Day % 2 == 0 ? resident : duty))).Succeeded.ShouldBeTrue();
            }

            (await rosters.AddShiftAsync(unit, new ShiftRequest(today, ShiftKind.OnCall, duty, Phone: "13800138000"))).Succeeded.ShouldBeTrue();
        });

        var page = await fixture.NewPageAsync();
        await BrowserFixture.SignInAsync(page, "account");
        await page.GotoAsync("/roster?month=2026-02");
        await BrowserFixture.WaitInteractiveAsync(page);
        await page.GetByTestId("roster-ack").FillAsync("2 月 1 日凌晨由一月末夜班覆盖");
        await page.Locator(".tid-roster-publish").ClickAsync();
        (await page.Locator(".tid-roster-error").InnerTextAsync()).ShouldContain("2月15日");

        var support = engineers.Single(e => e.Name.Contains("支持", StringComparison.Ordinal)).Id.ToString();
        for (var day = 15; day <= 23; day++)
        {
            await page.GetByTestId("shift-date").FillAsync($"2026-02-{day:00}");
            await page.GetByTestId("shift-kind").SelectOptionAsync("OnCall");
            await page.GetByTestId("shift-engineer").SelectOptionAsync(support);
            await page.GetByTestId("shift-backup").CheckAsync();
            await page.GetByTestId("shift-phone").FillAsync("13900000009");
            await page.Locator(".tid-shift-add").ClickAsync();
            await page.GetByTestId("roster-shift").Filter(new() { HasText = $"2026-02-{day:00} 00:00:00 –" }).Filter(new() { HasText = "替补" }).WaitForAsync();
        }

        await page.GetByTestId("roster-ack").FillAsync("2 月 1 日凌晨由一月末夜班覆盖");
        await page.Locator(".tid-roster-publish").ClickAsync();
        await page.Locator(".tid-roster-state", new() { HasText = "已发布" }).WaitForAsync();
        await BrowserFixture.ScreenshotAsync(page, "roster-published");

        // This month's roster (today on call) published too: the client sees who answers now.
        await page.GotoAsync($"/roster?month={today:yyyy-MM}");
        await BrowserFixture.WaitInteractiveAsync(page);
        await page.GetByTestId("roster-shift").First.WaitForAsync();
        await page.GetByTestId("roster-ack").FillAsync("试运行");
        await page.Locator(".tid-roster-publish").ClickAsync();
        await page.Locator(".tid-roster-state", new() { HasText = "已发布" }).WaitForAsync();

        var client = await fixture.NewPageAsync(390, 844);
        await BrowserFixture.SignInAsync(client, "client.admin");
        (await client.GetByTestId("duty-engineer").InnerTextAsync()).ShouldContain("13800138000");
        await page.Context.CloseAsync();
        await client.Context.CloseAsync();
    }
}
