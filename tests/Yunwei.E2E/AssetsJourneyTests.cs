using Microsoft.Playwright;

namespace Yunwei.E2E;

[Collection(BrowserGroup.Name)]
public sealed class AssetsJourneyTests(BrowserFixture fixture)
{
    [SkippableFact]
    public async Task The_resident_engineer_records_a_camera_is_told_about_a_bad_ip_and_finds_it_by_searching()
    {
        Skip.If(fixture.SkipReason is not null, fixture.SkipReason);
        var page = await fixture.NewPageAsync();
        await BrowserFixture.SignInAsync(page, "resident");
        await page.GotoAsync("/assets");
        await BrowserFixture.WaitInteractiveAsync(page);
        var code = "AF-CAM-" + Guid.NewGuid().ToString("N")[..4].ToUpperInvariant();

        await page.GetByTestId("asset-add").ClickAsync();
        await page.Locator("#a-code").FillAsync(code);
        await page.Locator("#a-name").FillAsync("立案大厅 1 号摄像机");
        await page.Locator("#a-type").SelectOptionAsync(new SelectOptionValue { Label = "摄像机" });
        // Choosing the type chooses its subsystem.
        await page.WaitForFunctionAsync("() => document.querySelector('#a-subsystem').selectedOptions[0]?.text === '安防'");
        await page.Locator("#a-location").SelectOptionAsync(new SelectOptionValue { Label = "审判综合楼 / 核心机房" });
        await page.Locator("#a-ip").FillAsync("10.20.1");
        await page.Locator("#attr-channel").FillAsync("7");
        await page.Locator("#attr-form").SelectOptionAsync("球机");
        await page.Locator(".tid-asset-save").ClickAsync();
        (await page.Locator(".tid-asset-error").InnerTextAsync()).ShouldContain("IP 地址格式不正确");

        await page.Locator("#a-ip").FillAsync("10.20.1.7");
        await page.Locator(".tid-asset-save").ClickAsync();
        await page.Locator("h1", new() { HasText = "立案大厅 1 号摄像机" }).WaitForAsync();
        // AntDesign's Descriptions lays its items out in a second render: wait for them.
        await page.Locator(".ant-descriptions", new() { HasText = "10.20.1.7" }).WaitForAsync();
        var details = await page.Locator("main").InnerTextAsync();
        details.ShouldContain("10.20.1.7");
        details.ShouldContain("球机");
        details.ShouldContain("审判综合楼 / 核心机房");
        (await page.Locator(".tid-asset-history").InnerTextAsync()).ShouldContain("resident");

        // A photo taken on site: a real 1×1 PNG.
        var photo = Path.Combine(Path.GetTempPath(), $"photo-{Guid.NewGuid():N}.png");
        await File.WriteAllBytesAsync(photo, Convert.FromBase64String("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg=="));
        await page.GetByTestId("asset-photo").SetInputFilesAsync(photo);
        // The thumbnail is the uploaded picture, served back by the archive.
        await page.WaitForFunctionAsync("() => { const i = document.querySelector('.photo-grid img'); return i && i.complete && i.naturalWidth === 1; }");
        File.Delete(photo);
        await BrowserFixture.ScreenshotAsync(page, "asset-detail");

        await page.GotoAsync("/assets");
        await BrowserFixture.WaitInteractiveAsync(page);
        await page.GetByTestId("asset-search").FillAsync("10.20.1.");
        await page.GetByTestId("asset-search").PressAsync("Enter");
        // Wait for the search's answer, not the unfiltered first page that may already show the code.
        await page.GetByTestId("asset-total").Filter(new() { HasText = "共 1 台" }).WaitForAsync();
        (await page.Locator(".tid-assets-table").InnerTextAsync()).ShouldContain(code);
        await BrowserFixture.ScreenshotAsync(page, "assets");
        await page.Context.CloseAsync();
    }

    [SkippableFact]
    public async Task A_stale_edit_form_says_someone_else_saved_and_keeps_what_was_typed()
    {
        Skip.If(fixture.SkipReason is not null, fixture.SkipReason);
        var code = await fixture.CreateAssetAsync("二楼走廊摄像机", "摄像机");
        var id = await fixture.AssetIdAsync(code);
        var page = await fixture.NewPageAsync();
        await BrowserFixture.SignInAsync(page, "resident");
        await page.GotoAsync($"/assets/{id}/edit");
        await BrowserFixture.WaitInteractiveAsync(page);
        await page.Locator("#a-name").FillAsync("二楼走廊 2 号摄像机");

        // Meanwhile a colleague saves the same asset.
        await fixture.RunAsync<Microsoft.EntityFrameworkCore.IDbContextFactory<Yunwei.Data.YunweiDbContext>>(async (factory, _) =>
        {
            await using var db = await factory.CreateDbContextAsync();
            var asset = await Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.SingleAsync(db.Assets, a => a.Id == id);
            asset.Notes = "同事刚改过";
            asset.Revision++;
            await db.SaveChangesAsync();
        });

        await page.Locator(".tid-asset-save").ClickAsync();
        var alert = page.Locator(".tid-asset-error");
        await alert.WaitForAsync();
        (await alert.InnerTextAsync()).ShouldContain("刷新");
        (await page.Locator("#a-name").InputValueAsync()).ShouldBe("二楼走廊 2 号摄像机", "what was typed is kept");
        page.Url.ShouldEndWith($"/assets/{id}/edit");
        await BrowserFixture.ScreenshotAsync(page, "asset-edit-conflict");
    }

