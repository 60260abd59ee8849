using Microsoft.Playwright;

namespace Yunwei.E2E;

[Collection(BrowserGroup.Name)]
public sealed class ApprovalsJourneyTests(BrowserFixture fixture)
{
    [SkippableFact]
    public async Task The_engineer_asks_to_restart_a_server_and_the_client_approves_on_a_phone()
    {
        Skip.If(fixture.SkipReason is not null, fixture.SkipReason);
        var title = "重启审判业务服务器 " + Guid.NewGuid().ToString("N")[..4];
        var engineer = await fixture.NewPageAsync();
        await BrowserFixture.SignInAsync(engineer, "resident");
        await engineer.GotoAsync("/approvals");
        await BrowserFixture.WaitInteractiveAsync(engineer);

        await engineer.Locator(".tid-approval-new").ClickAsync();
        await engineer.Locator("#ap-kind").SelectOptionAsync("MajorOperation");
        await engineer.Locator("#ap-title").FillAsync(title);
        await engineer.Locator(".tid-approval-submit").ClickAsync();
        (await engineer.Locator(".tid-approval-error").InnerTextAsync()).ShouldContain("必填");
        foreach (var (field, text) in new[] { ("operation", "系统重启"), ("plan", "停服务后重启"), ("risk", "中断 10 分钟"), ("rollback", "快照恢复"), ("window", "今晚 20:00") })
        {
            await engineer.Locator($"#ap-{field}").FillAsync(text);
        }

        await engineer.Locator("#ap-expires").FillAsync("2030-01-01T10:00");
        await engineer.Locator(".tid-approval-submit").ClickAsync();
        await engineer.Locator(".approval-card", new() { HasText = title }).WaitForAsync();
        var requested = await engineer.Locator(".approval-card", new() { HasText = title }).InnerTextAsync();
        requested.ShouldContain("待审批");
        requested.ShouldContain("请于 2030-01-01 10:00:00 前审批");

        var client = await fixture.NewPageAsync(390, 844);
        await BrowserFixture.SignInAsync(client, "client.admin");
        var before = int.Parse(await client.GetByTestId("approvals-badge").InnerTextAsync(), System.Globalization.CultureInfo.InvariantCulture);
        await client.GetByTestId("approvals-badge").ClickAsync();
        var card = client.Locator(".approval-card", new() { HasText = title });
        await card.WaitForAsync();
        await card.Locator("input").FillAsync("同意，维护人员到场");
        await card.Locator(".tid-approve").ClickAsync();
        (await client.Locator(".tid-approval-notice").InnerTextAsync()).ShouldContain($"「{title}」已批准");
        // One fewer to decide (other journeys may have left requests of their own).
        if (before == 1)
        {
            (await client.GetByTestId("approvals-badge").CountAsync()).ShouldBe(0, "nothing left to decide");
        }
        else
        {
            await client.GetByTestId("approvals-badge").Filter(new() { HasText = $"{before - 1}" }).WaitForAsync();
        }
        (await client.EvaluateAsync<int>("() => document.documentElement.scrollWidth - window.innerWidth")).ShouldBeLessThanOrEqualTo(0);
        await BrowserFixture.ScreenshotAsync(client, "phone-approval");

        await engineer.ReloadAsync();
        await BrowserFixture.WaitInteractiveAsync(engineer);
        var mine = await engineer.Locator(".approval-card", new() { HasText = title }).InnerTextAsync();
        mine.ShouldContain("已批准");
        mine.ShouldContain("同意，维护人员到场");
        await engineer.Context.CloseAsync();
        await client.Context.CloseAsync();
    }

    [SkippableFact]
    public async Task The_representative_signs_a_part_replacement_with_a_finger_on_a_phone()
    {
        Skip.If(fixture.SkipReason is not null, fixture.SkipReason);
        var title = "更换 UPS 电池 " + Guid.NewGuid().ToString("N")[..4];
        var engineer = await fixture.NewPageAsync();
        await BrowserFixture.SignInAsync(engineer, "resident");
        await engineer.GotoAsync("/approvals");
        await BrowserFixture.WaitInteractiveAsync(engineer);
        await engineer.Locator(".tid-approval-new").ClickAsync();
        await engineer.Locator("#ap-kind").SelectOptionAsync("PartReplacement");
        await engineer.Locator("#ap-part").WaitForAsync();
        await engineer.Locator("#ap-title").FillAsync(title);
        await engineer.Locator("#ap-part").FillAsync("12V 100Ah 蓄电池");
        await engineer.Locator("#ap-quantity").FillAsync("16");
        await engineer.Locator("#ap-reason").FillAsync("内阻超标");
        await engineer.Locator(".tid-approval-submit").ClickAsync();
        await engineer.Locator(".approval-card", new() { HasText = title }).WaitForAsync();
        await engineer.Context.CloseAsync();

        var phone = await fixture.NewPageAsync(390, 844);
        await BrowserFixture.SignInAsync(phone, "client.rep");
        await phone.GotoAsync("/approvals?scope=ToDecide");
        await BrowserFixture.WaitInteractiveAsync(phone);
        var card = phone.Locator(".approval-card", new() { HasText = title });
        await card.WaitForAsync();

        // Approving without signing is refused; then sign with a zigzag.
        await card.Locator(".tid-approve").ClickAsync();
        await phone.GetByText("请先在签名板上签名").WaitForAsync();
        var pad = await card.GetByTestId("signature-pad").BoundingBoxAsync();
        await phone.Mouse.MoveAsync(pad!.X + 20, pad.Y + 60);
        await phone.Mouse.DownAsync();
        foreach (var (dx, dy) in new[] { (60, 20), (100, 80), (140, 20), (180, 80), (220, 30), (260, 70) })
        {
            await phone.Mouse.MoveAsync(pad.X + dx, pad.Y + dy, new() { Steps = 4 });
        }

        await phone.Mouse.UpAsync();
        await card.Locator(".tid-approve").ClickAsync();
        (await phone.Locator(".tid-approval-notice").InnerTextAsync()).ShouldContain("已批准");

        await phone.GotoAsync("/approvals?scope=All");
        await BrowserFixture.WaitInteractiveAsync(phone);
        var signed = phone.Locator(".approval-card", new() { HasText = title });
        (await signed.GetByTestId("signature").InnerTextAsync()).ShouldContain("签名有效");
        (await signed.Locator("svg polyline").CountAsync()).ShouldBe(1);
        await BrowserFixture.ScreenshotAsync(phone, "phone-signature");
        await phone.Context.CloseAsync();
    }

