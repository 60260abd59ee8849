using System.IO.Compression;
using System.Net;
using System.Net.Http.Json;
using MiniExcelLibs;
using Yunwei.Web.Tests.Faults;
using Yunwei.Web.Tests.Infrastructure;
using static Yunwei.Web.Tests.Inspections.InspectionKit;

namespace Yunwei.Web.Tests.Inspections;

/// <summary>The week's workload list from the work log: quick entries, submitted and frozen, signed by the client, exported.</summary>
public sealed class WorkloadListApiTests(FaultsFactory factory) : IClassFixture<FaultsFactory>
{
    [Fact]
    public async Task The_workload_list_is_generated_from_the_log_frozen_on_submission_signed_and_versioned()
    {
        var resident = await factory.ApiClientAsync("resident");
        var maint = await factory.ApiClientAsync("client.maint");
        var unit = await UnitAsync(resident);
        var log = $"/api/units/{unit}/work-log";

        // Quick entries: a consultation (question, answer) and a task beyond the contract, which names who asked.
        var consultation = await resident.PostAsJsonAsync(log, new { type = "Consultation", hours = 0.5, askedBy = "立案庭 王法官", question = "如何连接投影仪", answer = "使用 HDMI 并切换信号源" });
        consultation.StatusCode.ShouldBe(HttpStatusCode.Created, await consultation.Content.ReadAsStringAsync());
        (await (await resident.PostAsJsonAsync(log, new { type = "ServiceRequest", content = "搬迁打印机", hours = 1, outOfScope = true })).ShouldBeProblemAsync(400))
            .GetProperty("errors").GetProperty("RequestedBy")[0].GetString().ShouldBe("合同外任务请填写交办人");
        var task = await (await resident.PostAsJsonAsync(log, new { type = "ServiceRequest", content = "搬迁打印机", hours = 1, outOfScope = true, requestedBy = "办公室李主任" })).ReadJsonAsync();
        (await (await resident.PostAsJsonAsync(log, new { type = "Change", content = "x", hours = 25 })).ShouldBeProblemAsync(400))
            .GetProperty("errors").GetProperty("Hours")[0].GetString().ShouldBe("工时须大于 0 且不超过 24 小时");
        (await maint.PostAsJsonAsync(log, new { type = "Change", content = "x", hours = 1 })).StatusCode.ShouldBe(HttpStatusCode.Forbidden);

        // A fault resolved by the engineer writes its own line.
        var (_, asset) = await factory.AssetAsync();
        var fault = await (await resident.PostAsJsonAsync($"/api/units/{unit}/faults", new { title = "服务器无法开机", description = "电源灯不亮", assetCode = asset })).ReadJsonAsync();
        var faultId = fault.GetProperty("id").GetGuid();
        foreach (var action in new[] { "Answer", "Arrive", "Restore", "Resolve" })
        {
            factory.Clock.Advance(TimeSpan.FromMinutes(20));
            var revision = (await (await resident.GetAsync($"/api/faults/{faultId}")).ReadJsonAsync()).GetProperty("fault").GetProperty("revision").GetInt32();
            var acted = await resident.PostAsJsonAsync($"/api/faults/{faultId}/actions", new { action, revision });
            acted.StatusCode.ShouldBe(HttpStatusCode.OK, $"{action}: {await acted.Content.ReadAsStringAsync()}");
        }

        var week = "2026-03-04"; // any day of the week of Monday 2 March
        var draft = await (await maint.GetAsync($"/api/units/{unit}/weekly/WorkloadList/{week}")).ReadJsonAsync();
        draft.GetProperty("weekStart").GetString().ShouldBe("2026-03-02");
        draft.GetProperty("frozen").GetBoolean().ShouldBeFalse();
        var rows = draft.GetProperty("workload").GetProperty("rows").EnumerateArray().ToList();
        rows.Select(r => r.GetProperty("type").GetString()).ShouldBe(["FaultHandling", "ServiceRequest", "Consultation"], ignoreOrder: true);
        rows.Single(r => r.GetProperty("type").GetString() == "FaultHandling").GetProperty("reference").GetString().ShouldBe(fault.GetProperty("number").GetString());
        rows.Single(r => r.GetProperty("type").GetString() == "FaultHandling").GetProperty("hours").GetDecimal().ShouldBe(1m, "on site at 10:40, resolved at 11:20: rounded up to the hour");
        rows.Single(r => r.GetProperty("type").GetString() == "Consultation").GetProperty("content").GetString().ShouldBe("立案庭 王法官：如何连接投影仪 —— 使用 HDMI 并切换信号源");

        // The engineer signs and submits; the client cannot sign a draft, nor the engineer sign for the client.
        var unsigned = await (await resident.PostAsJsonAsync($"/api/units/{unit}/weekly/WorkloadList/{week}/submit", new { revision = -1, signature = Array.Empty<object>() })).ShouldBeProblemAsync(400);
        unsigned.GetProperty("errors").GetProperty("Signature").GetArrayLength().ShouldBe(1);
        (await (await maint.PostAsJsonAsync($"/api/units/{unit}/weekly/WorkloadList/{week}/sign", new { revision = 0, signature = Ink })).ShouldBeProblemAsync(404)).ShouldNotBe(default);
        var submitted = await (await resident.PostAsJsonAsync($"/api/units/{unit}/weekly/WorkloadList/{week}/submit", new { revision = -1, signature = Ink })).ReadJsonAsync();
        submitted.GetProperty("state").GetString().ShouldBe("Submitted");
        submitted.GetProperty("frozen").GetBoolean().ShouldBeTrue();
        (await resident.PostAsJsonAsync($"/api/units/{unit}/weekly/WorkloadList/{week}/sign", new { revision = 0, signature = Ink })).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        var inbox = await (await maint.GetAsync("/api/notifications")).ReadJsonAsync();
        inbox.GetProperty("rows").EnumerateArray().ShouldContain(n => n.GetProperty("text").GetString()!.Contains("提交了信息化系统维保工作量清单（2026-03-02 周），请审核签字"));

        // Submitted: the week's log is locked, and later work does not change the frozen list.
        (await (await resident.PutAsJsonAsync($"/api/work-log/{task.GetProperty("id").GetGuid()}", new { type = "ServiceRequest", content = "搬迁两台打印机", hours = 2, outOfScope = true, requestedBy = "办公室李主任", revision = 0 })).ShouldBeProblemAsync(400))
            .GetProperty("errors").GetProperty("Date")[0].GetString().ShouldBe("该周工作量清单已提交或签字，请先建立新版本");
        (await (await resident.DeleteAsync($"/api/work-log/{task.GetProperty("id").GetGuid()}")).ShouldBeProblemAsync(400)).ShouldNotBe(default);

        // The client returns it with a reason (a draft again), the engineer resubmits, the client signs.
        (await (await maint.PostAsJsonAsync($"/api/units/{unit}/weekly/WorkloadList/{week}/return", new { revision = submitted.GetProperty("revision").GetInt32(), reason = "" })).ShouldBeProblemAsync(400)).ShouldNotBe(default);
        var returned = await (await maint.PostAsJsonAsync($"/api/units/{unit}/weekly/WorkloadList/{week}/return", new { revision = submitted.GetProperty("revision").GetInt32(), reason = "请补充周五的工作" })).ReadJsonAsync();
        returned.GetProperty("state").GetString().ShouldBe("Draft");
        returned.GetProperty("returnReason").GetString().ShouldBe("请补充周五的工作");
        (await (await resident.GetAsync("/api/notifications")).ReadJsonAsync()).GetProperty("rows").EnumerateArray()
            .ShouldContain(n => n.GetProperty("text").GetString()!.EndsWith("：请补充周五的工作", StringComparison.Ordinal));
        (await resident.PostAsJsonAsync(log, new { type = "Documentation", content = "整理机房台账", hours = 2, date = "2026-03-02" })).StatusCode.ShouldBe(HttpStatusCode.Created);
        var resubmitted = await (await resident.PostAsJsonAsync($"/api/units/{unit}/weekly/WorkloadList/{week}/submit", new { revision = returned.GetProperty("revision").GetInt32(), signature = Ink })).ReadJsonAsync();
        resubmitted.GetProperty("workload").GetProperty("rows").GetArrayLength().ShouldBe(4);
        var signed = await (await maint.PostAsJsonAsync($"/api/units/{unit}/weekly/WorkloadList/{week}/sign", new { revision = resubmitted.GetProperty("revision").GetInt32(), signature = Ink })).ReadJsonAsync();
        signed.GetProperty("state").GetString().ShouldBe("ClientSigned");
        signed.GetProperty("signatures").EnumerateArray().ShouldAllBe(s => s.GetProperty("matches").GetBoolean());
        signed.GetProperty("signatures").GetArrayLength().ShouldBe(2);
        var totals = signed.GetProperty("workload").GetProperty("totals").EnumerateArray().ToDictionary(t => t.GetProperty("type").GetString()!, t => t.GetProperty("hours").GetDecimal());
        totals["Documentation"].ShouldBe(2m);
        totals["Consultation"].ShouldBe(0.5m);
        signed.GetProperty("workload").GetProperty("totalHours").GetDecimal().ShouldBe(4.5m);

        // Signed means locked: editing is refused; a new version starts from it, the signed one stays archived.
        (await (await resident.PutAsJsonAsync($"/api/units/{unit}/weekly/WorkloadList/{week}", new { revision = signed.GetProperty("revision").GetInt32(), summary = "改" })).ShouldBeProblemAsync(400))
            .GetProperty("errors").GetProperty("State")[0].GetString().ShouldBe("报告已由甲方签字锁定，请建立新版本后修改");
        var v2 = await (await resident.PostAsJsonAsync($"/api/units/{unit}/weekly/WorkloadList/{week}/new-version", new { revision = signed.GetProperty("revision").GetInt32() })).ReadJsonAsync();
        v2.GetProperty("version").GetInt32().ShouldBe(2);
        v2.GetProperty("state").GetString().ShouldBe("Draft");
        v2.GetProperty("versions").GetArrayLength().ShouldBe(2);
        var archived = await (await maint.GetAsync($"/api/units/{unit}/weekly/WorkloadList/{week}?version=1")).ReadJsonAsync();
        archived.GetProperty("state").GetString().ShouldBe("ClientSigned");

        // The status strip shows this week as a draft again (the unit's first week: nothing before it is owed).
        var status = await (await maint.GetAsync($"/api/units/{unit}/weekly?weeks=3")).ReadJsonAsync();
        status.GetArrayLength().ShouldBe(1);
        status[0].GetProperty("workloadList").GetString().ShouldBe("Draft");

        // The signed version in Excel: one row per entry, the totals, both signatures.
        var excel = await maint.GetAsync($"/api/units/{unit}/weekly/WorkloadList/{week}/export.xlsx?version=1");
        excel.StatusCode.ShouldBe(HttpStatusCode.OK);
        using var stream = new MemoryStream(await excel.Content.ReadAsByteArrayAsync());
        var sheet = stream.Query(useHeaderRow: true).Cast<IDictionary<string, object?>>().ToList();
        sheet[0]["日期"].ShouldBe("2026-03-02");
        sheet.ShouldContain(r => (string?)r["类型"] == "服务请求（合同外）" && (string?)r["工作内容"] == "搬迁打印机");
        sheet.ShouldContain(r => (string?)r["日期"] == "甲方审核签字" && r["子系统"] != null);

        PdfText.Require();
        var pdf = await maint.GetAsync($"/api/units/{unit}/weekly/WorkloadList/{week}/export.pdf?version=1");
        pdf.Content.Headers.ContentType!.MediaType.ShouldBe("application/pdf");
        var text = await PdfText.OfAsync(await pdf.Content.ReadAsByteArrayAsync());
        text.ShouldContain("信息化系统维保工作量清单");
        text.ShouldContain("整理机房台账");
        text.ShouldContain("甲方审核签字");
        text.ShouldContain("故障处理");
    }

