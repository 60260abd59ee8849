using Microsoft.Playwright;

namespace Yunwei.E2E;

[Collection(BrowserGroup.Name)]
public sealed class RoleJourneyTests(BrowserFixture fixture)
{
    public static TheoryData<string, string[]> MenuByUser => new()
    {
        { "admin", ["/", "/dashboard", "/faults", "/inspections", "/risks", "/worklog", "/weekly", "/complaints", "/assessment", "/knowledge", "/assets", "/documents", "/approvals", "/roster", "/staff", "/attendance", "/training", "/stock", "/units", "/admin/users", "/admin/channels", "/admin/intake", "/admin/templates", "/audit"] },
        { "auditor", ["/", "/dashboard", "/faults", "/inspections", "/risks", "/worklog", "/weekly", "/complaints", "/assessment", "/knowledge", "/assets", "/documents", "/approvals", "/roster", "/staff", "/attendance", "/training", "/stock", "/units", "/audit"] },
        { "client.admin", ["/", "/dashboard", "/faults", "/inspections", "/risks", "/worklog", "/weekly", "/complaints", "/assessment", "/knowledge", "/assets", "/documents", "/approvals", "/roster", "/staff", "/attendance", "/training", "/stock", "/units", "/admin/users", "/admin/channels", "/admin/intake", "/audit"] },
        { "client.maint", ["/", "/dashboard", "/faults", "/inspections", "/risks", "/worklog", "/weekly", "/complaints", "/assessment", "/knowledge", "/assets", "/documents", "/approvals", "/roster", "/staff", "/attendance", "/training", "/stock", "/units"] },
        { "client.rep", ["/", "/dashboard", "/faults", "/inspections", "/risks", "/worklog", "/weekly", "/complaints", "/assessment", "/knowledge", "/assets", "/documents", "/approvals", "/roster", "/staff", "/attendance", "/training", "/stock", "/units"] },
        { "enduser", ["/", "/faults", "/complaints", "/units"] },
        { "resident", ["/", "/dashboard", "/faults", "/inspections", "/risks", "/worklog", "/weekly", "/complaints", "/assessment", "/knowledge", "/assets", "/documents", "/approvals", "/roster", "/staff", "/attendance", "/training", "/stock", "/units"] },
        { "duty", ["/", "/dashboard", "/faults", "/inspections", "/risks", "/worklog", "/weekly", "/complaints", "/assessment", "/knowledge", "/assets", "/documents", "/approvals", "/roster", "/staff", "/attendance", "/training", "/stock", "/units"] },
        { "support", ["/", "/dashboard", "/faults", "/inspections", "/risks", "/worklog", "/weekly", "/complaints", "/assessment", "/knowledge", "/assets", "/documents", "/approvals", "/roster", "/staff", "/attendance", "/training", "/stock", "/units"] },
        { "account", ["/", "/dashboard", "/faults", "/inspections", "/risks", "/worklog", "/weekly", "/complaints", "/assessment", "/knowledge", "/assets", "/documents", "/approvals", "/roster", "/staff", "/attendance", "/training", "/stock", "/units", "/admin/channels", "/admin/intake"] },
        { "leader", ["/", "/dashboard", "/faults", "/inspections", "/risks", "/worklog", "/weekly", "/complaints", "/assessment", "/knowledge", "/assets", "/documents", "/approvals", "/roster", "/staff", "/attendance", "/training", "/stock", "/units", "/audit"] },
    };

    [SkippableTheory]
    [MemberData(nameof(MenuByUser))]
    public async Task Each_demo_role_signs_in_and_sees_exactly_its_menu(string user, string[] menu)
    {
        Skip.If(fixture.SkipReason is not null, fixture.SkipReason);
        var page = await fixture.NewPageAsync();

        await BrowserFixture.SignInAsync(page, user);

        var items = await page.Locator("[data-testid=side-nav] [data-nav]").EvaluateAllAsync<string[]>("els => els.map(e => e.dataset.nav)");
        items.ShouldBe(menu);
        (await page.GetByTestId("current-unit").InnerTextAsync()).ShouldContain(user is "admin" or "auditor" ? "示例人民法院" : "示例人民法院");
        (await page.Locator("html").GetAttributeAsync("lang")).ShouldBe("zh-CN");
        await BrowserFixture.ScreenshotAsync(page, $"home-{user}");
        await page.Context.CloseAsync();
    }

