using System.IO.Compression;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Yunwei.Web.Features.Complaints;
using Yunwei.Web.Infrastructure;
using Yunwei.Web.Tests.Faults;
using Yunwei.Web.Tests.Infrastructure;
using static Yunwei.Web.Tests.Inspections.InspectionKit;

namespace Yunwei.Web.Tests.Assessment;

/// <summary>
/// A first quarter of 2026 with known lapses, computed from the records: every deduction with the
/// record behind it, the client's score and goals, the band, signatures, the PDF and the evidence pack.
/// </summary>
public sealed class AssessmentApiTests(FaultsFactory factory) : IClassFixture<FaultsFactory>
{
    private static async Task<JsonElement> ActAsync(HttpClient client, Guid fault, string action, object? extra = null)
    {
        var revision = (await (await client.GetAsync($"/api/faults/{fault}")).ReadJsonAsync()).GetProperty("fault").GetProperty("revision").GetInt32();
        var body = JsonSerializer.SerializeToNode(extra ?? new { })!.AsObject();
        body["action"] = action;
        body["revision"] = revision;
        var response = await client.PostAsJsonAsync($"/api/faults/{fault}/actions", body);
        response.StatusCode.ShouldBe(HttpStatusCode.OK, $"{action}: {await response.Content.ReadAsStringAsync()}");
        return await response.ReadJsonAsync();
    }

    [Fact]
    public async Task A_quarter_with_known_lapses_deducts_each_with_its_record_and_is_signed_by_both_sides()
    {
        var resident = await factory.ApiClientAsync("resident");
        var admin = await factory.ApiClientAsync("client.admin");
        var account = await factory.ApiClientAsync("account");
        var unit = await UnitAsync(resident);

        // Only the server room is inspected this quarter (the other weekly schedules stopped).
        foreach (var s in (await (await admin.GetAsync($"/api/units/{unit}/inspection-schedules")).ReadJsonAsync()).EnumerateArray().Where(s => s.GetProperty("subsystem").GetString() != "机房"))
        {
            (await admin.PutAsJsonAsync($"/api/units/{unit}/inspection-schedules/{s.GetProperty("id").GetGuid()}", new
            {
                subsystemId = s.GetProperty("subsystemId").GetGuid(),
                name = s.GetProperty("name").GetString(),
                period = "Weekly",
                weekday = "Friday",
                active = false,
                revision = s.GetProperty("revision").GetInt32(),
            })).StatusCode.ShouldBe(HttpStatusCode.OK);
        }

        // An end user's fault, fixed quickly but rated 2 of 5.
        var (_, asset) = await factory.AssetAsync();
        var enduser = await factory.ApiClientAsync("enduser");
        var rated = (await (await enduser.PostAsJsonAsync($"/api/units/{unit}/faults", new { title = "电脑无法开机", description = "按电源键无反应", assetCode = asset, channel = "Portal" })).ReadJsonAsync()).GetProperty("id").GetGuid();
        await ActAsync(resident, rated, "Arrive");
        await ActAsync(resident, rated, "Resolve", new { text = "更换电源线" });
        await ActAsync(enduser, rated, "Confirm");
        await ActAsync(enduser, rated, "Rate", new { rating = 2, text = "态度一般" });

        // A part replaced on a verbal confirmation whose signed paperwork never came.
        (await resident.PostAsJsonAsync($"/api/units/{unit}/approvals", new
        {
            kind = "PartReplacement",
            title = "紧急更换交换机电源",
            gatedType = "None",
            fields = new Dictionary<string, string> { ["part"] = "交换机电源", ["quantity"] = "1", ["reason"] = "电源故障" },
            emergency = new { confirmedBy = "甲方代表 赵科长", confirmedAt = factory.Clock.GetUtcNow().UtcDateTime.AddMinutes(-5), channel = "Phone" },
        })).StatusCode.ShouldBe(HttpStatusCode.Created);

        // A fault: classified after 15 minutes, nobody on site within the hour, never fixed in time.
        var fault = await (await resident.PostAsJsonAsync($"/api/units/{unit}/faults", new { title = "审判系统服务器宕机", description = "无法访问", assetCode = asset })).ReadJsonAsync();
        var faultId = fault.GetProperty("id").GetGuid();
        factory.Clock.Advance(TimeSpan.FromMinutes(2));
        await ActAsync(resident, faultId, "Answer");
        factory.Clock.Advance(TimeSpan.FromMinutes(13));
        await ActAsync(resident, faultId, "Propose", new { level = "Level3" });
        factory.Clock.Advance(TimeSpan.FromMinutes(105));
        await ActAsync(resident, faultId, "Arrive");

        // A complaint answered after nine hours (escalated), a task beyond the contract, a consultation.
        var complaint = await (await admin.PostAsJsonAsync($"/api/units/{unit}/complaints", new { category = "Timeliness", subject = "服务器故障处理慢", description = "两小时才到场" })).ReadJsonAsync();
        factory.Clock.Advance(TimeSpan.FromHours(9));
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            scope.ServiceProvider.GetRequiredService<CurrentUser>().ActAsSystem();
            await scope.ServiceProvider.GetRequiredService<ComplaintsMonitorHandler>().SweepAsync();
        }

