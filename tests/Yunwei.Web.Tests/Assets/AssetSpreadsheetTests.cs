using System.Net;
using System.Net.Http.Headers;
using MiniExcelLibs;
using Yunwei.Web.Tests.Infrastructure;

namespace Yunwei.Web.Tests.Assets;

public sealed class AssetSpreadsheetTests(YunweiFactory factory) : IClassFixture<YunweiFactory>
{
    private async Task<(HttpClient Client, Guid Unit)> AsAsync(string user)
    {
        var client = await factory.ApiClientAsync(user);
        var unit = (await (await client.GetAsync("/api/units")).ReadJsonAsync()).EnumerateArray()
            .Single(u => u.GetProperty("code").GetString() == "DEMO").GetProperty("id").GetGuid();
        return (client, unit);
    }

    private static byte[] Sheet(IEnumerable<Dictionary<string, object?>> rows)
    {
        using var stream = new MemoryStream();
        stream.SaveAs(rows.ToList(), excelType: ExcelType.XLSX);
        return stream.ToArray();
    }

    private static Dictionary<string, object?> Camera(string code, int i) => new()
    {
        ["资产编码"] = code,
        ["名称"] = $"摄像机 {i}",
        ["资产类型"] = "摄像机",
        ["位置"] = "1楼配线间",
        ["状态"] = "在用",
        ["IP地址"] = $"10.30.{i / 250}.{i % 250 + 1}",
        ["购置日期"] = new DateTime(2024, 5, 1),
        ["保修截止"] = "2027-04-30",
        ["通道号"] = i % 64,
        ["形态"] = i % 2 == 0 ? "枪机" : "球机",
    };

