namespace Yunwei.E2E;

[Collection(BrowserGroup.Name)]
public sealed class AttendanceJourneyTests(BrowserFixture fixture)
{
    [SkippableFact]
    public async Task The_resident_checks_in_on_a_phone_and_the_client_sees_it_on_the_sheet()
    {
        Skip.If(fixture.SkipReason is not null, fixture.SkipReason);
        var clock = Yunwei.Domain.ChinaTime.ToLocal(fixture.Clock.GetUtcNow().UtcDateTime).ToString("HH:mm", System.Globalization.CultureInfo.InvariantCulture);
        var phone = await fixture.NewPageAsync(390, 844);
        await BrowserFixture.SignInAsync(phone, "resident");
        await phone.GotoAsync("/attendance");
        await BrowserFixture.WaitInteractiveAsync(phone);
        await phone.Locator(".tid-check-in").ClickAsync();
        await phone.GetByTestId("today-status").Filter(new() { HasText = "签到 " + clock }).WaitForAsync();
        await phone.Locator(".tid-check-in").ClickAsync();
        await phone.GetByTestId("today-status").Filter(new() { HasText = "签到 " + clock }).WaitForAsync();
        (await phone.EvaluateAsync<int>("() => document.documentElement.scrollWidth - window.innerWidth")).ShouldBeLessThanOrEqualTo(0);
        await BrowserFixture.ScreenshotAsync(phone, "phone-attendance");

        var client = await fixture.NewPageAsync();
        await BrowserFixture.SignInAsync(client, "client.admin");
        await client.GotoAsync("/attendance");
        await BrowserFixture.WaitInteractiveAsync(client);
        var today = Yunwei.Domain.ChinaTime.Today(fixture.Clock.GetUtcNow());
        await client.GetByTestId("attendance-days").Locator("tr", new() { HasText = today.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture) })
            .Filter(new() { HasText = clock }).WaitForAsync();
        (await client.GetByTestId("attendance-excel").GetAttributeAsync("href")).ShouldNotBeNull().ShouldEndWith(".xlsx");
        await phone.Context.CloseAsync();
        await client.Context.CloseAsync();
    }
}
