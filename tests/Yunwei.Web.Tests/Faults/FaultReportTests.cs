using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Yunwei.Web.Tests.Infrastructure;

namespace Yunwei.Web.Tests.Faults;

/// <summary>The fault handling report: filled, signed by the engineer, confirmed by the client, printed, turned into knowledge.</summary>
public sealed class FaultReportTests(FaultsFactory factory) : IClassFixture<FaultsFactory>
{
    private static readonly object[][] Ink =
    [
        [new { x = 100, y = 100 }, new { x = 200, y = 250 }, new { x = 300, y = 120 }, new { x = 400, y = 260 }, new { x = 500, y = 110 }],
        [new { x = 550, y = 200 }, new { x = 700, y = 210 }],
    ];

    private static async Task<Guid> ResolvedFaultAsync(HttpClient duty, Guid unit, string code, string description)
    {
        var created = await duty.PostAsJsonAsync($"/api/units/{unit}/faults", new { description, assetCode = code, callerName = "科技法庭书记员", proposedLevel = "Level2", channel = "Hotline" });
        created.StatusCode.ShouldBe(HttpStatusCode.Created);
        var id = (await created.ReadJsonAsync()).GetProperty("id").GetGuid();
        foreach (var (action, text) in new[] { ("Arrive", (string?)null), ("Resolve", "更换电源模块") })
        {
            var revision = (await (await duty.GetAsync($"/api/faults/{id}")).ReadJsonAsync()).GetProperty("fault").GetProperty("revision").GetInt32();
            (await duty.PostAsJsonAsync($"/api/faults/{id}/actions", new { action, revision, text })).StatusCode.ShouldBe(HttpStatusCode.OK);
        }

        return id;
    }

    private static async Task<JsonElement> ReportAsync(HttpClient client, Guid id) => await (await client.GetAsync($"/api/faults/{id}/report")).ReadJsonAsync();

    private static object Filled(int revision) => new
    {
        revision,
        diagnosis = "开机无反应，测量电源输出为零",
        rootCause = "录音录像主机电源模块老化损坏",
        emergencyMeasures = "临时启用备用录音设备保障开庭",
        fix = "更换同型号电源模块，开机自检正常，试录音像正常",
        prevention = "建议每季度检查主机电源与散热，配置备用电源模块",
    };

