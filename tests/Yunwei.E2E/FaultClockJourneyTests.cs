namespace Yunwei.E2E;

/// <summary>The SLA clock seen in the browser: time moves (a test clock), warnings and escalations appear.</summary>
[Collection(TimeTravelGroup.Name)]
public sealed class FaultClockJourneyTests(TimeTravelFixture fixture)
{
    [SkippableFact]
    public async Task A_call_is_logged_the_client_rules_a_level_and_the_clock_warns_and_escalates()
    {
        Skip.If(fixture.SkipReason is not null, fixture.SkipReason);
        var code = await fixture.CreateAssetAsync("立案大厅排号屏", "服务器");
        var duty = await fixture.NewPageAsync();
        await BrowserFixture.SignInAsync(duty, "duty");

        // The hotline form, filled from the keyboard while on the phone.
        await duty.GotoAsync("/faults");
        await BrowserFixture.WaitInteractiveAsync(duty);
        await duty.GetByTestId("fault-new").ClickAsync();
        await BrowserFixture.WaitInteractiveAsync(duty);
        (await duty.GetByTestId("answered-at").InnerTextAsync()).ShouldNotBeNullOrWhiteSpace();
        await duty.Locator("#fault-caller").FocusAsync();
        await duty.Keyboard.TypeAsync("立案庭刘书记员");
        await duty.Keyboard.PressAsync("Tab");
        await duty.Keyboard.TypeAsync("13800138000");
        await duty.Keyboard.PressAsync("Tab");
        await duty.Keyboard.TypeAsync(code);
        await duty.GetByTestId("asset-chosen").WaitForAsync();
        await duty.Locator("#fault-description").FillAsync("排号屏黑屏，群众无法取号");
        await duty.GetByTestId("level-Level3").CheckAsync();
        await duty.Locator("#fault-phone").PressAsync("Enter");

        await BrowserFixture.WaitForFaultPageAsync(duty);
        await BrowserFixture.WaitInteractiveAsync(duty);
        await duty.GetByTestId("fault-title").WaitForAsync();
        var url = duty.Url;
        (await duty.GetByTestId("fault-tags").InnerTextAsync()).ShouldContain("三级");
        (await duty.GetByTestId("clock-Response").InnerTextAsync()).ShouldContain("按时完成");
        await BrowserFixture.ScreenshotAsync(duty, "fault-logged");

        // The client's maintenance staff rule level 2: the client's level stands.
        var client = await fixture.NewPageAsync(390, 844);
        await BrowserFixture.SignInAsync(client, "client.maint");
        await client.GotoAsync(url);
        await BrowserFixture.WaitInteractiveAsync(client);
        await client.GetByTestId("level-select").SelectOptionAsync("Level2");
        await client.Locator(".tid-do-Rule").ClickAsync();
        await client.GetByTestId("ruled-level").Filter(new() { HasText = "二级" }).WaitForAsync();
        (await client.GetByTestId("fault-tags").InnerTextAsync()).ShouldContain("二级");
        (await client.EvaluateAsync<int>("() => document.documentElement.scrollWidth - window.innerWidth")).ShouldBeLessThanOrEqualTo(0);
        await BrowserFixture.ScreenshotAsync(client, "phone-fault-ruled");

        // Six hours later: 75 % of the 8-hour restore target is gone.
        fixture.Clock.Advance(TimeSpan.FromHours(6) + TimeSpan.FromMinutes(1));
        await fixture.SweepAsync();
        await duty.GotoAsync(url);
        await BrowserFixture.WaitInteractiveAsync(duty);
        await duty.Locator("[data-testid=timeline] li[data-type=Warning]").Filter(new() { HasText = "恢复业务 75%" }).WaitForAsync();
        (await duty.GetByTestId("notifications-badge").InnerTextAsync()).ShouldNotBeNullOrWhiteSpace();

        // Past the 24-hour resolve deadline nobody resolved: level 2 rises to level 1 by itself.
        // (The sign-in of yesterday has expired by then: 12 hours.)
        fixture.Clock.Advance(TimeSpan.FromHours(19));
        await fixture.SweepAsync();
        await BrowserFixture.SignInAsync(duty, "duty");
        await duty.GotoAsync(url);
        await BrowserFixture.WaitInteractiveAsync(duty);
        await duty.Locator("[data-testid=timeline] li[data-type=Escalated]").WaitForAsync();
        var tags = await duty.GetByTestId("fault-tags").InnerTextAsync();
        tags.ShouldContain("一级");
        tags.ShouldContain("已超时");
        (await duty.Locator("[data-testid=timeline] li[data-type=Breach]").AllInnerTextsAsync()).ShouldContain(t => t.Contains("恢复业务 100%"));
        (await duty.GetByTestId("fault-facts").InnerTextAsync()).ShouldContain("值班工程师");
        await duty.GetByTestId("why-Resolve").Locator("summary").ClickAsync();
        (await duty.GetByTestId("why-Resolve").InnerTextAsync()).ShouldContain("超时自动升级");
        await BrowserFixture.ScreenshotAsync(duty, "fault-escalated");

        await duty.GotoAsync("/notifications");
        await BrowserFixture.WaitInteractiveAsync(duty);
        await duty.GetByTestId("notification").Filter(new() { HasText = "已自动由二级（严重）升为一级（重大）" }).WaitForAsync();
        await duty.Context.CloseAsync();
        await client.Context.CloseAsync();
    }

