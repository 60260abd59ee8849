using System.Globalization;
using Microsoft.Playwright;

namespace Yunwei.E2E;

[Collection(BrowserGroup.Name)]
public sealed class InspectionsJourneyTests(BrowserFixture fixture)
{
    /// <summary>
    /// Issue 6 end to end: on a phone the resident runs the week's server-room inspection, enters an
    /// out-of-range temperature and turns it into a fault, takes the required photo and finishes; then
    /// submits the week's inspection report and workload list; the client signs both on a desktop and
    /// the exported PDF carries the items and the signature block.
    /// </summary>
    [SkippableFact]
    public async Task The_resident_inspects_on_a_phone_and_the_client_signs_the_weeks_report_and_workload_list()
    {
        Skip.If(fixture.SkipReason is not null, fixture.SkipReason);
        var monday = Domain.Inspections.Week.Monday(Domain.ChinaTime.Today(fixture.Clock.GetUtcNow())).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var airCon = await fixture.CreateAssetAsync("1号精密空调", "精密空调");
        var phone = await fixture.NewPageAsync(390, 844);
        await BrowserFixture.SignInAsync(phone, "resident");
        await phone.GotoAsync("/inspections");
        await BrowserFixture.WaitInteractiveAsync(phone);
        await phone.GetByTestId("inspection-list").Locator("tr", new() { HasText = "机房" }).First.Locator("a").ClickAsync();
        await phone.GetByTestId("inspection-title").Filter(new() { HasText = "机房" }).WaitForAsync();
        await BrowserFixture.WaitInteractiveAsync(phone);
        var inspectionUrl = phone.Url;

        ILocator Row(string name) => phone.Locator("[data-testid^=item-]", new() { Has = phone.Locator("strong", new() { HasTextString = name }) });

        // Scanning the air conditioner's QR label opens this inspection at that device.
        await phone.GotoAsync($"/scan/{await fixture.AssetIdAsync(airCon)}");
        await BrowserFixture.WaitInteractiveAsync(phone);
        await phone.GetByTestId("scan-inspect").First.ClickAsync();
        await BrowserFixture.WaitForPageAsync(phone, new System.Text.RegularExpressions.Regex($"asset={airCon}$"), "inspection at the scanned asset");
        await BrowserFixture.WaitInteractiveAsync(phone);
        await phone.GetByTestId($"item-i7-{airCon}").WaitForAsync();
        foreach (var name in new[] { "精密空调运行及告警", "过滤网、冷凝水排水" })
        {
            await Row(name).Locator(".tid-pass").ClickAsync();
            await Row(name).Locator(".tid-result").WaitForAsync();
        }

        await Row("回风温度").GetByTestId("value").FillAsync("24");
        await Row("回风温度").GetByTestId("value").PressAsync("Tab");
        await Row("回风温度").Locator(".tid-result").Filter(new() { HasText = "正常" }).WaitForAsync();
        await phone.GotoAsync(inspectionUrl);
        await BrowserFixture.WaitInteractiveAsync(phone);

        // Readings: a normal value for each; the cold aisle at 1.1 m is 33 ℃ — a fault.
        foreach (var (name, value) in new[] { ("冷通道温度（0.2 m）", "22"), ("冷通道温度（1.1 m）", "33"), ("冷通道温度（2.0 m）", "23"), ("相对湿度", "45"), ("露点温度", "10"), ("UPS 电池室温度", "25") })
        {
            var input = Row(name).GetByTestId("value");
            await input.FillAsync(value);
            await input.PressAsync("Tab");
            await Row(name).Locator(".tid-result").WaitForAsync();
        }

        (await Row("冷通道温度（1.1 m）").Locator(".tid-result").InnerTextAsync()).ShouldBe("故障");
        (await Row("冷通道温度（0.2 m）").Locator(".tid-result").InnerTextAsync()).ShouldBe("正常");
        foreach (var name in new[] { "气体灭火钢瓶压力", "漏水检测", "人员出入登记" })
        {
            await Row(name).Locator(".tid-pass").ClickAsync();
            await Row(name).Locator(".tid-result").WaitForAsync();
        }

        // Finishing without the entrance log's photo is refused and says why.
        await phone.Locator(".tid-finish").ClickAsync();
        await phone.GetByTestId("finish-errors").Filter(new() { HasText = "需要拍照：人员出入登记" }).WaitForAsync();
        await Row("人员出入登记").GetByTestId("photo").SetInputFilesAsync(new FilePayload
        {
            Name = "log.png",
            MimeType = "image/png",
            Buffer = Convert.FromBase64String("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg=="),
        });
        await Row("人员出入登记").Locator(".photo img").WaitForAsync();

        // The hot aisle becomes a fault in the server room, linked back to the finding.
        await Row("冷通道温度（1.1 m）").Locator(".tid-to-fault").ClickAsync();
        await Row("冷通道温度（1.1 m）").GetByTestId("finding-level").SelectOptionAsync("Level2");
        var location = Row("冷通道温度（1.1 m）").GetByTestId("finding-location");
        var room = await location.Locator("option", new() { HasTextString = "核心机房" }).GetAttributeAsync("value");
        await location.SelectOptionAsync(room!);
        await Row("冷通道温度（1.1 m）").Locator(".tid-finding-fault-save").ClickAsync();
        await Row("冷通道温度（1.1 m）").GetByTestId("finding-fault").WaitForAsync();
        (await phone.EvaluateAsync<int>("() => document.documentElement.scrollWidth - window.innerWidth")).ShouldBeLessThanOrEqualTo(0);
        await BrowserFixture.ScreenshotAsync(phone, "phone-inspection");

        await phone.GetByTestId("inspection-summary").FillAsync("冷通道 1.1 m 处温度偏高，已报故障。");
        await phone.Locator(".tid-finish").ClickAsync();
        await phone.Locator(".tid-inspection-state").Filter(new() { HasText = "已完成" }).WaitForAsync();

        // The fault opened from the finding.
        await Row("冷通道温度（1.1 m）").GetByTestId("finding-fault").ClickAsync();
        await BrowserFixture.WaitForFaultPageAsync(phone);
        await phone.GetByText("巡检发现：冷通道温度（1.1 m）").First.WaitForAsync();

        // The week's inspection report: the running-state summary, signed and submitted on the phone.
        await phone.GotoAsync($"/weekly/InspectionReport/{monday}");
        await BrowserFixture.WaitInteractiveAsync(phone);
        await phone.GetByTestId("weekly-anomalies").Filter(new() { HasText = "冷通道温度（1.1 m）" }).WaitForAsync();
        await phone.GetByTestId("weekly-summary").FillAsync("机房冷通道局部温度偏高，其余正常。");
        await phone.GetByTestId("weekly-advice").FillAsync("清洗精密空调滤网。");
        await BrowserFixture.SignAsync(phone, phone.GetByTestId("signature-pad"));
        await phone.Locator(".tid-weekly-submit").ClickAsync();
        await phone.Locator(".tid-weekly-state").Filter(new() { HasText = "待甲方签字" }).WaitForAsync();

        // The workload list has the inspection from the log, never typed again.
        await phone.GotoAsync($"/weekly/WorkloadList/{monday}");
        await BrowserFixture.WaitInteractiveAsync(phone);
        await phone.GetByTestId("weekly-rows").Locator("tr", new() { HasText = "机房巡检" }).WaitForAsync();
        await BrowserFixture.SignAsync(phone, phone.GetByTestId("signature-pad"));
        await phone.Locator(".tid-weekly-submit").ClickAsync();
        await phone.Locator(".tid-weekly-state").Filter(new() { HasText = "待甲方签字" }).WaitForAsync();

        // The client sees both awaiting signature on the week strip and signs them.
        var client = await fixture.NewPageAsync();
        await BrowserFixture.SignInAsync(client, "client.maint");
        await client.GotoAsync("/weekly");
        await BrowserFixture.WaitInteractiveAsync(client);
        (await client.GetByTestId($"weekly-inspection-{monday}").InnerTextAsync()).ShouldBe("待甲方签字");
        foreach (var kind in new[] { "inspection", "workload" })
        {
            await client.GotoAsync("/weekly");
            await BrowserFixture.WaitInteractiveAsync(client);
            await client.GetByTestId($"weekly-{kind}-{monday}").ClickAsync();
            await client.GetByTestId("weekly-title").WaitForAsync();
            await BrowserFixture.WaitInteractiveAsync(client);
            await BrowserFixture.SignAsync(client, client.GetByTestId("signature-pad"));
            await client.Locator(".tid-weekly-sign").ClickAsync();
            await client.Locator(".tid-weekly-state").Filter(new() { HasText = "甲方已签字" }).WaitForAsync();
            (await client.GetByTestId("weekly-signature").CountAsync()).ShouldBe(2);
        }

        await BrowserFixture.ScreenshotAsync(client, "weekly-workload-signed");

        // Exports: the signed workload list as Excel, the inspection report as Word and PDF with the items and signatures.
        var xlsx = await client.APIRequest.GetAsync(fixture.BaseUrl + "/" + await client.GetByTestId("export-xlsx").GetAttributeAsync("href"));
        xlsx.Ok.ShouldBeTrue();
        await client.GotoAsync($"/weekly/InspectionReport/{monday}");
        await BrowserFixture.WaitInteractiveAsync(client);
        var docx = await client.APIRequest.GetAsync(fixture.BaseUrl + "/" + await client.GetByTestId("export-docx").GetAttributeAsync("href"));
        docx.Headers["content-type"].ShouldStartWith("application/vnd.openxmlformats-officedocument.wordprocessingml");
        var pdf = await client.APIRequest.GetAsync(fixture.BaseUrl + "/" + await client.GetByTestId("export-pdf").GetAttributeAsync("href"));
        pdf.Headers["content-type"].ShouldBe("application/pdf");
        var file = Path.Combine(Path.GetTempPath(), $"weekly-{Guid.NewGuid():N}.pdf");
        await File.WriteAllBytesAsync(file, await pdf.BodyAsync());
        try
        {
            var text = await PdfText.ReadAsync(file);
            text.ShouldContain("信息化系统设备巡检报告");
            text.ShouldContain("冷通道温度（1.1 m）");
            text.ShouldContain("33 °C"); // the PDF font has no ℃ sign
            text.ShouldContain("机房冷通道局部温度偏高");
            text.ShouldContain("乙方工程师签字");
            text.ShouldContain("甲方审核签字");
            text.ShouldContain("驻点");
        }
        finally
        {
            File.Delete(file);
        }

        await phone.Context.CloseAsync();
        await client.Context.CloseAsync();
    }
}
