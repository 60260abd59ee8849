using Microsoft.Playwright;

namespace Yunwei.E2E;

[Collection(BrowserGroup.Name)]
public sealed class DocumentsJourneyTests(BrowserFixture fixture)
{
    [SkippableFact]
    public async Task The_resident_engineer_archives_the_network_topology_and_the_matrix_shows_it()
    {
        Skip.If(fixture.SkipReason is not null, fixture.SkipReason);
        var folder = Directory.CreateTempSubdirectory("yunwei-docs").FullName;
        var pdf = Path.Combine(folder, "核心网络拓扑.pdf");
        await File.WriteAllBytesAsync(pdf, "%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"u8.ToArray());
        var exe = Path.Combine(folder, "tool.pdf");
        await File.WriteAllBytesAsync(exe, [(byte)'M', (byte)'Z', 0x90, 0]);
        var page = await fixture.NewPageAsync();
        await BrowserFixture.SignInAsync(page, "resident");
        await page.GotoAsync("/documents");
        await BrowserFixture.WaitInteractiveAsync(page);
        var networkRow = page.GetByTestId("completeness").Locator("tr", new() { HasText = "计算机网络" });
        (await networkRow.Locator("td").Nth(1).InnerTextAsync()).Trim().ShouldBe("✗");

        await page.Locator("#d-title").FillAsync("伪装的程序");
        await page.GetByTestId("document-file").SetInputFilesAsync(exe);
        await page.Locator(".tid-document-upload").ClickAsync();
        (await page.Locator(".tid-document-error").InnerTextAsync()).ShouldContain("不支持的文件类型");

        await page.Locator("#d-title").FillAsync("核心网络拓扑图");
        await page.Locator("#d-kind").SelectOptionAsync("NetworkTopology");
        await page.Locator("#d-subsystem").SelectOptionAsync(new SelectOptionValue { Label = "计算机网络" });
        await page.GetByTestId("document-file").SetInputFilesAsync(pdf);
        await page.Locator(".tid-document-upload").ClickAsync();
        await page.Locator(".tid-documents-table", new() { HasText = "核心网络拓扑图" }).WaitForAsync();
        (await networkRow.Locator("td").Nth(1).InnerTextAsync()).Trim().ShouldBe("✓ 1");
        await BrowserFixture.ScreenshotAsync(page, "documents");

        await page.GetByRole(AriaRole.Link, new() { Name = "核心网络拓扑图" }).ClickAsync();
        (await page.GetByTestId("versions").InnerTextAsync()).ShouldContain("核心网络拓扑.pdf");
        await page.Context.CloseAsync();
        Directory.Delete(folder, recursive: true);
    }
}