    [SkippableFact]
    public async Task A_place_is_added_and_renamed_and_a_stale_rename_keeps_what_was_typed()
    {
        Skip.If(fixture.SkipReason is not null, fixture.SkipReason);
        var name = "档案楼" + Guid.NewGuid().ToString("N")[..4];
        var page = await fixture.NewPageAsync();
        await BrowserFixture.SignInAsync(page, "resident");
        await page.GotoAsync("/assets/locations");
        await BrowserFixture.WaitInteractiveAsync(page);
        await page.GetByTestId("location-name").FillAsync(name);
        await page.Locator(".tid-location-add").ClickAsync();
        var row = page.Locator(".tid-location-tree li", new() { HasText = name });
        await row.WaitForAsync();

        await row.Locator(".tid-location-rename").ClickAsync();
        await page.GetByTestId("location-rename").FillAsync(name + "（东）");
        await page.Locator(".tid-location-rename-save").ClickAsync();
        var renamed = page.Locator(".tid-location-tree li", new() { HasText = name + "（东）" });
        await renamed.WaitForAsync();

        // The form is opened again; meanwhile a colleague renames the same place.
        await renamed.Locator(".tid-location-rename").ClickAsync();
        await page.GetByTestId("location-rename").FillAsync(name + "（西）");
        await fixture.RunAsync<Microsoft.EntityFrameworkCore.IDbContextFactory<Yunwei.Data.YunweiDbContext>>(async (factory, _) =>
        {
            await using var db = await factory.CreateDbContextAsync();
            var place = await Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.SingleAsync(db.Locations, l => l.Name == name + "（东）");
            (place.Name, place.Revision) = (name + "（北）", place.Revision + 1);
            await db.SaveChangesAsync();
        });
        await page.Locator(".tid-location-rename-save").ClickAsync();
        var alert = page.Locator(".tid-location-error");
        await alert.WaitForAsync();
        (await alert.InnerTextAsync()).ShouldContain("刷新");
        (await page.GetByTestId("location-rename").InputValueAsync()).ShouldBe(name + "（西）", "what was typed is kept");
        await BrowserFixture.ScreenshotAsync(page, "location-rename-conflict");
        await page.Context.CloseAsync();
    }
}

[Collection(BrowserGroup.Name)]
public sealed class AssetImportJourneyTests(BrowserFixture fixture)
{
    private static string Sheet(string folder, string name, IEnumerable<Dictionary<string, object?>> rows)
    {
        var path = Path.Combine(folder, name);
        MiniExcelLibs.MiniExcel.SaveAs(path, rows.ToList(), overwriteFile: true);
        return path;
    }