    [SkippableFact]
    public async Task An_emergency_replacement_leaves_a_paperwork_debt_until_the_representative_signs()
    {
        Skip.If(fixture.SkipReason is not null, fixture.SkipReason);
        var title = "紧急更换核心交换机电源 " + Guid.NewGuid().ToString("N")[..4];
        var engineer = await fixture.NewPageAsync();
        await BrowserFixture.SignInAsync(engineer, "resident");
        await engineer.GotoAsync("/approvals");
        await BrowserFixture.WaitInteractiveAsync(engineer);
        await engineer.Locator(".tid-approval-new").ClickAsync();
        await engineer.Locator("#ap-kind").SelectOptionAsync("PartReplacement");
        await engineer.GetByTestId("ap-emergency").CheckAsync();
        await engineer.Locator("#ap-confirmed-by").FillAsync("甲方代表 赵科长");
        await engineer.Locator("#ap-title").FillAsync(title);
        await engineer.Locator("#ap-part").FillAsync("交换机电源模块");
        await engineer.Locator("#ap-quantity").FillAsync("1");
        await engineer.Locator("#ap-reason").FillAsync("电源模块烧毁，核心网络中断");
        await engineer.Locator(".tid-approval-submit").ClickAsync();
        (await engineer.Locator(".approval-card", new() { HasText = title }).GetByTestId("verbal").InnerTextAsync()).ShouldContain("待补签");
        await engineer.Context.CloseAsync();

        var phone = await fixture.NewPageAsync(390, 844);
        await BrowserFixture.SignInAsync(phone, "client.rep");
        (await phone.Locator(".tid-debts-card").InnerTextAsync()).ShouldContain(title);
        await BrowserFixture.ScreenshotAsync(phone, "phone-debts");
        await phone.GotoAsync("/approvals?scope=ToDecide");
        await BrowserFixture.WaitInteractiveAsync(phone);
        var card = phone.Locator(".approval-card", new() { HasText = title });
        var pad = await card.GetByTestId("signature-pad").BoundingBoxAsync();
        await phone.Mouse.MoveAsync(pad!.X + 20, pad.Y + 30);
        await phone.Mouse.DownAsync();
        await phone.Mouse.MoveAsync(pad.X + 200, pad.Y + 70, new() { Steps = 10 });
        await phone.Mouse.MoveAsync(pad.X + 300, pad.Y + 20, new() { Steps = 10 });
        await phone.Mouse.UpAsync();
        await card.Locator(".tid-approve").ClickAsync();
        await phone.Locator(".tid-approval-notice").WaitForAsync();

        await phone.GotoAsync("/");
        await BrowserFixture.WaitInteractiveAsync(phone);
        (await phone.Locator("main").InnerTextAsync()).ShouldNotContain(title);
        await phone.Context.CloseAsync();
    }
}

[Collection(BrowserGroup.Name)]
public sealed class StockJourneyTests(BrowserFixture fixture)
{
    [SkippableFact]
    public async Task Parts_are_received_and_consumed_but_never_below_zero()
    {
        Skip.If(fixture.SkipReason is not null, fixture.SkipReason);
        var name = "UPS 蓄电池 " + Guid.NewGuid().ToString("N")[..4];
        var page = await fixture.NewPageAsync();
        await BrowserFixture.SignInAsync(page, "resident");
        await page.GotoAsync("/stock");
        await BrowserFixture.WaitInteractiveAsync(page);

        await page.GetByTestId("stock-name").FillAsync(name);
        await page.Locator(".tid-stock-add").ClickAsync();
        var row = page.Locator(".tid-stock tr", new() { HasText = name });
        await row.WaitForAsync();
        await row.Locator("input[type=number]").FillAsync("3");
        await row.GetByRole(Microsoft.Playwright.AriaRole.Button).ClickAsync();
        await page.Locator(".tid-stock tr", new() { HasText = name }).Locator("td").Nth(3).Filter(new() { HasText = "3" }).WaitForAsync();

        await row.Locator("select").SelectOptionAsync("Consume");
        await row.Locator("input[type=number]").FillAsync("5");
        await row.GetByRole(Microsoft.Playwright.AriaRole.Button).ClickAsync();
        (await page.Locator(".tid-stock-error").InnerTextAsync()).ShouldContain("库存不足：当前仅剩 3");
        await BrowserFixture.ScreenshotAsync(page, "stock");
        await page.Context.CloseAsync();
    }
}