    [SkippableFact]
    public async Task The_engineer_signs_the_client_confirms_the_pdf_reads_right_and_knowledge_is_suggested_next_time()
    {
        PdfText.Require();
        var (unit, code) = await factory.AssetAsync();
        var duty = await factory.ApiClientAsync("duty");
        var maint = await factory.ApiClientAsync("client.maint");
        var id = await ResolvedFaultAsync(duty, unit, code, "科技法庭录音录像主机无法启动");

        var blank = await ReportAsync(duty, id);
        blank.GetProperty("revision").GetInt32().ShouldBe(-1);
        (await duty.PutAsJsonAsync($"/api/faults/{id}/report", Filled(-1))).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await duty.PostAsJsonAsync($"/api/faults/{id}/report/confirm", new { signature = Ink })).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await (await maint.PostAsJsonAsync($"/api/faults/{id}/report/confirm", new { signature = Ink })).ShouldBeProblemAsync(400))
            .GetProperty("errors").GetProperty("State")[0].GetString().ShouldBe("工程师尚未签字");
        (await duty.PostAsJsonAsync($"/api/faults/{id}/report/sign", new { signature = Ink })).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await maint.PostAsJsonAsync($"/api/faults/{id}/report/confirm", new { signature = Ink })).StatusCode.ShouldBe(HttpStatusCode.OK);

        var confirmed = await ReportAsync(maint, id);
        confirmed.GetProperty("state").GetString().ShouldBe("Confirmed");
        var signatures = confirmed.GetProperty("signatures").EnumerateArray().ToList();
        signatures.Select(s => s.GetProperty("role").GetString()).ShouldBe(["DutyEngineer", "ClientMaintenance"], ignoreOrder: true);
        signatures.ShouldAllBe(s => s.GetProperty("matches").GetBoolean());

        var pdf = await duty.GetAsync($"/api/faults/{id}/report.pdf");
        pdf.Content.Headers.ContentType!.MediaType.ShouldBe("application/pdf");
        var bytes = await pdf.Content.ReadAsByteArrayAsync();
        var text = await PdfText.OfAsync(bytes);
        text.ShouldContain("故障处理报告");
        text.ShouldContain("录音录像主机电源模块老化损坏");
        text.ShouldContain("建议每季度检查主机电源与散热");
        text.ShouldContain(code);
        text.ShouldContain("值班工程师");

        var knowledge = await duty.PostAsync($"/api/faults/{id}/report/knowledge", null);
        knowledge.StatusCode.ShouldBe(HttpStatusCode.OK, await knowledge.Content.ReadAsStringAsync());
        var article = await knowledge.Content.ReadFromJsonAsync<Guid>();
        (await (await duty.PostAsync($"/api/faults/{id}/report/knowledge", null)).Content.ReadFromJsonAsync<Guid>()).ShouldBe(article, "made once");

        // The next engineer phrases it differently; the article comes first.
        var hits = await (await duty.GetAsync($"/api/units/{unit}/knowledge?q={Uri.EscapeDataString("录音录像主机开不了机")}")).ReadJsonAsync();
        hits[0].GetProperty("id").GetGuid().ShouldBe(article);
        hits[0].GetProperty("cause").GetString().ShouldBe("录音录像主机电源模块老化损坏");
        (await (await factory.ApiClientAsync("enduser")).GetAsync($"/api/units/{unit}/knowledge?q=主机")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task A_report_is_signed_only_when_complete_and_resolved_and_a_change_after_signing_is_a_new_version()
    {
        var (unit, code) = await factory.AssetAsync();
        var duty = await factory.ApiClientAsync("duty");
        var open = (await (await duty.PostAsJsonAsync($"/api/units/{unit}/faults", new { description = "UPS 告警", assetCode = code, callerName = "机房", channel = "Hotline" })).ReadJsonAsync()).GetProperty("id").GetGuid();
        (await duty.PutAsJsonAsync($"/api/faults/{open}/report", Filled(-1))).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await (await duty.PostAsJsonAsync($"/api/faults/{open}/report/sign", new { signature = Ink })).ShouldBeProblemAsync(400))
            .GetProperty("errors").GetProperty("State")[0].GetString().ShouldBe("故障解决后才能签字");

        var id = await ResolvedFaultAsync(duty, unit, code, "UPS 电池告警");
        (await duty.PutAsJsonAsync($"/api/faults/{id}/report", new { revision = -1, diagnosis = "面板告警" })).StatusCode.ShouldBe(HttpStatusCode.OK);
        var missing = await (await duty.PostAsJsonAsync($"/api/faults/{id}/report/sign", new { signature = Ink })).ShouldBeProblemAsync(400);
        missing.GetProperty("errors").EnumerateObject().Select(e => e.Name).ShouldBe(["RootCause", "Fix", "Prevention"], ignoreOrder: true);

        var revision = (await ReportAsync(duty, id)).GetProperty("revision").GetInt32();
        (await duty.PutAsJsonAsync($"/api/faults/{id}/report", Filled(revision))).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await duty.PutAsJsonAsync($"/api/faults/{id}/report", Filled(revision))).StatusCode.ShouldBe(HttpStatusCode.Conflict, "a stale revision");
        (await duty.PostAsJsonAsync($"/api/faults/{id}/report/sign", new { signature = Ink })).StatusCode.ShouldBe(HttpStatusCode.OK);
        var signed = await ReportAsync(duty, id);
        signed.GetProperty("state").GetString().ShouldBe("EngineerSigned");

        (await duty.PutAsJsonAsync($"/api/faults/{id}/report", Filled(signed.GetProperty("revision").GetInt32()))).StatusCode.ShouldBe(HttpStatusCode.OK);
        var second = await ReportAsync(duty, id);
        second.GetProperty("version").GetInt32().ShouldBe(2);
        second.GetProperty("state").GetString().ShouldBe("Draft");
        second.GetProperty("signatures").GetArrayLength().ShouldBe(0, "the old signature covered version 1 only");
        (await (await duty.GetAsync($"/api/faults/{id}")).ReadJsonAsync()).GetProperty("timeline").EnumerateArray()
            .Count(e => e.GetProperty("type").GetString() == "ReportSigned").ShouldBe(1);
    }
}