    [SkippableFact]
    public async Task Five_hundred_assets_import_after_the_one_broken_row_is_reported_and_fixed()
    {
        Skip.If(fixture.SkipReason is not null, fixture.SkipReason);
        var folder = Directory.CreateTempSubdirectory("yunwei-import").FullName;
        var prefix = "IMP" + Guid.NewGuid().ToString("N")[..4].ToUpperInvariant();
        var rows = Enumerable.Range(1, 500).Select(i => new Dictionary<string, object?>
        {
            ["资产编码"] = $"{prefix}-{i:D3}",
            ["名称"] = $"办公电脑 {i}",
            ["资产类型"] = "台式计算机",
            ["状态"] = "在用",
            ["IP地址"] = $"10.40.{i / 200}.{i % 200 + 1}",
            ["使用部门"] = "立案庭",
        }).ToList();
        rows[41]["IP地址"] = "10.40.999.1";
        var broken = Sheet(folder, "broken.xlsx", rows);
        rows[41]["IP地址"] = "10.40.0.42";
        var fixedFile = Sheet(folder, "fixed.xlsx", rows);

        var page = await fixture.NewPageAsync();
        await BrowserFixture.SignInAsync(page, "resident");
        await page.GotoAsync("/assets/import");
        await BrowserFixture.WaitInteractiveAsync(page);

        await page.GetByTestId("import-file").SetInputFilesAsync(broken);
        await page.Locator(".tid-import-run").ClickAsync();
        var errors = await page.GetByTestId("import-errors").InnerTextAsync();
        errors.ShouldContain("43");
        errors.ShouldContain("IP地址");
        errors.ShouldContain("10.40.999.1");
        errors.ShouldContain("IP 地址格式不正确");
        (await page.GetByTestId("import-summary").InnerTextAsync()).ShouldContain("未写入任何数据");
        await BrowserFixture.ScreenshotAsync(page, "import-errors");

        await page.GetByTestId("import-file").SetInputFilesAsync(fixedFile);
        await page.Locator(".tid-import-run").ClickAsync();
        await page.GetByText("已写入：新增 500，更新 0，未变化 0").WaitForAsync(new() { Timeout = 30_000 });
        await BrowserFixture.ScreenshotAsync(page, "import-done");

        await page.GotoAsync("/assets");
        await BrowserFixture.WaitInteractiveAsync(page);
        await page.GetByTestId("asset-search").FillAsync(prefix);
        await page.GetByTestId("asset-search").PressAsync("Enter");
        await page.GetByText("共 500 台").WaitForAsync();

        // Print the labels of what is on screen and read the PDF back as text.
        await page.Locator(".label-size").SelectOptionAsync("Small");
        await page.WaitForFunctionAsync("() => document.querySelector('[data-testid=asset-labels]').href.includes('size=Small')");
        var href = await page.GetByTestId("asset-labels").GetAttributeAsync("href");
        href!.ShouldContain("search=" + prefix);
        var pdf = await page.APIRequest.GetAsync(fixture.BaseUrl + "/" + href);
        pdf.Headers["content-type"].ShouldBe("application/pdf");
        var file = Path.Combine(folder, "labels.pdf");
        await File.WriteAllBytesAsync(file, await pdf.BodyAsync());
        var text = await PdfText.ReadAsync(file);
        text.ShouldContain($"{prefix}-001");
        text.ShouldContain($"{prefix}-500");
        text.ShouldContain("办公电脑");
        await page.Context.CloseAsync();
        Directory.Delete(folder, recursive: true);
    }
}

/// <summary>poppler's pdftotext, as a person would check a printout.</summary>
internal static class PdfText
{
    public static async Task<string> ReadAsync(string file)
    {
        const string tool = "/usr/bin/pdftotext";
        Skip.If(!File.Exists(tool) && !string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase),
            "pdftotext not found: apt-get install poppler-utils.");
        var info = new System.Diagnostics.ProcessStartInfo(tool, ["-enc", "UTF-8", file, "-"]) { RedirectStandardOutput = true };
        using var process = System.Diagnostics.Process.Start(info)!;
        var text = await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        return text;
    }
}

[Collection(BrowserGroup.Name)]
public sealed class ScanJourneyTests(BrowserFixture fixture)
{
    [SkippableFact]
    public async Task An_end_user_scans_an_assets_qr_code_on_a_phone_and_sees_its_card()
    {
        Skip.If(fixture.SkipReason is not null, fixture.SkipReason);
        var admin = await fixture.NewPageAsync();
        await BrowserFixture.SignInAsync(admin, "resident");
        await admin.GotoAsync("/assets/new");
        await BrowserFixture.WaitInteractiveAsync(admin);
        var code = "QR-" + Guid.NewGuid().ToString("N")[..6].ToUpperInvariant();
        await admin.Locator("#a-code").FillAsync(code);
        await admin.Locator("#a-name").FillAsync("三楼打印机");
        await admin.Locator("#a-type").SelectOptionAsync(new SelectOptionValue { Label = "打印机" });
        await admin.WaitForFunctionAsync("() => document.querySelector('#a-subsystem').selectedOptions[0]?.text === '办公自动化'");
        await admin.Locator(".tid-asset-save").ClickAsync();
        await admin.Locator("h1", new() { HasText = "三楼打印机" }).WaitForAsync();
        var scanUrl = await admin.Locator(".asset-qr a").GetAttributeAsync("href");
        // The QR image loads (wait for it: the browser fetches it after the page is shown).
        await admin.WaitForFunctionAsync("() => { const i = document.querySelector('.asset-qr img'); return i && i.complete && i.naturalWidth > 0; }");
        await admin.Context.CloseAsync();

        var phone = await fixture.NewPageAsync(390, 844);
        await BrowserFixture.SignInAsync(phone, "enduser");
        await phone.GotoAsync("/" + scanUrl);
        await BrowserFixture.WaitInteractiveAsync(phone);

        var card = await phone.GetByTestId("scan-card").InnerTextAsync();
        card.ShouldContain(code);
        card.ShouldContain("三楼打印机");
        card.ShouldContain("办公自动化");
        (await phone.EvaluateAsync<int>("() => document.documentElement.scrollWidth - window.innerWidth")).ShouldBeLessThanOrEqualTo(0);
        await BrowserFixture.ScreenshotAsync(phone, "phone-scan");
        await phone.Context.CloseAsync();
    }
}