    [Fact]
    public async Task A_week_without_work_gives_an_honest_empty_report_and_future_weeks_cannot_be_submitted()
    {
        var resident = await factory.ApiClientAsync("resident");
        var unit = await UnitAsync(resident);
        var empty = await (await resident.GetAsync($"/api/units/{unit}/weekly/InspectionReport/2026-02-16")).ReadJsonAsync();
        empty.GetProperty("isEmpty").GetBoolean().ShouldBeTrue();
        empty.GetProperty("id").ValueKind.ShouldBe(System.Text.Json.JsonValueKind.Null);

        // The inspection report needs the running-state summary before it is submitted.
        (await (await resident.PostAsJsonAsync($"/api/units/{unit}/weekly/InspectionReport/2026-02-16/submit", new { revision = -1, signature = Ink })).ShouldBeProblemAsync(400))
            .GetProperty("errors").GetProperty("Summary")[0].GetString().ShouldBe("请填写运行状况总结");
        (await (await resident.PostAsJsonAsync($"/api/units/{unit}/weekly/WorkloadList/2026-03-09/submit", new { revision = -1, signature = Ink })).ShouldBeProblemAsync(400))
            .GetProperty("errors").GetProperty("WeekStart")[0].GetString().ShouldBe("该周尚未开始，不能提交");

        PdfText.Require();
        var text = await PdfText.OfAsync(await (await resident.GetAsync($"/api/units/{unit}/weekly/InspectionReport/2026-02-16/export.pdf")).Content.ReadAsByteArrayAsync());
        text.ShouldContain("本周没有巡检、隐患或培训记录。");
        (await resident.GetAsync($"/api/units/{unit}/weekly/WorkloadList/2026-02-16/export.docx")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }
}

/// <summary>The week's inspection report from the inspections, risks and training, signed by the client and exported to PDF and Word.</summary>
public sealed class InspectionReportApiTests(FaultsFactory factory) : IClassFixture<FaultsFactory>
{
    [Fact]
    public async Task The_inspection_report_carries_the_readings_the_open_risks_and_the_training_and_prints_with_both_signatures()
    {
        var resident = await factory.ApiClientAsync("resident");
        var admin = await factory.ApiClientAsync("client.admin");
        var unit = await UnitAsync(resident);
        var detail = await OpenInspectionAsync(factory, "机房");
        var id = detail.GetProperty("id").GetGuid();
        var aisle = Item(detail, "冷通道温度（0.2 m）").GetProperty("key").GetString();
        (await resident.PutAsJsonAsync($"/api/inspections/{id}/entries", new { itemKey = aisle, value = "28.5" })).StatusCode.ShouldBe(HttpStatusCode.OK);
        await AnswerRestAsync(resident, id);
        var revision = (await (await resident.GetAsync($"/api/inspections/{id}")).ReadJsonAsync()).GetProperty("revision").GetInt32();
        (await resident.PostAsJsonAsync($"/api/inspections/{id}/finish", new { revision })).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await resident.PostAsJsonAsync($"/api/inspections/{id}/findings/risk", new { itemKey = aisle, severity = "Medium", solution = "调整空调设定温度", owner = "驻点工程师" })).StatusCode.ShouldBe(HttpStatusCode.OK);
        var training = await resident.PostAsJsonAsync($"/api/units/{unit}/training", new
        {
            kind = "DuringInspection",
            topic = "UPS 日常巡视要点",
            trainer = "驻点工程师",
            at = factory.Clock.GetUtcNow().UtcDateTime.AddMinutes(-30),
            hours = 1,
            attendees = new[] { new { name = "信息科 小李" }, new { name = "信息科 小王" } },
        });
        training.StatusCode.ShouldBe(HttpStatusCode.Created, await training.Content.ReadAsStringAsync());

