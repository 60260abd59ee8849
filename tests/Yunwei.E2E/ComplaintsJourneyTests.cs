using Yunwei.Web.Features.Complaints;

namespace Yunwei.E2E;

[Collection(TimeTravelGroup.Name)]
public sealed class ComplaintsJourneyTests(TimeTravelFixture fixture)
{
    /// <summary>
    /// docs/contract.md §10 in the browser: the client's representative complains; nobody replies for eight
    /// hours; the monitor escalates it and the complaint page shows the provider's leadership to call.
    /// </summary>
    [SkippableFact]
    public async Task A_complaint_not_answered_in_eight_hours_escalates_and_shows_the_leadership_contacts()
    {
        Skip.If(fixture.SkipReason is not null, fixture.SkipReason);
        var page = await fixture.NewPageAsync(390, 844);
        await BrowserFixture.SignInAsync(page, "client.rep");
        await page.GotoAsync("/complaints");
        await BrowserFixture.WaitInteractiveAsync(page);
        await page.Locator(".tid-new-complaint").ClickAsync();
        await page.GetByTestId("complaint-category").SelectOptionAsync("Timeliness");
        await page.GetByTestId("complaint-subject").FillAsync("大屏故障两天未修复");
        await page.GetByTestId("complaint-description").FillAsync("立案大厅信息发布大屏黑屏两天，多次催促无果。");
        await page.Locator(".tid-file-complaint").ClickAsync();
        await page.GetByTestId("complaint-title").Filter(new() { HasText = "大屏故障两天未修复" }).WaitForAsync();
        (await page.Locator(".tid-leadership").CountAsync()).ShouldBe(0);

        fixture.Clock.Advance(TimeSpan.FromHours(8) + TimeSpan.FromMinutes(1));
        await fixture.RunAsync<ComplaintsMonitorHandler>(async (monitor, _) => (await monitor.SweepAsync()).ShouldBeGreaterThanOrEqualTo(1));

        await page.ReloadAsync();
        await BrowserFixture.WaitInteractiveAsync(page);
        await page.GetByTestId("leadership-contacts").Filter(new() { HasText = "冯总" }).WaitForAsync();
        await page.GetByTestId("complaint-timeline").Filter(new() { HasText = "超时未答复，升级至主管领导" }).WaitForAsync();
        (await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth - window.innerWidth")).ShouldBeLessThanOrEqualTo(0);
        await BrowserFixture.ScreenshotAsync(page, "phone-complaint-escalated");
        await page.Context.CloseAsync();
    }
}
