namespace Yunwei.E2E;

[Collection(BrowserGroup.Name)]
public sealed class NotificationSettingsJourneyTests(BrowserFixture fixture)
{
    /// <summary>The client's administrator adds a rule and sets the fault mailbox (on the intake page); an unreachable server's test says why; the password is never shown back.</summary>
    [SkippableFact]
    public async Task The_administrator_adds_a_rule_and_sets_up_the_fault_mailbox()
    {
        Skip.If(fixture.SkipReason is not null, fixture.SkipReason);
        var page = await fixture.NewPageAsync();
        await BrowserFixture.SignInAsync(page, "client.admin");
        await page.GotoAsync("/admin/channels");
        await BrowserFixture.WaitInteractiveAsync(page);

        await page.GetByTestId("rule-event").SelectOptionAsync("Notify.Fault.Unverified");
        await page.GetByTestId("rule-audience").SelectOptionAsync("Leadership");
        await page.Locator(".tid-add-rule").ClickAsync();
        await page.GetByTestId("rules").Filter(new() { HasText = "未验证发件人报修 → 乙方领导" }).WaitForAsync();

        await page.GotoAsync("/admin/intake");
        await BrowserFixture.WaitInteractiveAsync(page);
        await page.Locator(".tid-save-mailbox").ClickAsync();
        await page.Locator(".tid-mailbox-error").Filter(new() { HasText = "IMAP 服务器：必填" }).WaitForAsync();
        await page.GetByTestId("mailbox-host").FillAsync("127.0.0.1");
        await page.GetByTestId("mailbox-port").FillAsync("9");
        await page.GetByTestId("mailbox-security").SelectOptionAsync("None");
        await page.GetByTestId("mailbox-user").FillAsync("baoxiu");
        await page.GetByTestId("mailbox-password").FillAsync("Mailbox-Secret-9");
        await page.Locator(".tid-save-mailbox").ClickAsync();
        await page.Locator(".tid-mailbox-message").Filter(new() { HasText = "报修邮箱已保存" }).WaitForAsync();
        (await page.GetByTestId("mailbox-password").InputValueAsync()).ShouldBeEmpty();
        (await page.ContentAsync()).ShouldNotContain("Mailbox-Secret-9");
        await page.Locator(".tid-test-mailbox").ClickAsync();
        await page.Locator(".tid-mailbox-error").Filter(new() { HasText = "无法读取邮箱" }).WaitForAsync();
        await page.Context.CloseAsync();
    }

    /// <summary>A person sets quiet hours on their profile (a half-filled range is refused); the system administrator rewords a message.</summary>
    [SkippableFact]
    public async Task A_person_sets_quiet_hours_and_the_administrator_rewords_a_message()
    {
        Skip.If(fixture.SkipReason is not null, fixture.SkipReason);
        var page = await fixture.NewPageAsync();
        await BrowserFixture.SignInAsync(page, "support");
        await page.GotoAsync("/profile");
        await BrowserFixture.WaitInteractiveAsync(page);
        await page.GetByTestId("pref-quiet-from").FillAsync("22:00");
        await page.Locator(".tid-save-preferences").ClickAsync();
        await page.Locator(".tid-preferences-error").Filter(new() { HasText = "免打扰时段需同时填写" }).WaitForAsync();
        await page.GetByTestId("pref-quiet-to").FillAsync("07:30");
        await page.GetByTestId("pref-muted").GetByText("值班表").ClickAsync();
        await page.Locator(".tid-save-preferences").ClickAsync();
        await page.Locator(".tid-preferences-saved").WaitForAsync();
        await page.ReloadAsync();
        await BrowserFixture.WaitInteractiveAsync(page);
        (await page.GetByTestId("pref-quiet-to").InputValueAsync()).ShouldBe("07:30");
        (await page.GetByTestId("pref-muted").GetByLabel("值班表").IsCheckedAsync()).ShouldBeTrue();
        await page.Context.CloseAsync();

        page = await fixture.NewPageAsync();
        await BrowserFixture.SignInAsync(page, "admin");
        await page.GotoAsync("/admin/templates");
        await BrowserFixture.WaitInteractiveAsync(page);
        var row = page.Locator("tr[data-key='Notify.Stock.Low']");
        await row.GetByTestId("template-edit").ClickAsync();
        await row.GetByTestId("template-zh").FillAsync("备件不足 {9}");
        await row.Locator(".tid-save-template").ClickAsync();
        await page.Locator(".tid-template-error").Filter(new() { HasText = "只能使用占位符" }).WaitForAsync();
        await row.GetByTestId("template-zh").FillAsync("【库存告急】{0}");
        await row.Locator(".tid-save-template").ClickAsync();
        await row.Filter(new() { HasText = "已自定义" }).WaitForAsync();
        (await row.InnerTextAsync()).ShouldContain("【库存告急】{0}");
        await page.Context.CloseAsync();
    }
}