        var week = "2026-03-02";
        var draft = await (await resident.GetAsync($"/api/units/{unit}/weekly/InspectionReport/{week}")).ReadJsonAsync();
        var content = draft.GetProperty("inspection");
        content.GetProperty("lines").EnumerateArray().ShouldContain(l => l.GetProperty("item").GetString() == "冷通道温度（0.2 m）" && l.GetProperty("result").GetString() == "Warning" && l.GetProperty("value").GetString() == "28.5 ℃");
        content.GetProperty("anomalies").EnumerateArray().Single().GetProperty("action").GetString()!.ShouldStartWith("YH-");
        content.GetProperty("risks").GetArrayLength().ShouldBe(1);
        content.GetProperty("training").GetArrayLength().ShouldBe(1);
        content.GetProperty("inspections").EnumerateArray().Count(i => i.GetProperty("state").GetString() != "Done").ShouldBe(11, "the other subsystems' inspections are listed as not done");

        var saved = await (await resident.PutAsJsonAsync($"/api/units/{unit}/weekly/InspectionReport/{week}", new { revision = -1, summary = "各系统运行正常，机房冷通道温度偏高。", advice = "检查精密空调滤网", optimisation = "调整冷热通道封闭" })).ReadJsonAsync();
        var submitted = await (await resident.PostAsJsonAsync($"/api/units/{unit}/weekly/InspectionReport/{week}/submit", new { revision = saved.GetProperty("revision").GetInt32(), signature = Ink })).ReadJsonAsync();
        var signed = await (await admin.PostAsJsonAsync($"/api/units/{unit}/weekly/InspectionReport/{week}/sign", new { revision = submitted.GetProperty("revision").GetInt32(), signature = Ink })).ReadJsonAsync();
        signed.GetProperty("state").GetString().ShouldBe("ClientSigned");