        var complaintId = complaint.GetProperty("id").GetGuid();
        (await account.PostAsJsonAsync($"/api/complaints/{complaintId}/actions", new { action = "Reply", revision = 1, text = "已加派人员" })).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await admin.PostAsJsonAsync($"/api/complaints/{complaintId}/actions", new { action = "Close", revision = 2, text = "已解决" })).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await resident.PostAsJsonAsync($"/api/units/{unit}/work-log", new { type = "ServiceRequest", content = "协助搬迁会议室设备", hours = 3, outOfScope = true, requestedBy = "办公室" })).StatusCode.ShouldBe(HttpStatusCode.Created);
        (await resident.PostAsJsonAsync($"/api/units/{unit}/work-log", new { type = "Consultation", hours = 0.5, question = "如何共享打印机", answer = "已远程设置" })).StatusCode.ShouldBe(HttpStatusCode.Created);

        // The server-room inspection of the first week is done on Friday; the second week's is missed.
        var first = await OpenInspectionAsync(factory, "机房");
        factory.Clock.SetUtcNow(new DateTimeOffset(FaultsFactory.Start.AddDays(4)));
        await AnswerRestAsync(resident, first.GetProperty("id").GetGuid());
        var started = await (await resident.GetAsync($"/api/inspections/{first.GetProperty("id").GetGuid()}")).ReadJsonAsync();
        (await resident.PostAsJsonAsync($"/api/inspections/{first.GetProperty("id").GetGuid()}/finish", new { revision = started.GetProperty("revision").GetInt32() })).StatusCode.ShouldBe(HttpStatusCode.OK);
        await factory.SweepAsync();

        // Goals: weights must add up to 100.
        (await (await admin.PutAsJsonAsync($"/api/units/{unit}/goals/2026Q1", new { goals = new[] { new { title = "机房改造", target = "3 月底前完成", weight = 60 }, new { title = "培训", target = "两次", weight = 30 } } })).ShouldBeProblemAsync(400))
            .GetProperty("errors").GetProperty("Goals")[0].GetString().ShouldBe("目标权重合计须为 100%，当前为 90%");
        var goals = await (await admin.PutAsJsonAsync($"/api/units/{unit}/goals/2026Q1", new { goals = new[] { new { title = "机房改造", target = "3 月底前完成", weight = 60 }, new { title = "培训", target = "两次", weight = 40 } } })).ReadJsonAsync();
        var g1 = goals.GetProperty("goals")[0];
        var g2 = goals.GetProperty("goals")[1];
        (await account.PostAsJsonAsync($"/api/goals/{g1.GetProperty("id").GetGuid()}/progress", new { revision = 0, text = "已完成布线", percent = 70 })).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await admin.PostAsJsonAsync($"/api/goals/{g1.GetProperty("id").GetGuid()}/assess", new { revision = 1, completion = 100 })).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await admin.PostAsJsonAsync($"/api/goals/{g2.GetProperty("id").GetGuid()}/assess", new { revision = 0, completion = 50, comment = "只完成一次" })).StatusCode.ShouldBe(HttpStatusCode.OK);

        // Friday 20 March: weeks of 2 and 9 March are over; only the first week's deliverables get signed.
        factory.Clock.SetUtcNow(new DateTimeOffset(FaultsFactory.Start.AddDays(4)));
        foreach (var kind in new[] { "InspectionReport", "WorkloadList" })
        {
            var saved = await (await resident.PutAsJsonAsync($"/api/units/{unit}/weekly/{kind}/2026-03-02", new { revision = -1, summary = "运行正常" })).ReadJsonAsync();
            var submitted = await (await resident.PostAsJsonAsync($"/api/units/{unit}/weekly/{kind}/2026-03-02/submit", new { revision = saved.GetProperty("revision").GetInt32(), signature = Ink })).ReadJsonAsync();
            (await admin.PostAsJsonAsync($"/api/units/{unit}/weekly/{kind}/2026-03-02/sign", new { revision = submitted.GetProperty("revision").GetInt32(), signature = Ink })).StatusCode.ShouldBe(HttpStatusCode.OK);
        }

        // The second week's server-room inspection, due Friday 13 March, is done on Monday the 16th: late.
        factory.Clock.SetUtcNow(new DateTimeOffset(FaultsFactory.Start.AddDays(14)));
        var second = (await (await resident.GetAsync($"/api/units/{unit}/inspections")).ReadJsonAsync()).GetProperty("rows").EnumerateArray()
            .Single(r => r.GetProperty("dueOn").GetString() == "2026-03-13").GetProperty("id").GetGuid();
        await AnswerRestAsync(resident, second);
        var secondRevision = (await (await resident.GetAsync($"/api/inspections/{second}")).ReadJsonAsync()).GetProperty("revision").GetInt32();
        (await resident.PostAsJsonAsync($"/api/inspections/{second}/finish", new { revision = secondRevision })).StatusCode.ShouldBe(HttpStatusCode.OK);

        factory.Clock.SetUtcNow(new DateTimeOffset(FaultsFactory.Start.AddDays(18)));
        await factory.SweepAsync();
        var form = await (await admin.GetAsync($"/api/units/{unit}/assessment/2026Q1")).ReadJsonAsync();
        JsonElement Line(string key) => form.GetProperty("lines").EnumerateArray().Single(l => l.GetProperty("key").GetString() == key);
        decimal Count(string key) => Line(key).GetProperty("count").GetDecimal();
        (Count("fault-l1") + Count("fault-l2") + Count("fault-l3")).ShouldBe(1);
        form.GetProperty("lines").EnumerateArray().Where(l => l.GetProperty("key").GetString()!.StartsWith("fault-l", StringComparison.Ordinal))
            .SelectMany(l => l.GetProperty("evidence").EnumerateArray()).Single().GetProperty("label").GetString()!.ShouldStartWith(fault.GetProperty("number").GetString()!);
        Count("late-arrival").ShouldBe(1);
        Count("slow-classification").ShouldBe(1);
        Count("inspection-missed").ShouldBe(0);
        Count("inspection-late").ShouldBe(1);
        Line("inspection-late").GetProperty("evidence")[0].GetProperty("label").GetString()!.ShouldContain("2026-03-13");
        Count("low-satisfaction").ShouldBe(1);
        Line("low-satisfaction").GetProperty("evidence")[0].GetProperty("link").GetString().ShouldBe($"/faults/{rated}");
        Count("paperwork").ShouldBe(1);
        Line("paperwork").GetProperty("evidence")[0].GetProperty("label").GetString().ShouldBe("紧急更换交换机电源");
        Count("report-missing").ShouldBe(1);
        Line("report-missing").GetProperty("evidence")[0].GetProperty("link").GetString().ShouldBe("/weekly/InspectionReport/2026-03-09");
        Count("list-missing").ShouldBe(1);
        Count("complaint-reply").ShouldBe(1);
        Count("complaint-escalated").ShouldBe(1);
        Count("complaint-close").ShouldBe(0);
        Count("consultations").ShouldBe(1);
        Count("out-of-scope").ShouldBe(1);
        Line("goals").GetProperty("count").GetDecimal().ShouldBe(80);
        form.GetProperty("serviceScore").GetDecimal().ShouldBe(88.5m); // 100 −1 (l-miss) −1 (arrival) −0.5 (classify) −1 (late insp.) −1 −1 (weeks) −1 (reply) −5 (escalated) −1 (debt) −1 (rating) +2 (task)
        form.GetProperty("missing").EnumerateArray().Select(m => m.GetString()).ShouldBe(["engineer"]);

        // The client's entries: an adjustment needs its reason; a computed count is not typed over.
        (await (await admin.PutAsJsonAsync($"/api/units/{unit}/assessment/2026Q1", new { revision = -1, inputs = new[] { new { key = "late-arrival", adjustment = 1m } } })).ShouldBeProblemAsync(400))
            .GetProperty("errors").GetProperty("Inputs[late-arrival]")[0].GetString().ShouldBe("调整「未按时到场」须填写理由");
        (await (await admin.PutAsJsonAsync($"/api/units/{unit}/assessment/2026Q1", new { revision = -1, inputs = new[] { new { key = "late-arrival", value = (decimal?)0 } } })).ShouldBeProblemAsync(400))
            .GetProperty("errors").GetProperty("Inputs[late-arrival]")[0].GetString()!.ShouldContain("由系统计算");
        (await (await admin.PostAsJsonAsync($"/api/units/{unit}/assessment/2026Q1/sign", new { revision = -1, signature = Ink })).ShouldBeProblemAsync(400))
            .GetProperty("errors").GetProperty("Inputs[engineer]")[0].GetString().ShouldBe("请填写「驻点工程师考核（甲方评分）」");
        var saved2 = await (await admin.PutAsJsonAsync($"/api/units/{unit}/assessment/2026Q1", new
        {
            revision = -1,
            comment = "整体良好，注意到场时间。",
            inputs = new object[] { new { key = "engineer", value = 90m }, new { key = "slow-classification", adjustment = 0.5m, reason = "当时系统停电" } },
        })).ReadJsonAsync();
        saved2.GetProperty("serviceScore").GetDecimal().ShouldBe(89m);
        saved2.GetProperty("total").GetDecimal().ShouldBe(88.2m); // 89 × 80 % + 9 + 8
        saved2.GetProperty("rating").GetString().ShouldBe("Good");

        // The client signs (figures freeze), the provider acknowledges; a signed form is never recomputed.
        var signed = await (await admin.PostAsJsonAsync($"/api/units/{unit}/assessment/2026Q1/sign", new { revision = saved2.GetProperty("revision").GetInt32(), signature = Ink })).ReadJsonAsync();
        signed.GetProperty("state").GetString().ShouldBe("ClientSigned");
        signed.GetProperty("frozen").GetBoolean().ShouldBeTrue();
        (await (await admin.PostAsync($"/api/units/{unit}/assessment/2026Q1/recompute", null)).ShouldBeProblemAsync(400))
            .GetProperty("errors").GetProperty("State")[0].GetString()!.ShouldStartWith("考核表已签字");
        (await (await admin.PutAsJsonAsync($"/api/units/{unit}/goals/2026Q1", new { goals = new[] { new { title = "x", target = "y", weight = 100 } } })).ShouldBeProblemAsync(400))
            .GetProperty("errors").GetProperty("Quarter")[0].GetString().ShouldBe("本季度考核已签字，目标已锁定");
        (await admin.PostAsJsonAsync($"/api/units/{unit}/assessment/2026Q1/acknowledge", new { revision = signed.GetProperty("revision").GetInt32(), signature = Ink })).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        var acknowledged = await (await account.PostAsJsonAsync($"/api/units/{unit}/assessment/2026Q1/acknowledge", new { revision = signed.GetProperty("revision").GetInt32(), signature = Ink })).ReadJsonAsync();
        acknowledged.GetProperty("state").GetString().ShouldBe("Acknowledged");
        acknowledged.GetProperty("signatures").EnumerateArray().ShouldAllBe(s => s.GetProperty("matches").GetBoolean());

        // A later lapse in the quarter does not move the signed form.
        (await resident.PostAsJsonAsync($"/api/units/{unit}/work-log", new { type = "ServiceRequest", content = "又一项合同外任务", hours = 1, outOfScope = true, requestedBy = "办公室" })).StatusCode.ShouldBe(HttpStatusCode.Created);
        (await (await admin.GetAsync($"/api/units/{unit}/assessment/2026Q1")).ReadJsonAsync()).GetProperty("total").GetDecimal().ShouldBe(88.2m);

        // The form and the evidence pack.
        PdfText.Require();
        var text = await PdfText.OfAsync(await (await admin.GetAsync($"/api/units/{unit}/assessment/2026Q1/export.pdf")).Content.ReadAsByteArrayAsync());
        text.ShouldContain("信息化系统季度考核表");
        text.ShouldContain("巡检延误");
        text.ShouldContain("当时系统停电");
        text.ShouldContain("88.2");
        text.ShouldContain("良好");
        text.ShouldContain("甲方考核人签字");
        text.ShouldContain("乙方确认签字");
        var zip = await admin.GetAsync($"/api/units/{unit}/assessment/2026Q1/export.zip");
        zip.Content.Headers.ContentType!.MediaType.ShouldBe("application/zip");
        using var archive = new ZipArchive(new MemoryStream(await zip.Content.ReadAsByteArrayAsync()));
        var names = archive.Entries.Select(e => e.FullName).ToList();
        names.ShouldContain(n => n.StartsWith("信息化系统季度考核表", StringComparison.Ordinal) && n.EndsWith(".pdf", StringComparison.Ordinal));
        names.Count(n => n.StartsWith("巡检报告/", StringComparison.Ordinal)).ShouldBe(1);
        names.Count(n => n.StartsWith("工作量清单/", StringComparison.Ordinal)).ShouldBe(1);
        names.ShouldContain("证据索引.xlsx");

        // A new version starts from the signed one, which stays archived.
        var v2 = await (await admin.PostAsJsonAsync($"/api/units/{unit}/assessment/2026Q1/new-version", new { revision = acknowledged.GetProperty("revision").GetInt32() })).ReadJsonAsync();
        v2.GetProperty("version").GetInt32().ShouldBe(2);
        v2.GetProperty("state").GetString().ShouldBe("Draft");
        Line("out-of-scope").GetProperty("count").GetDecimal().ShouldBe(1);
        v2.GetProperty("lines").EnumerateArray().Single(l => l.GetProperty("key").GetString() == "out-of-scope").GetProperty("count").GetDecimal().ShouldBe(2);
    }

    [Fact]
    public async Task A_quarter_without_data_gives_an_honest_empty_form()
    {
        var admin = await factory.ApiClientAsync("client.admin");
        var unit = await UnitAsync(admin);
        var form = await (await admin.GetAsync($"/api/units/{unit}/assessment/2025Q4")).ReadJsonAsync();
        form.GetProperty("isEmpty").GetBoolean().ShouldBeTrue();
        form.GetProperty("serviceScore").GetDecimal().ShouldBe(100);
        (await admin.GetAsync($"/api/units/{unit}/assessment/2025Q5")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await (await admin.PutAsJsonAsync($"/api/units/{unit}/assessment/2026Q3", new { revision = -1 })).ShouldBeProblemAsync(400))
            .GetProperty("errors").GetProperty("Quarter")[0].GetString().ShouldBe("该季度尚未开始");
        PdfText.Require();
        var text = await PdfText.OfAsync(await (await admin.GetAsync($"/api/units/{unit}/assessment/2025Q4/export.pdf")).Content.ReadAsByteArrayAsync());
        text.ShouldContain("本季度没有故障、巡检、工作记录或投诉数据");
    }
}

