using System.IO.Compression;

namespace Yunwei.E2E;

[Collection(BrowserGroup.Name)]
public sealed class AssessmentJourneyTests(BrowserFixture fixture)
{
    /// <summary>
    /// docs/contract.md §12 in the browser: for the last quarter the client sets its goal, assesses it, scores
    /// the resident engineer and signs the form; the provider acknowledges; the evidence pack downloads.
    /// </summary>
    [SkippableFact]
    public async Task The_client_signs_the_quarterly_form_and_downloads_the_evidence_pack()
    {
        Skip.If(fixture.SkipReason is not null, fixture.SkipReason);
        var today = Domain.ChinaTime.Today(fixture.Clock.GetUtcNow());
        var last = Domain.Assessment.Quarter.Of(Domain.Assessment.Quarter.Of(today).Start.AddDays(-1)).ToString();
        var client = await fixture.NewPageAsync();
        await BrowserFixture.SignInAsync(client, "client.admin");
        await client.GotoAsync($"/assessment?quarter={last}");
        await BrowserFixture.WaitInteractiveAsync(client);

        await client.Locator(".tid-edit-goals").ClickAsync();
        await client.GetByLabel("目标", new() { Exact = true }).FillAsync("机房空调改造");
        await client.GetByLabel("衡量标准").FillAsync("季度末前完成验收");
        await client.Locator(".tid-save-goals").ClickAsync();
        await client.GetByTestId("goals").Filter(new() { HasText = "机房空调改造" }).WaitForAsync();
        await client.GetByTestId("goals").Locator("input[type=number]").FillAsync("100");
        await client.GetByTestId("goals").GetByRole(Microsoft.Playwright.AriaRole.Button).ClickAsync();
        // The weight column shows 100% already: wait for the weighted completion the assessment recomputes.
        await client.GetByText("目标加权完成度 100%").WaitForAsync();

        await client.GetByTestId("value-engineer").FillAsync("95");
        await client.GetByTestId("value-engineer").PressAsync("Tab");
        await BrowserFixture.SignAsync(client, client.GetByTestId("signature-pad"));
        await client.Locator(".tid-assessment-sign").ClickAsync();
        await client.Locator(".tid-assessment-state").Filter(new() { HasText = "甲方已签字" }).WaitForAsync();
        (await client.Locator(".tid-assessment-rating").InnerTextAsync()).ShouldContain("优秀");
        await BrowserFixture.ScreenshotAsync(client, "assessment-signed");

        var provider = await fixture.NewPageAsync(390, 844);
        await BrowserFixture.SignInAsync(provider, "account");
        await provider.GotoAsync($"/assessment?quarter={last}");
        await BrowserFixture.WaitInteractiveAsync(provider);
        await BrowserFixture.SignAsync(provider, provider.GetByTestId("signature-pad"));
        await provider.Locator(".tid-assessment-acknowledge").ClickAsync();
        await provider.Locator(".tid-assessment-state").Filter(new() { HasText = "双方已签字" }).WaitForAsync();
        (await provider.EvaluateAsync<int>("() => document.documentElement.scrollWidth - window.innerWidth")).ShouldBeLessThanOrEqualTo(0);

        await client.ReloadAsync();
        await BrowserFixture.WaitInteractiveAsync(client);
        (await client.GetByTestId("assessment-signature").CountAsync()).ShouldBe(2);
        var zip = await client.APIRequest.GetAsync(fixture.BaseUrl + "/" + await client.GetByTestId("assessment-zip").GetAttributeAsync("href"));
        zip.Headers["content-type"].ShouldBe("application/zip");
        using var archive = new ZipArchive(new MemoryStream(await zip.BodyAsync()));
        archive.Entries.Select(e => e.FullName).ShouldContain(n => n.StartsWith("信息化系统季度考核表", StringComparison.Ordinal));
        archive.Entries.Select(e => e.FullName).ShouldContain("证据索引.xlsx");
        var form = archive.Entries.First(e => e.FullName.EndsWith(".pdf", StringComparison.Ordinal) && e.FullName.StartsWith("信息化系统季度考核表", StringComparison.Ordinal));
        var file = Path.Combine(Path.GetTempPath(), $"assessment-{Guid.NewGuid():N}.pdf");
        await using (var output = File.Create(file))
        {
            await using var input = form.Open();
            await input.CopyToAsync(output);
        }

        try
        {
            var text = await PdfText.ReadAsync(file);
            text.ShouldContain("机房空调改造");
            text.ShouldContain("甲方考核人签字");
            text.ShouldContain("乙方确认签字");
        }
        finally
        {
            File.Delete(file);
        }

        await client.Context.CloseAsync();
        await provider.Context.CloseAsync();
    }
}
