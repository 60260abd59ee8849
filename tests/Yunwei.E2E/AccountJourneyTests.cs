using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace Yunwei.E2E;

[Collection(BrowserGroup.Name)]
public sealed partial class AccountJourneyTests(BrowserFixture fixture)
{
    [SkippableFact]
    public async Task A_client_administrator_adds_a_clerk_who_signs_in_and_changes_the_password()
    {
        Skip.If(fixture.SkipReason is not null, fixture.SkipReason);
        var admin = await fixture.NewPageAsync();
        await BrowserFixture.SignInAsync(admin, "client.admin");
        await admin.GotoAsync("/admin/users");
        await BrowserFixture.WaitInteractiveAsync(admin);
        var userName = "clerk" + Guid.NewGuid().ToString("N")[..6];

        await admin.Locator(".tid-user-add").ClickAsync();
        await admin.Locator("#u-name").FillAsync(userName);
        await admin.Locator("#u-display").FillAsync("民事审判庭 书记员");
        await admin.Locator("#u-role").SelectOptionAsync("EndUser");
        await admin.GetByRole(AriaRole.Button, new() { Name = "保存" }).ClickAsync();
        var notice = await admin.Locator(".tid-user-notice").InnerTextAsync();
        var password = GeneratedPassword().Match(notice).Value;
        password.ShouldNotBeNullOrEmpty(notice);
        (await admin.Locator(".tid-users-table").InnerTextAsync()).ShouldContain("民事审判庭 书记员");
        await BrowserFixture.ScreenshotAsync(admin, "users");

        var clerk = await fixture.NewPageAsync();
        await BrowserFixture.SignInAsync(clerk, userName, password);
        // An end user: home, faults and complaints (to file and follow their own) and units.
        (await clerk.Locator("[data-testid=side-nav] [data-nav]").EvaluateAllAsync<string[]>("els => els.map(e => e.dataset.nav)")).ShouldBe(["/", "/faults", "/complaints", "/units"]);
        await clerk.GotoAsync("/profile");
        await BrowserFixture.WaitInteractiveAsync(clerk);
        await clerk.Locator("#pw-current").FillAsync(password);
        await clerk.Locator("#pw-new").FillAsync("New-Clerk-Pass-9");
        await clerk.Locator("#pw-confirm").FillAsync("New-Clerk-Pass-8");
        await clerk.Locator(".tid-password-save").ClickAsync();
        (await clerk.Locator(".tid-password-error").InnerTextAsync()).ShouldContain("两次输入的新密码不一致");
        await BrowserFixture.ScreenshotAsync(clerk, "profile");

        await clerk.Locator("#pw-confirm").FillAsync("New-Clerk-Pass-9");
        await clerk.Locator(".tid-password-save").ClickAsync();
        await clerk.GetByTestId("login-notice").WaitForAsync();
        await BrowserFixture.SignInAsync(clerk, userName, "New-Clerk-Pass-9");
        (await clerk.GetByTestId("user-name").InnerTextAsync()).ShouldContain("民事审判庭 书记员");

        // The administrator renames the clerk; the clerk meanwhile changes their own notification settings,
        // so the administrator's form is old: it says so and keeps what was typed.
        var clerkRow = admin.Locator(".tid-users-table tr", new() { HasText = userName });
        await clerkRow.GetByRole(AriaRole.Button, new() { Name = "编辑" }).ClickAsync();
        await admin.Locator("#u-display").FillAsync("民事审判庭 书记员 王");
        await clerk.GotoAsync("/profile");
        await BrowserFixture.WaitInteractiveAsync(clerk);
        await clerk.GetByTestId("pref-email").FillAsync(userName + "@example.com");
        await clerk.Locator(".tid-save-preferences").ClickAsync();
        await clerk.Locator(".tid-preferences-saved").WaitForAsync();
        await admin.GetByRole(AriaRole.Button, new() { Name = "保存" }).ClickAsync();
        (await admin.Locator(".tid-user-error").InnerTextAsync()).ShouldContain("刷新");
        (await admin.Locator("#u-display").InputValueAsync()).ShouldBe("民事审判庭 书记员 王");
        await BrowserFixture.ScreenshotAsync(admin, "user-edit-conflict");

        // Reopened on the current record, the same edit is saved.
        await admin.GetByRole(AriaRole.Button, new() { Name = "取消" }).ClickAsync();
        await admin.ReloadAsync();
        await BrowserFixture.WaitInteractiveAsync(admin);
        await clerkRow.GetByRole(AriaRole.Button, new() { Name = "编辑" }).ClickAsync();
        await admin.Locator("#u-display").FillAsync("民事审判庭 书记员 王");
        await admin.GetByRole(AriaRole.Button, new() { Name = "保存" }).ClickAsync();
        await admin.Locator(".tid-user-notice").Filter(new() { HasText = userName }).WaitForAsync();
        (await admin.Locator(".tid-users-table").InnerTextAsync()).ShouldContain("民事审判庭 书记员 王");
        // The clerk's own mail address survived: the refused form would have emptied it.
        await clerkRow.GetByRole(AriaRole.Button, new() { Name = "编辑" }).ClickAsync();
        (await admin.Locator("#u-email").InputValueAsync()).ShouldBe(userName + "@example.com");

        await admin.Context.CloseAsync();
        await clerk.Context.CloseAsync();
    }

    [SkippableFact]
    public async Task A_token_issued_on_the_profile_page_calls_the_api_until_it_is_revoked()
    {
        Skip.If(fixture.SkipReason is not null, fixture.SkipReason);
        var page = await fixture.NewPageAsync();
        await BrowserFixture.SignInAsync(page, "leader");
        await page.GotoAsync("/profile");
        await BrowserFixture.WaitInteractiveAsync(page);

        await page.GetByTestId("token-name").FillAsync("周报脚本");
        await page.Locator(".tid-token-issue").ClickAsync();
        var token = TokenPattern().Match(await page.Locator(".tid-token-issued").InnerTextAsync()).Value;
        token.ShouldStartWith("yw_");

        using var api = new HttpClient { BaseAddress = new Uri(fixture.BaseUrl) };
        api.DefaultRequestHeaders.Authorization = new("Bearer", token);
        var me = await api.GetStringAsync("/api/me");
        me.ShouldContain("\"userName\":\"leader\"");

        await page.GetByRole(AriaRole.Button, new() { Name = "吊销" }).ClickAsync();
        await page.GetByText("已吊销").WaitForAsync();
        (await api.GetAsync("/api/me")).StatusCode.ShouldBe(System.Net.HttpStatusCode.Unauthorized);
        await page.Context.CloseAsync();
    }

    [SkippableFact]
    public async Task Signing_out_ends_the_session()
    {
        Skip.If(fixture.SkipReason is not null, fixture.SkipReason);
        var page = await fixture.NewPageAsync();
        await BrowserFixture.SignInAsync(page, "duty");

        await page.GetByTestId("logout").ClickAsync();
        await page.Locator("#username").WaitForAsync();
        await page.GotoAsync("/units");

        page.Url.ShouldContain("/account/login");
        await page.Context.CloseAsync();
    }

    [GeneratedRegex("yw_[A-Za-z0-9]+")]
    private static partial Regex TokenPattern();

    [GeneratedRegex("[A-Za-z0-9]{4}-[A-Za-z0-9]{4}-[A-Za-z0-9]{4}-[A-Za-z0-9]{4}")]
    private static partial Regex GeneratedPassword();
}