        // Closing the risk afterwards does not change the signed report.
        var risk = (await (await resident.GetAsync($"/api/units/{unit}/risks")).ReadJsonAsync())[0];
        (await resident.PostAsJsonAsync($"/api/risks/{risk.GetProperty("id").GetGuid()}/close", new { closure = "已调整", revision = risk.GetProperty("revision").GetInt32() })).StatusCode.ShouldBe(HttpStatusCode.OK);
        var after = await (await admin.GetAsync($"/api/units/{unit}/weekly/InspectionReport/{week}")).ReadJsonAsync();
        after.GetProperty("inspection").GetProperty("risks")[0].GetProperty("state").GetString().ShouldBe("Open");
        after.GetProperty("signatures").EnumerateArray().ShouldAllBe(s => s.GetProperty("matches").GetBoolean());

        // Word: a valid document (as Word reads it) with the Chinese text in it.
        var docx = await admin.GetAsync($"/api/units/{unit}/weekly/InspectionReport/{week}/export.docx");
        docx.StatusCode.ShouldBe(HttpStatusCode.OK);
        var word = await docx.Content.ReadAsByteArrayAsync();
        using (var document = DocumentFormat.OpenXml.Packaging.WordprocessingDocument.Open(new MemoryStream(word), false))
        {
            new DocumentFormat.OpenXml.Validation.OpenXmlValidator().Validate(document).Select(e => e.Description).ShouldBeEmpty();
        }