    [SkippableFact]
    public async Task The_language_switches_to_english_and_back_and_is_remembered()
    {
        Skip.If(fixture.SkipReason is not null, fixture.SkipReason);
        var page = await fixture.NewPageAsync();
        await BrowserFixture.SignInAsync(page, "resident");
        (await page.Locator("[data-nav='/units']").InnerTextAsync()).ShouldContain("委托单位");

        await page.GetByTestId("lang-switch").ClickAsync();
        await page.Locator("html[lang=en]").WaitForAsync(new() { State = WaitForSelectorState.Attached });
        await BrowserFixture.WaitInteractiveAsync(page);

        (await page.Locator("[data-nav='/units']").InnerTextAsync()).ShouldContain("Client units");
        await page.ReloadAsync();
        await BrowserFixture.WaitInteractiveAsync(page);
        (await page.Locator("[data-nav='/units']").InnerTextAsync()).ShouldContain("Client units");
        await BrowserFixture.ScreenshotAsync(page, "home-resident-en");

        await page.GetByTestId("lang-switch").ClickAsync();
        await page.Locator("html[lang=zh-CN]").WaitForAsync(new() { State = WaitForSelectorState.Attached });
        await BrowserFixture.WaitInteractiveAsync(page);
        (await page.Locator("[data-nav='/units']").InnerTextAsync()).ShouldContain("委托单位");
        await page.Context.CloseAsync();
    }

    [SkippableFact]
    public async Task A_wrong_password_shows_a_clear_message_in_the_page()
    {
        Skip.If(fixture.SkipReason is not null, fixture.SkipReason);
        var page = await fixture.NewPageAsync();
        await page.GotoAsync("/account/login");

        await page.Locator("#username").FillAsync("duty");
        await page.Locator("#password").FillAsync("not-the-password");
        await page.GetByTestId("login-submit").ClickAsync();

        (await page.GetByTestId("login-error").InnerTextAsync()).ShouldContain("用户名或密码错误");
        await page.Context.CloseAsync();
    }

    [SkippableFact]
    public async Task The_pages_fit_a_390_pixel_phone_without_sideways_scrolling()
    {
        Skip.If(fixture.SkipReason is not null, fixture.SkipReason);
        var page = await fixture.NewPageAsync(390, 844);
        await BrowserFixture.SignInAsync(page, "client.admin");

        foreach (var path in new[] { "/", "/units", "/admin/users", "/audit" })
        {
            await page.GotoAsync(path);
            await BrowserFixture.WaitInteractiveAsync(page);
            var overflow = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth - window.innerWidth");
            overflow.ShouldBeLessThanOrEqualTo(0, path);
            await BrowserFixture.ScreenshotAsync(page, "phone" + path.Replace('/', '-').TrimEnd('-'));
        }

        await page.Context.CloseAsync();
    }

    [SkippableFact]
    public async Task A_client_administrator_edits_the_contract_deadlines_sees_a_validation_error_then_the_audit_entry()
    {
        Skip.If(fixture.SkipReason is not null, fixture.SkipReason);
        var page = await fixture.NewPageAsync();
        await BrowserFixture.SignInAsync(page, "client.admin");
        await page.GotoAsync("/units");
        await BrowserFixture.WaitInteractiveAsync(page);
        await page.GetByRole(AriaRole.Link, new() { Name = "示例人民法院" }).ClickAsync();
        await page.Locator(".tid-contract-edit").ClickAsync();

        await page.GetByTestId("sla-response-1").FillAsync("0");
        await page.Locator(".tid-contract-save").ClickAsync();
        (await page.Locator(".tid-contract-error").InnerTextAsync()).ShouldContain("响应时限须大于 0 分钟");

        await page.GetByTestId("sla-response-1").FillAsync("20");
        await page.Locator(".tid-contract-save").ClickAsync();
        await page.Locator(".tid-contract-edit").WaitForAsync();
        (await page.GetByTestId("sla-table").InnerTextAsync()).ShouldContain("20 分钟");
        await BrowserFixture.ScreenshotAsync(page, "unit-contract");

        await page.GotoAsync("/audit?entity=ServiceContract");
        await BrowserFixture.WaitInteractiveAsync(page);
        var audit = await page.Locator(".tid-audit-table").InnerTextAsync();
        audit.ShouldContain("client.admin");
        audit.ShouldContain("服务合同");
        // The deadlines in words, not as JSON.
        audit.ShouldContain("响应时限（分钟）: 20");
        audit.ShouldNotContain("\"ResponseMinutes\"");
        await BrowserFixture.ScreenshotAsync(page, "audit");
        await page.Context.CloseAsync();
    }
}
