using Microsoft.Playwright;

namespace Yunwei.E2E;

[Collection(BrowserGroup.Name)]
public sealed class FaultsJourneyTests(BrowserFixture fixture)
{
    [SkippableFact]
    public async Task The_report_is_filled_signed_confirmed_exported_and_suggested_for_the_next_similar_fault()
    {
        Skip.If(fixture.SkipReason is not null, fixture.SkipReason);
        var code = await fixture.CreateAssetAsync("第三法庭录音录像主机", "服务器");
        var cause = "电源模块老化损坏 " + Guid.NewGuid().ToString("N")[..4];
        var resident = await fixture.NewPageAsync();
        await BrowserFixture.SignInAsync(resident, "resident");
        await resident.GotoAsync($"/faults/new?asset={code}");
        await BrowserFixture.WaitInteractiveAsync(resident);
        await resident.GetByTestId("asset-chosen").WaitForAsync();
        await resident.Locator("#fault-caller").FillAsync("第三法庭书记员");
        await resident.Locator("#fault-description").FillAsync("第三法庭录音录像主机无法启动");
        await resident.GetByTestId("level-Level2").CheckAsync();
        await resident.GetByTestId("fault-submit").ClickAsync();
        await BrowserFixture.WaitForFaultPageAsync(resident);
        await BrowserFixture.WaitInteractiveAsync(resident);
        var url = resident.Url;

        await resident.Locator(".tid-do-Arrive").ClickAsync();
        await resident.Locator("[data-testid=timeline] li[data-type=ArrivedOnSite]").WaitForAsync();
        await resident.GetByTestId("fix-text").FillAsync("更换电源模块");
        await resident.Locator(".tid-do-Resolve").ClickAsync();
        await resident.Locator(".tid-fault-state", new() { HasText = "已解决" }).WaitForAsync();

        // The report: filled before leaving the site, signed by the engineer.
        foreach (var (field, text) in new[] { ("Diagnosis", "按电源键无反应，电源无输出"), ("RootCause", cause), ("Fix", "更换同型号电源模块，试录正常"), ("Prevention", "每季度检查电源与散热") })
        {
            await resident.Locator($"#fr-{field}").FillAsync(text);
        }

        await resident.Locator(".tid-report-save").ClickAsync();
        await resident.Locator(".tid-report-state").WaitForAsync();
        await BrowserFixture.SignAsync(resident, resident.GetByTestId("signature-pad"));
        await resident.Locator(".tid-report-sign").ClickAsync();
        await resident.Locator(".tid-report-state", new() { HasText = "工程师已签字" }).WaitForAsync();

        // The client's maintenance staff confirm on a phone with a finger.
        var client = await fixture.NewPageAsync(390, 844);
        await BrowserFixture.SignInAsync(client, "client.maint");
        await client.GotoAsync(url);
        await BrowserFixture.WaitInteractiveAsync(client);
        await BrowserFixture.SignAsync(client, client.GetByTestId("signature-pad"));
        await client.Locator(".tid-report-confirm").ClickAsync();
        await client.Locator(".tid-report-state", new() { HasText = "甲方已确认" }).WaitForAsync();
        (await client.GetByTestId("report-signature").CountAsync()).ShouldBe(2);
        await BrowserFixture.ScreenshotAsync(client, "phone-report-confirmed");

        // Exported: the PDF link gives a PDF.
        var pdf = await client.APIRequest.GetAsync(await client.GetByTestId("report-pdf").GetAttributeAsync("href") is { } href ? "/" + href : "");
        pdf.Headers["content-type"].ShouldBe("application/pdf");
        (await pdf.BodyAsync()).Take(4).ShouldBe("%PDF"u8.ToArray());

        // Into the knowledge base in one action, and suggested when the next call sounds alike.
        await resident.ReloadAsync();
        await BrowserFixture.WaitInteractiveAsync(resident);
        await resident.Locator(".tid-report-knowledge").ClickAsync();
        await resident.GetByTestId("report-knowledge").WaitForAsync();
        await resident.GotoAsync("/faults/new");
        await BrowserFixture.WaitInteractiveAsync(resident);
        await resident.Locator("#fault-description").FillAsync("三号法庭的录音录像主机开不了机");
        await resident.Locator("#fault-description").BlurAsync();
        var suggestion = resident.GetByTestId("knowledge-hit").Filter(new() { HasText = cause });
        await suggestion.WaitForAsync();
        await BrowserFixture.ScreenshotAsync(resident, "knowledge-suggested");
        await resident.Context.CloseAsync();
        await client.Context.CloseAsync();
    }

