namespace Yunwei.E2E;

[Collection(BrowserGroup.Name)]
public sealed class ChannelsJourneyTests(BrowserFixture fixture)
{
    /// <summary>The client's administrator sets up a robot and an alerts token (on the intake page); an unreachable robot's test says why.</summary>
    [SkippableFact]
    public async Task The_administrator_adds_a_robot_tests_it_and_creates_and_revokes_an_alerts_token()
    {
        Skip.If(fixture.SkipReason is not null, fixture.SkipReason);
        var page = await fixture.NewPageAsync();
        await BrowserFixture.SignInAsync(page, "client.admin");
        await page.GotoAsync("/admin/channels");
        await BrowserFixture.WaitInteractiveAsync(page);

        await page.Locator(".tid-new-channel").ClickAsync();
        await page.GetByTestId("channel-kind").SelectOptionAsync("WeCom");
        await page.GetByTestId("channel-name").FillAsync("运维值班群");
        await page.GetByTestId("channel-url").FillAsync("http://127.0.0.1:9/cgi-bin/webhook/send?key=secret-key");
        await page.Locator(".tid-save-channel").ClickAsync();
        await page.GetByTestId("channels").Filter(new() { HasText = "运维值班群" }).WaitForAsync();
        (await page.GetByTestId("channels").InnerTextAsync()).ShouldNotContain("secret-key");

        await page.GetByTestId("channel-test").First.ClickAsync();
        await page.Locator(".tid-channel-error").Filter(new() { HasText = "未收下测试消息" }).WaitForAsync();

        await page.GotoAsync("/admin/intake");
        await BrowserFixture.WaitInteractiveAsync(page);
        await page.GetByTestId("alert-token-name").FillAsync("机房 Alertmanager");
        await page.Locator(".tid-create-alert-token").ClickAsync();
        (await page.GetByTestId("alert-token").InnerTextAsync()).ShouldStartWith("ywa_");
        await page.GetByTestId("alert-tokens").Filter(new() { HasText = "机房 Alertmanager" }).WaitForAsync();
        await BrowserFixture.ScreenshotAsync(page, "intake");
        await page.GetByTestId("alert-tokens").GetByText("吊销").ClickAsync();
        await page.GetByTestId("alert-tokens").Filter(new() { HasText = "已吊销" }).WaitForAsync();
        (await page.GetByTestId("alert-token").CountAsync()).ShouldBe(0);
        await page.Context.CloseAsync();
    }
}