/// <summary>The assessment template is the contract's: points, caps, weights and bands, validated.</summary>
public sealed class AssessmentTemplateTests(FaultsFactory factory) : IClassFixture<FaultsFactory>
{
    [Fact]
    public async Task The_contract_sets_its_own_points_weights_and_bands_within_limits()
    {
        var admin = await factory.ApiClientAsync("client.admin");
        var unit = await UnitAsync(admin);
        var template = await (await admin.GetAsync($"/api/units/{unit}/assessment-template")).ReadJsonAsync();
        template.GetProperty("isDefault").GetBoolean().ShouldBeTrue();
        var items = JsonSerializer.SerializeToNode(template.GetProperty("items"))!.AsArray();
        var revision = template.GetProperty("revision").GetInt32();
        items.Single(i => i!["key"]!.GetValue<string>() == "engineer")!["weight"] = 95;
        (await (await admin.PutAsJsonAsync($"/api/units/{unit}/assessment-template", new { items, bands = new { excellent = 90, good = 75, pass = 60 }, revision })).ShouldBeProblemAsync(400))
            .GetProperty("errors").GetProperty("Items")[0].GetString().ShouldBe("加权项权重合计不能超过 100%");
        items.Single(i => i!["key"]!.GetValue<string>() == "engineer")!["weight"] = 20;
        items.Single(i => i!["key"]!.GetValue<string>() == "late-arrival")!["points"] = 3;
        (await (await admin.PutAsJsonAsync($"/api/units/{unit}/assessment-template", new { items, bands = new { excellent = 80, good = 85, pass = 60 }, revision })).ShouldBeProblemAsync(400))
            .GetProperty("errors").GetProperty("Bands")[0].GetString().ShouldBe("评定标准须 优秀 > 良好 > 合格 > 0");
        var saved = await (await admin.PutAsJsonAsync($"/api/units/{unit}/assessment-template", new { items, bands = new { excellent = 92, good = 80, pass = 60 }, revision })).ReadJsonAsync();
        saved.GetProperty("isDefault").GetBoolean().ShouldBeFalse();
        saved.GetProperty("revision").GetInt32().ShouldBe(revision + 1);

        // A second save from a form opened on the same revision is refused; one naming no revision too.
        await (await admin.PutAsJsonAsync($"/api/units/{unit}/assessment-template", new { items, bands = new { excellent = 95, good = 80, pass = 60 }, revision })).ShouldBeProblemAsync(409);
        (await (await admin.PutAsJsonAsync($"/api/units/{unit}/assessment-template", new { items, bands = new { excellent = 95, good = 80, pass = 60 } })).ShouldBeProblemAsync(400))
            .GetProperty("errors").GetProperty("Revision")[0].GetString().ShouldBe("必填");
        var form = await (await admin.GetAsync($"/api/units/{unit}/assessment/2026Q1")).ReadJsonAsync();
        form.GetProperty("lines").EnumerateArray().Single(l => l.GetProperty("key").GetString() == "late-arrival").GetProperty("points").GetDecimal().ShouldBe(3);
        form.GetProperty("bands").GetProperty("excellent").GetDecimal().ShouldBe(92);
        (await (await factory.ApiClientAsync("resident")).PutAsJsonAsync($"/api/units/{unit}/assessment-template", new { items })).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task Two_edits_of_one_weekly_report_revision_one_wins_the_other_gets_a_conflict()
    {
        var resident = await factory.ApiClientAsync("resident");
        var unit = (await (await resident.GetAsync("/api/units")).ReadJsonAsync())[0].GetProperty("id").GetGuid();
        var created = await (await resident.PutAsJsonAsync($"/api/units/{unit}/weekly/WorkloadList/2026-02-02", new { revision = -1, summary = "初稿" })).ReadJsonAsync();
        var revision = created.GetProperty("revision").GetInt32();

        var edits = await Task.WhenAll(
            resident.PutAsJsonAsync($"/api/units/{unit}/weekly/WorkloadList/2026-02-02", new { revision, summary = "甲的小结" }),
            resident.PutAsJsonAsync($"/api/units/{unit}/weekly/WorkloadList/2026-02-02", new { revision, summary = "乙的小结" }));

        edits.Select(e => e.StatusCode).Order().ShouldBe([HttpStatusCode.OK, HttpStatusCode.Conflict]);
        var winner = edits[0].StatusCode == HttpStatusCode.OK ? "甲的小结" : "乙的小结";
        (await (await resident.GetAsync($"/api/units/{unit}/weekly/WorkloadList/2026-02-02")).ReadJsonAsync()).GetProperty("summary").GetString().ShouldBe(winner);
    }
}