        using (var zip = new ZipArchive(new MemoryStream(word)))
        {
            using var reader = new StreamReader(zip.GetEntry("word/document.xml")!.Open());
            var xml = await reader.ReadToEndAsync();
            xml.ShouldContain("信息化系统设备巡检报告");
            xml.ShouldContain("冷通道温度（0.2 m）");
            xml.ShouldContain("调整冷热通道封闭");
            xml.ShouldContain("电子签名");
        }

        PdfText.Require();
        var bytes = await (await admin.GetAsync($"/api/units/{unit}/weekly/InspectionReport/{week}/export.pdf")).Content.ReadAsByteArrayAsync();
        var text = await PdfText.OfAsync(bytes);
        text.ShouldContain("信息化系统设备巡检报告");
        text.ShouldContain("冷通道温度");
        text.ShouldContain("调整空调设定温度");
        text.ShouldContain("UPS 日常巡视要点");
        text.ShouldContain("各系统运行正常");
        text.ShouldContain("甲方审核签字");
        text.ShouldContain("乙方工程师签字");
    }

    [Fact]
    public async Task Confidentiality_training_records_the_date_on_the_engineers_profile()
    {
        var resident = await factory.ApiClientAsync("resident");
        var unit = await UnitAsync(resident);
        var before = await (await resident.GetAsync($"/api/units/{unit}/training/confidentiality")).ReadJsonAsync();
        before.GetArrayLength().ShouldBeGreaterThan(0);
        var engineer = before.EnumerateArray().First();
        var id = engineer.GetProperty("userId").GetGuid();

        (await (await resident.PostAsJsonAsync($"/api/units/{unit}/training", new { kind = "Confidentiality", topic = "保密", trainer = "公司", at = factory.Clock.GetUtcNow().UtcDateTime.AddHours(1), hours = 1, attendees = Array.Empty<object>() })).ShouldBeProblemAsync(400))
            .GetProperty("errors").EnumerateObject().Select(e => e.Name).ShouldBe(["At", "Attendees"], ignoreOrder: true);
        var created = await resident.PostAsJsonAsync($"/api/units/{unit}/training", new
        {
            kind = "Confidentiality",
            topic = "驻场人员保密培训",
            trainer = "公司保密办",
            at = factory.Clock.GetUtcNow().UtcDateTime.AddHours(-1),
            hours = 2,
            attendees = new[] { new { name = engineer.GetProperty("name").GetString(), userId = (Guid?)id } },
        });
        created.StatusCode.ShouldBe(HttpStatusCode.Created, await created.Content.ReadAsStringAsync());
        var after = await (await resident.GetAsync($"/api/units/{unit}/training/confidentiality")).ReadJsonAsync();
        var row = after.EnumerateArray().Single(r => r.GetProperty("userId").GetGuid() == id);
        row.GetProperty("trainedOn").GetString().ShouldBe("2026-03-02");
        row.GetProperty("missing").GetBoolean().ShouldBeFalse();
        var work = await (await resident.GetAsync($"/api/units/{unit}/work-log?type=Training")).ReadJsonAsync();
        work.EnumerateArray().ShouldContain(w => w.GetProperty("content").GetString() == "培训：驻场人员保密培训（1 人）" && w.GetProperty("hours").GetDecimal() == 2m);
        var enduser = await factory.ApiClientAsync("enduser");
        (await enduser.GetAsync($"/api/units/{unit}/training")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        var maint = await factory.ApiClientAsync("client.maint");
        (await maint.PostAsJsonAsync($"/api/units/{unit}/training", new { kind = "OnSite", topic = "x", trainer = "y", at = factory.Clock.GetUtcNow().UtcDateTime, hours = 1, attendees = new[] { new { name = "z" } } }))
            .StatusCode.ShouldBe(HttpStatusCode.Forbidden);
    }
}

/// <summary>Missing weeks are visible to both sides; weeks before the unit was served are not owed.</summary>
public sealed class WeeklyStatusApiTests(FaultsFactory factory) : IClassFixture<FaultsFactory>
{
    [Fact]
    public async Task Weeks_without_deliverables_show_as_missing_once_they_are_over()
    {
        var maint = await factory.ApiClientAsync("client.maint");
        var unit = await UnitAsync(maint);
        factory.Clock.Advance(TimeSpan.FromDays(15)); // Tuesday 17 March 2026
        var status = await (await maint.GetAsync($"/api/units/{unit}/weekly")).ReadJsonAsync();
        status.EnumerateArray().Select(w => w.GetProperty("weekStart").GetString()).ShouldBe(["2026-03-16", "2026-03-09", "2026-03-02"]);
        status[0].GetProperty("current").GetBoolean().ShouldBeTrue();
        status.EnumerateArray().ShouldAllBe(w => w.GetProperty("inspectionReport").ValueKind == System.Text.Json.JsonValueKind.Null);
        var resident = await factory.ApiClientAsync("resident");
        (await resident.GetAsync($"/api/units/{unit}/weekly?weeks=2")).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await (await resident.GetAsync($"/api/units/{unit}/weekly?weeks=2")).ReadJsonAsync()).GetArrayLength().ShouldBe(2);
    }
}