    private static async Task<System.Text.Json.JsonElement> ImportAsync(HttpClient client, Guid unit, byte[] file, string query = "", string name = "资产.xlsx")
    {
        using var content = new MultipartFormDataContent();
        var part = new ByteArrayContent(file);
        part.Headers.ContentType = new MediaTypeHeaderValue("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
        content.Add(part, "file", name);
        var response = await client.PostAsync($"/api/units/{unit}/assets/import{query}", content);
        response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        return await response.ReadJsonAsync();
    }

    [Fact]
    public async Task The_template_has_the_chinese_headers_and_the_types_attributes()
    {
        var (client, unit) = await AsAsync("resident");
        var options = await (await client.GetAsync($"/api/units/{unit}/asset-options")).ReadJsonAsync();
        var camera = options.GetProperty("types").EnumerateArray().Single(t => t.GetProperty("name").GetString() == "摄像机").GetProperty("id").GetGuid();

        var response = await client.GetAsync($"/api/units/{unit}/assets/template.xlsx?typeId={camera}");

        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
        using var stream = new MemoryStream(await response.Content.ReadAsByteArrayAsync());
        var headers = MiniExcel.GetColumns(stream, useHeaderRow: true).ToList();
        headers.Take(3).ShouldBe(["资产编码", "名称", "资产类型"]);
        headers.ShouldContain("IP地址");
        headers.ShouldContain("通道号");
        headers.ShouldNotContain("端口数", "a switch attribute is not in the camera template");
    }

    [Fact]
    public async Task Five_hundred_rows_import_and_export_round_trips_as_an_update()
    {
        var (client, unit) = await AsAsync("resident");
        var prefix = "XL" + Guid.NewGuid().ToString("N")[..4].ToUpperInvariant();
        var file = Sheet(Enumerable.Range(1, 500).Select(i => Camera($"{prefix}-{i:D4}", i)));

        var dry = await ImportAsync(client, unit, file, "?dryRun=true");
        dry.GetProperty("validRows").GetInt32().ShouldBe(500);
        dry.GetProperty("written").GetBoolean().ShouldBeFalse();
        (await (await client.GetAsync($"/api/units/{unit}/assets?search={prefix}")).ReadJsonAsync()).GetProperty("total").GetInt32().ShouldBe(0);

        var result = await ImportAsync(client, unit, file);
        result.GetProperty("created").GetInt32().ShouldBe(500);
        result.GetProperty("written").GetBoolean().ShouldBeTrue();
        var one = (await (await client.GetAsync($"/api/units/{unit}/assets?search={prefix}-0007")).ReadJsonAsync()).GetProperty("rows")[0];
        one.GetProperty("ipAddress").GetString().ShouldBe("10.30.0.8");
        one.GetProperty("locationName").GetString().ShouldBe("1楼配线间");
        var detail = await (await client.GetAsync($"/api/assets/{one.GetProperty("id").GetGuid()}")).ReadJsonAsync();
        detail.GetProperty("purchaseDate").GetString().ShouldBe("2024-05-01");
        detail.GetProperty("attributes").GetProperty("channel").GetString().ShouldBe("7");
        detail.GetProperty("subsystemName").GetString().ShouldBe("安防");

        var export = await client.GetByteArrayAsync($"/api/units/{unit}/assets/export.xlsx?search={prefix}");
        using (var stream = new MemoryStream(export))
        {
            var rows = MiniExcel.Query(stream, useHeaderRow: true).Cast<IDictionary<string, object>>().ToList();
            rows.Count.ShouldBe(500);
            rows[6]["资产编码"].ShouldBe($"{prefix}-0007");
            rows[6]["位置"].ShouldBe("审判综合楼 / 1楼配线间");
            rows[6]["状态"].ShouldBe("在用");
        }

        // The exported sheet, imported again as it is, changes nothing; with one edit, one asset.
        var again = await ImportAsync(client, unit, export);
        again.GetProperty("unchanged").GetInt32().ShouldBe(500);
        again.GetProperty("updated").GetInt32().ShouldBe(0);
        again.GetProperty("created").GetInt32().ShouldBe(0);
        List<IDictionary<string, object>> edited;
        using (var stream = new MemoryStream(export))
        {
            edited = MiniExcel.Query(stream, useHeaderRow: true).Cast<IDictionary<string, object>>().ToList();
        }

        edited[6]["保管人"] = "张三";
        var once = await ImportAsync(client, unit, Sheet(edited.Select(r => r.ToDictionary(p => p.Key, p => (object?)p.Value))));
        once.GetProperty("updated").GetInt32().ShouldBe(1);
        once.GetProperty("unchanged").GetInt32().ShouldBe(499);
        var history = (await (await client.GetAsync($"/api/assets/{one.GetProperty("id").GetGuid()}")).ReadJsonAsync()).GetProperty("history");
        history.GetArrayLength().ShouldBe(2, "one insert and the one real change");
    }

    [Fact]
    public async Task Broken_rows_are_reported_by_row_column_value_and_reason_and_nothing_is_written()
    {
        var (client, unit) = await AsAsync("resident");
        var prefix = "BR" + Guid.NewGuid().ToString("N")[..4].ToUpperInvariant();
        var rows = Enumerable.Range(1, 20).Select(i => Camera($"{prefix}-{i:D2}", i)).ToList();
        rows[3]["IP地址"] = "10.30.1";                  // sheet row 5
        rows[5]["资产类型"] = "飞行器";                  // sheet row 7
        rows[7]["资产编码"] = $"{prefix}-01";            // sheet row 9, same as row 2
        rows[9]["保修截止"] = "2027年4月";               // sheet row 11
        rows[11]["通道号"] = "三";                       // sheet row 13

        var result = await ImportAsync(client, unit, Sheet(rows));

        result.GetProperty("written").GetBoolean().ShouldBeFalse();
        result.GetProperty("invalidRows").GetInt32().ShouldBe(5);
        var errors = result.GetProperty("errors").EnumerateArray()
            .Select(e => (e.GetProperty("row").GetInt32(), e.GetProperty("column").GetString(), e.GetProperty("value").GetString(), e.GetProperty("reason").GetString()))
            .ToList();
        errors.ShouldContain((5, "IP地址", "10.30.1", "IP 地址格式不正确（如 192.168.1.10）"));
        errors.ShouldContain((7, "资产类型", "飞行器", "资产类型不存在"));
        errors.ShouldContain((9, "资产编码", $"{prefix}-01", "与第 2 行的资产编码重复"));
        errors.ShouldContain((11, "保修截止", "2027年4月", "日期格式应为 yyyy-MM-dd"));
        errors.ShouldContain((13, "通道号", "三", "须为数字"));
        (await (await client.GetAsync($"/api/units/{unit}/assets?search={prefix}")).ReadJsonAsync()).GetProperty("total").GetInt32().ShouldBe(0);

        var partial = await ImportAsync(client, unit, Sheet(rows), "?validRowsOnly=true");
        partial.GetProperty("created").GetInt32().ShouldBe(15);
        (await (await client.GetAsync($"/api/units/{unit}/assets?search={prefix}")).ReadJsonAsync()).GetProperty("total").GetInt32().ShouldBe(15);
    }

    [Fact]
    public async Task The_error_report_follows_the_users_language()
    {
        var (_, unit) = await AsAsync("resident");
        var english = await factory.ApiClientAsync("resident", acceptLanguage: "en");
        var rows = new List<Dictionary<string, object?>> { Camera("EN-" + Guid.NewGuid().ToString("N")[..6], 1) };
        rows[0]["IP地址"] = "nope";

        var result = await ImportAsync(english, unit, Sheet(rows));

        result.GetProperty("errors")[0].GetProperty("reason").GetString().ShouldBe("Not a valid IP address (e.g. 192.168.1.10)");
    }

    [Fact]
    public async Task Files_that_are_not_xlsx_empty_or_with_unknown_or_missing_headers_are_refused_whole()
    {
        var (client, unit) = await AsAsync("resident");

        (await ImportAsync(client, unit, "资产编码,名称\nA,B"u8.ToArray(), name: "assets.xlsx")).GetProperty("fileError").GetString().ShouldStartWith("不是有效的 .xlsx 文件");
        (await ImportAsync(client, unit, [])).GetProperty("fileError").GetString().ShouldBe("文件是空的");
        var broken = new byte[] { (byte)'P', (byte)'K', 3, 4, 1, 2, 3 };
        (await ImportAsync(client, unit, broken)).GetProperty("fileError").GetString().ShouldStartWith("不是有效的 .xlsx 文件");
        var unknown = Sheet([new() { ["资产编码"] = "U-1", ["名称"] = "x", ["资产类型"] = "摄像机", ["颜色"] = "红" }]);
        (await ImportAsync(client, unit, unknown)).GetProperty("fileError").GetString().ShouldBe("表头中有无法识别的列：颜色");
        var missing = Sheet([new() { ["资产编码"] = "U-1", ["名称"] = "x" }]);
        (await ImportAsync(client, unit, missing)).GetProperty("fileError").GetString().ShouldBe("缺少必需的列：资产类型");
        var empty = Sheet([new() { ["资产编码"] = null, ["名称"] = null, ["资产类型"] = null }]);
        (await ImportAsync(client, unit, empty)).GetProperty("fileError").GetString().ShouldBe("文件中没有数据行");
    }

    [Fact]
    public async Task More_than_one_hundred_thousand_rows_are_refused_before_anything_is_written()
    {
        var (client, unit) = await AsAsync("resident");
        var file = Sheet(Enumerable.Range(0, 100_001).Select(i => new Dictionary<string, object?> { ["资产编码"] = "M" + i, ["名称"] = "m", ["资产类型"] = "摄像机" }));

        var result = await ImportAsync(client, unit, file);

        result.GetProperty("fileError").GetString().ShouldBe("数据超过 100000 行，请分批导入");
        (await (await client.GetAsync($"/api/units/{unit}/assets?search=M9999")).ReadJsonAsync()).GetProperty("total").GetInt32().ShouldBe(0);
    }

    [Fact]
    public async Task Viewers_cannot_import()
    {
        var (client, unit) = await AsAsync("client.rep");
        using var content = new MultipartFormDataContent { { new ByteArrayContent([1]), "file", "a.xlsx" } };

        (await client.PostAsync($"/api/units/{unit}/assets/import", content)).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
    }
}
