using System.Net;
using System.Net.Http.Json;
using Yunwei.Web.Tests.Infrastructure;

namespace Yunwei.Web.Tests.Assets;

/// <summary>Label sheets read back with poppler's pdftotext, as a person would check the printout.</summary>
public sealed class AssetLabelsTests(YunweiFactory factory) : IClassFixture<YunweiFactory>
{
    [SkippableFact]
    public async Task A_label_sheet_shows_each_assets_code_and_chinese_name()
    {
        PdfText.Require();
        var client = await factory.ApiClientAsync("resident");
        var unit = (await (await client.GetAsync("/api/units")).ReadJsonAsync())[0].GetProperty("id").GetGuid();
        var options = await (await client.GetAsync($"/api/units/{unit}/asset-options")).ReadJsonAsync();
        var type = options.GetProperty("types").EnumerateArray().Single(t => t.GetProperty("name").GetString() == "UPS").GetProperty("id").GetGuid();
        var prefix = "LBL" + Guid.NewGuid().ToString("N")[..4].ToUpperInvariant();
        for (var i = 1; i <= 25; i++)
        {
            var created = await client.PostAsJsonAsync($"/api/units/{unit}/assets", new { code = $"{prefix}-{i:D2}", name = $"核心机房不间断电源{i}号", assetTypeId = type, status = "InUse" });
            created.StatusCode.ShouldBe(HttpStatusCode.Created);
        }

        var response = await client.GetAsync($"/api/units/{unit}/assets/labels.pdf?search={prefix}&size=Medium");

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/pdf");
        var pdf = await response.Content.ReadAsByteArrayAsync();
        var artifacts = Path.Combine(AppContext.BaseDirectory, "labels.pdf");
        await File.WriteAllBytesAsync(artifacts, pdf);
        var text = await PdfText.OfAsync(pdf);
        for (var i = 1; i <= 25; i++)
        {
            text.ShouldContain($"{prefix}-{i:D2}");
        }

        text.ShouldContain("核心机房不间断电源");
        text.ShouldContain("示例人民法院");
        text.ShouldNotContain("\uFFFD");
        text.Split('\f', StringSplitOptions.RemoveEmptyEntries).Length.ShouldBe(2, "medium labels: 3 × 7 = 21 per A4 page");
    }

    [Fact]
    public async Task Labels_of_another_unit_are_not_found()
    {
        var admin = await factory.ApiClientAsync("admin");
        var other = (await (await admin.PostJsonAsync("/api/units", new { code = "LB" + Guid.NewGuid().ToString("N")[..6], name = "癸法院" })).ReadJsonAsync()).GetProperty("id").GetGuid();
        var client = await factory.ApiClientAsync("resident");

        await (await client.GetAsync($"/api/units/{other}/assets/labels.pdf")).ShouldBeProblemAsync(404);
    }
}