    /// <summary>A call saved without a level is 待定级 on its page and in the list, on level 1's deadlines, until the engineer proposes one.</summary>
    [SkippableFact]
    public async Task A_call_saved_without_a_level_is_unclassified_until_the_engineer_proposes_one()
    {
        Skip.If(fixture.SkipReason is not null, fixture.SkipReason);
        var code = await fixture.CreateAssetAsync("审判庭拾音器", "服务器");
        var duty = await fixture.NewPageAsync(390, 844);
        await BrowserFixture.SignInAsync(duty, "duty");
        await duty.GotoAsync("/faults/new");
        await BrowserFixture.WaitInteractiveAsync(duty);
        await duty.Locator("#fault-caller").FillAsync("第三审判庭书记员");
        await duty.Locator("#fault-asset").FillAsync(code);
        await duty.GetByTestId("asset-chosen").WaitForAsync();
        await duty.Locator("#fault-description").FillAsync("庭审录音无声音");
        await duty.Locator("#fault-phone").PressAsync("Enter");

        await BrowserFixture.WaitForFaultPageAsync(duty);
        await BrowserFixture.WaitInteractiveAsync(duty);
        var url = duty.Url;
        await duty.GetByTestId("fault-tags").Filter(new() { HasText = "待定级" }).WaitForAsync();
        (await duty.GetByTestId("clocks").TextContentAsync())!.ShouldContain("报修时未定级");
        await BrowserFixture.ScreenshotAsync(duty, "phone-fault-unclassified");

        await duty.GotoAsync("/faults?scope=Open&level=Unclassified");
        await BrowserFixture.WaitInteractiveAsync(duty);
        await duty.GetByTestId("fault-row").Filter(new() { HasText = "庭审录音无声音" }).Filter(new() { HasText = "待定级" }).WaitForAsync();

        await duty.GotoAsync(url);
        await BrowserFixture.WaitInteractiveAsync(duty);
        await duty.GetByTestId("level-select").SelectOptionAsync("Level3");
        await duty.Locator(".tid-do-Propose").ClickAsync();
        await duty.GetByTestId("fault-tags").Filter(new() { HasText = "三级" }).WaitForAsync();
        (await duty.GetByTestId("fault-tags").InnerTextAsync()).ShouldNotContain("待定级");
        await duty.Context.CloseAsync();
    }
}