    [SkippableFact]
    public async Task A_reboot_is_asked_from_the_fault_approved_on_a_phone_and_only_then_recorded()
    {
        Skip.If(fixture.SkipReason is not null, fixture.SkipReason);
        var code = await fixture.CreateAssetAsync("审判业务数据库服务器", "服务器");
        var title = "重启数据库服务器 " + Guid.NewGuid().ToString("N")[..4];
        var resident = await fixture.NewPageAsync();
        await BrowserFixture.SignInAsync(resident, "resident");
        await resident.GotoAsync($"/faults/new?asset={code}");
        await BrowserFixture.WaitInteractiveAsync(resident);
        await resident.GetByTestId("asset-chosen").WaitForAsync();
        await resident.Locator("#fault-caller").FillAsync("信息技术处");
        await resident.Locator("#fault-description").FillAsync("审判系统数据库服务器响应极慢");
        await resident.GetByTestId("level-Level1").CheckAsync();
        await resident.GetByTestId("fault-submit").ClickAsync();
        await BrowserFixture.WaitForFaultPageAsync(resident);
        await BrowserFixture.WaitInteractiveAsync(resident);
        var url = resident.Url;

        // Nothing to record yet: no approved operation.
        (await resident.Locator(".tid-do-RecordOperation").CountAsync()).ShouldBe(0);
        await resident.GetByTestId("request-MajorOperation").ClickAsync();
        await BrowserFixture.WaitInteractiveAsync(resident);
        await resident.GetByTestId("ap-fault").WaitForAsync();
        await resident.Locator("#ap-title").FillAsync(title);
        foreach (var (field, text) in new[] { ("operation", "系统重启"), ("plan", "停库→重启→校验"), ("risk", "中断 10 分钟"), ("rollback", "快照恢复"), ("window", "立即") })
        {
            await resident.Locator($"#ap-{field}").FillAsync(text);
        }

        await resident.Locator(".tid-approval-submit").ClickAsync();
        await BrowserFixture.WaitForPageAsync(resident, url, "fault page after the approval request");
        await BrowserFixture.WaitInteractiveAsync(resident);
        await resident.Locator("[data-testid=timeline] li[data-type=ApprovalRequested]").Filter(new() { HasText = title }).WaitForAsync();

        var client = await fixture.NewPageAsync(390, 844);
        await BrowserFixture.SignInAsync(client, "client.admin");
        await client.GotoAsync("/approvals?scope=ToDecide");
        await BrowserFixture.WaitInteractiveAsync(client);
        var card = client.Locator(".approval-card", new() { HasText = title });
        await card.Locator("input").FillAsync("同意，信息技术处派人在场");
        await card.Locator(".tid-approve").ClickAsync();
        (await client.Locator(".tid-approval-notice").InnerTextAsync()).ShouldContain("已批准");

        await resident.ReloadAsync();
        await BrowserFixture.WaitInteractiveAsync(resident);
        await resident.Locator("[data-testid=timeline] li[data-type=ApprovalDecided]").WaitForAsync();
        var select = resident.Locator(".tid-fault-actions select[aria-label='记录已执行重大操作']");
        var option = await select.Locator("option", new() { HasText = title }).GetAttributeAsync("value");
        await select.SelectOptionAsync(option!);
        await resident.Locator(".tid-do-RecordOperation").ClickAsync();
        await resident.Locator("[data-testid=timeline] li[data-type=OperationPerformed]").Filter(new() { HasText = title }).WaitForAsync();
        await BrowserFixture.ScreenshotAsync(resident, "fault-operation-recorded");
        await resident.Context.CloseAsync();
        await client.Context.CloseAsync();
    }
}
