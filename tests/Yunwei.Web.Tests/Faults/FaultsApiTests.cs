using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Yunwei.Web.Tests.Infrastructure;

namespace Yunwei.Web.Tests.Faults;

/// <summary>The fault lifecycle through the API on a test clock.</summary>
public sealed class FaultsApiTests(FaultsFactory factory) : IClassFixture<FaultsFactory>
{
    private static async Task<JsonElement> ReportAsync(HttpClient client, Guid unit, object body, string? key = null, HttpStatusCode expected = HttpStatusCode.Created)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/units/{unit}/faults") { Content = JsonContent.Create(body) };
        if (key is not null)
        {
            request.Headers.Add("Idempotency-Key", key);
        }

        var response = await client.SendAsync(request);
        response.StatusCode.ShouldBe(expected, await response.Content.ReadAsStringAsync());
        return await response.ReadJsonAsync();
    }

    internal static async Task<JsonElement> GetAsync(HttpClient client, Guid id)
    {
        var response = await client.GetAsync($"/api/faults/{id}");
        response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        return await response.ReadJsonAsync();
    }

    private static async Task<HttpResponseMessage> ActAsync(HttpClient client, Guid id, object body) =>
        await client.PostAsJsonAsync($"/api/faults/{id}/actions", body);

    internal static async Task<int> DoAsync(HttpClient client, Guid id, string action, object? extra = null)
    {
        var revision = (await GetAsync(client, id)).GetProperty("fault").GetProperty("revision").GetInt32();
        var body = JsonSerializer.SerializeToElement(extra ?? new { });
        var merged = body.EnumerateObject().ToDictionary(p => p.Name, p => (object)p.Value);
        merged["action"] = action;
        merged["revision"] = revision;
        var response = await ActAsync(client, id, merged);
        response.StatusCode.ShouldBe(HttpStatusCode.OK, $"{action}: {await response.Content.ReadAsStringAsync()}");
        return (await response.ReadJsonAsync()).GetProperty("revision").GetInt32();
    }

    internal static JsonElement Clock(JsonElement fault, string name) =>
        fault.GetProperty("clocks").EnumerateArray().Single(c => c.GetProperty("clock").GetString() == name);

    private static DateTime Deadline(JsonElement fault, string clock) => Clock(fault, clock).GetProperty("deadline").GetDateTime().ToUniversalTime();

    private static IEnumerable<string> Timeline(JsonElement fault) =>
        fault.GetProperty("timeline").EnumerateArray().Select(e => e.GetProperty("type").GetString()!);

    [Fact]
    public async Task A_hotline_call_creates_a_numbered_fault_with_its_clocks_running_from_the_answer()
    {
        var (unit, code) = await factory.AssetAsync();
        var duty = await factory.ApiClientAsync("duty");
        var answered = factory.Clock.GetUtcNow().UtcDateTime.AddMinutes(-3);

        var created = await ReportAsync(duty, unit, new
        {
            description = "审判庭录音录像主机无法启动\n指示灯不亮",
            assetCode = code,
            callerName = "刘书记员",
            callerPhone = "13800138000",
            proposedLevel = "Level2",
            answeredAt = answered,
            channel = "Hotline",
        });

        var today = Yunwei.Domain.ChinaTime.ToLocal(answered).ToString("yyyyMMdd", System.Globalization.CultureInfo.InvariantCulture);
        created.GetProperty("number").GetString()!.ShouldMatch($@"^[A-Z0-9-]+-{today}-\d{{3}}$");
        var fault = await GetAsync(duty, created.GetProperty("id").GetGuid());
        fault.GetProperty("fault").GetProperty("title").GetString().ShouldBe("审判庭录音录像主机无法启动");
        fault.GetProperty("fault").GetProperty("level").GetString().ShouldBe("Level2");
        fault.GetProperty("fault").GetProperty("state").GetString().ShouldBe("InProgress");
        fault.GetProperty("assetCode").GetString().ShouldBe(code);
        Clock(fault, "Response").GetProperty("status").GetString().ShouldBe("Met");
        Deadline(fault, "Restore").ShouldBe(answered.AddHours(8));
        Clock(fault, "Resolve").GetProperty("why").EnumerateArray().Select(w => w.GetString()).ShouldContain(w => w!.Contains("响应时限届满"));
        Timeline(fault).ShouldBe(["Reported", "Answered", "Proposed"]);
    }

    [Fact]
    public async Task A_report_without_asset_or_location_says_what_is_needed()
    {
        var (unit, _) = await factory.AssetAsync();
        var duty = await factory.ApiClientAsync("duty");

        var response = await duty.PostAsJsonAsync($"/api/units/{unit}/faults", new { description = "打印机卡纸", callerName = "张三", channel = "Hotline" });

        var problem = await response.ShouldBeProblemAsync(400);
        problem.GetProperty("errors").GetProperty("AssetCode")[0].GetString().ShouldBe("请填写故障设备或位置");
    }

    [Fact]
    public async Task Retrying_with_the_same_idempotency_key_returns_the_first_fault()
    {
        var (unit, code) = await factory.AssetAsync();
        var api = await factory.ApiClientAsync("resident");
        var key = Guid.NewGuid().ToString();
        var body = new { description = "核心交换机端口 Gi1/0/24 频繁 up/down", assetCode = code, suggestedLevel = "Level2" };

        var first = await ReportAsync(api, unit, body, key);
        var again = await ReportAsync(api, unit, body, key, HttpStatusCode.OK);
        var other = await ReportAsync(api, unit, body, Guid.NewGuid().ToString());

        again.GetProperty("id").GetGuid().ShouldBe(first.GetProperty("id").GetGuid());
        again.GetProperty("replayed").GetBoolean().ShouldBeTrue();
        other.GetProperty("id").GetGuid().ShouldNotBe(first.GetProperty("id").GetGuid());
        var list = await (await api.GetAsync($"/api/faults?unitId={unit}&search={first.GetProperty("number").GetString()}")).ReadJsonAsync();
        list.GetProperty("rows").GetArrayLength().ShouldBe(1);
    }

    [Fact]
    public async Task The_same_idempotency_key_with_a_different_report_is_refused_and_creates_nothing()
    {
        var (unit, code) = await factory.AssetAsync();
        var api = await factory.ApiClientAsync("resident");
        var key = Guid.NewGuid().ToString();
        var first = await ReportAsync(api, unit, new { description = "打印机卡纸", assetCode = code }, key);

        var reused = await ReportAsync(api, unit, new { description = "打印机缺粉", assetCode = code }, key, HttpStatusCode.UnprocessableEntity);

        reused.GetProperty("status").GetInt32().ShouldBe(422);
        reused.GetProperty("title").GetString().ShouldBe("请求无法处理");
        reused.GetProperty("errors").GetProperty("Idempotency-Key")[0].GetString().ShouldBe("该幂等键已用于另一份不同的报修，请换一个键");
        var list = await (await api.GetAsync($"/api/faults?unitId={unit}&search=打印机缺粉")).ReadJsonAsync();
        list.GetProperty("rows").GetArrayLength().ShouldBe(0);
        (await ReportAsync(api, unit, new { description = "打印机卡纸", assetCode = code }, key, HttpStatusCode.OK)).GetProperty("id").GetGuid()
            .ShouldBe(first.GetProperty("id").GetGuid(), "the first request, sent again, still replays");
    }

    [SkippableTheory]
    [InlineData(false)]
    [InlineData(true)]
    public Task Retries_racing_with_one_key_create_one_fault_and_draw_one_number(bool postgres) => FaultsFactory.OnAsync(postgres, async host =>
    {
        var (unit, code) = await host.AssetAsync();
        var api = await host.ApiClientAsync("resident");
        var first = await ReportAsync(api, unit, new { description = "编号之前", assetCode = code });
        var key = Guid.NewGuid().ToString();
        var body = new { description = "同一请求的八次重试", assetCode = code };

        var answers = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(async () =>
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/units/{unit}/faults") { Content = JsonContent.Create(body) };
            request.Headers.Add("Idempotency-Key", key);
            using var response = await api.SendAsync(request);
            return ((int)response.StatusCode, (await response.ReadJsonAsync()).GetProperty("id").GetGuid());
        })));

        answers.Count(a => a.Item1 == 201).ShouldBe(1);
        answers.Count(a => a.Item1 == 200).ShouldBe(7);
        answers.Select(a => a.Item2).Distinct().Count().ShouldBe(1);
        var after = await ReportAsync(api, unit, new { description = "编号之后", assetCode = code });
        static int Serial(JsonElement fault) => int.Parse(fault.GetProperty("number").GetString()![^3..], System.Globalization.CultureInfo.InvariantCulture);
        Serial(after).ShouldBe(Serial(first) + 2, "the retries drew one number between the two");
    });

    [Fact]
    public async Task Milestones_out_of_order_are_refused_with_a_clear_message()
    {
        var (unit, code) = await factory.AssetAsync();
        var duty = await factory.ApiClientAsync("duty");
        var id = (await ReportAsync(duty, unit, new { description = "门禁控制器离线", assetCode = code, callerName = "保卫科", proposedLevel = "Level3", channel = "Hotline" })).GetProperty("id").GetGuid();
        var revision = (await GetAsync(duty, id)).GetProperty("fault").GetProperty("revision").GetInt32();

        var resolveFirst = await ActAsync(duty, id, new { action = "Resolve", revision });
        (await resolveFirst.ShouldBeProblemAsync(400)).GetProperty("errors").GetProperty("Action")[0].GetString()!.ShouldContain("须先记录到场");

        await DoAsync(duty, id, "Arrive");
        await DoAsync(duty, id, "Resolve", new { text = "更换控制器电源适配器" });
        revision = (await GetAsync(duty, id)).GetProperty("fault").GetProperty("revision").GetInt32();
        var restoreAfter = await ActAsync(duty, id, new { action = "Restore", revision });
        (await restoreAfter.ShouldBeProblemAsync(400)).GetProperty("errors").GetProperty("Action")[0].GetString().ShouldBe("故障已解决，不能再记录恢复业务");

        var future = await ActAsync(duty, id, new { action = "Confirm", revision, at = factory.Clock.GetUtcNow().UtcDateTime.AddHours(1) });
        (await future.ShouldBeProblemAsync(403)).ShouldNotBe(default, "confirming is the client's act");
    }

    [Fact]
    public async Task Two_engineers_updating_one_fault_one_gets_a_conflict_and_nothing_is_lost()
    {
        var (unit, code) = await factory.AssetAsync();
        var duty = await factory.ApiClientAsync("duty");
        var resident = await factory.ApiClientAsync("resident");
        var id = (await ReportAsync(duty, unit, new { description = "视频会议终端无声", assetCode = code, callerName = "办公室", channel = "Hotline" })).GetProperty("id").GetGuid();
        var seen = (await GetAsync(duty, id)).GetProperty("fault").GetProperty("revision").GetInt32();

        var first = await ActAsync(resident, id, new { action = "Note", revision = seen, text = "已电话指导重启终端" });
        var second = await ActAsync(duty, id, new { action = "Note", revision = seen, text = "准备到场" });

        first.StatusCode.ShouldBe(HttpStatusCode.OK);
        var conflict = await second.ShouldBeProblemAsync(409);
        conflict.GetProperty("detail").GetString()!.ShouldContain("刷新");
        var after = await GetAsync(duty, id);
        after.GetProperty("timeline").EnumerateArray().Count(e => e.GetProperty("type").GetString() == "Note").ShouldBe(1);
    }

    [Fact]
    public async Task The_clients_level_stands_warnings_and_escalation_come_exactly_once_on_the_test_clock()
    {
        var (unit, code) = await factory.AssetAsync();
        var enduser = await factory.ApiClientAsync("enduser");
        var duty = await factory.ApiClientAsync("duty");
        var maint = await factory.ApiClientAsync("client.maint");
        var resident = await factory.ApiClientAsync("resident");
        var reported = factory.Clock.GetUtcNow().UtcDateTime;
        var id = (await ReportAsync(enduser, unit, new { description = "立案庭排号屏黑屏", assetCode = code, channel = "Portal" })).GetProperty("id").GetGuid();

        await DoAsync(duty, id, "Answer");
        await DoAsync(duty, id, "Propose", new { level = "Level3" });
        await DoAsync(maint, id, "Rule", new { level = "Level2" });
        var ruled = await GetAsync(duty, id);
        ruled.GetProperty("fault").GetProperty("level").GetString().ShouldBe("Level2");
        ruled.GetProperty("fault").GetProperty("proposedLevel").GetString().ShouldBe("Level3");
        ruled.GetProperty("fault").GetProperty("ruledLevel").GetString().ShouldBe("Level2");
        Deadline(ruled, "Restore").ShouldBe(reported.AddHours(8));

        // Nobody arrives: resolve runs from the end of the 30-minute response window, 24 h.
        var resolveDeadline = reported.AddMinutes(30).AddHours(24);
        Deadline(ruled, "Resolve").ShouldBe(resolveDeadline);

        factory.Clock.Advance(TimeSpan.FromHours(6) + TimeSpan.FromMinutes(1));
        await factory.SweepAsync();
        await factory.SweepAsync();
        var warned = await GetAsync(duty, id);
        warned.GetProperty("timeline").EnumerateArray().Where(e => e.GetProperty("type").GetString() == "Warning").Select(e => e.GetProperty("text").GetString())
            .ShouldBe(["Restore:1:75"]); // epoch 0 was level 1's, while the portal report had no level
        var inbox = await (await resident.GetAsync("/api/notifications")).ReadJsonAsync();
        inbox.GetProperty("rows").EnumerateArray().Count(n => n.GetProperty("link").GetString() == $"/faults/{id}" && n.GetProperty("text").GetString()!.Contains("时限已用", StringComparison.Ordinal)).ShouldBe(1);
        inbox.GetProperty("rows")[0].GetProperty("text").GetString()!.ShouldContain("恢复业务时限已用 75%");

        factory.Clock.SetUtcNow(new DateTimeOffset(resolveDeadline.AddMinutes(5), TimeSpan.Zero));
        await factory.SweepAsync();
        await factory.SweepAsync();
        var escalated = await GetAsync(duty, id);
        escalated.GetProperty("fault").GetProperty("level").GetString().ShouldBe("Level1");
        var escalation = escalated.GetProperty("escalations").EnumerateArray().ShouldHaveSingleItem();
        escalation.GetProperty("at").GetDateTime().ToUniversalTime().ShouldBe(resolveDeadline);
        escalation.GetProperty("stored").GetBoolean().ShouldBeTrue();
        Timeline(escalated).Count(t => t == "Escalated").ShouldBe(1);
        escalated.GetProperty("fault").GetProperty("breached").GetBoolean().ShouldBeTrue();

        // The monitor was away while the restore deadline passed: the breach is still written, once, at its time.
        var breaches = escalated.GetProperty("timeline").EnumerateArray().Where(e => e.GetProperty("type").GetString() == "Breach").ToList();
        breaches.Select(e => e.GetProperty("text").GetString()).ShouldBe(["Restore:1:100"]);
        breaches[0].GetProperty("at").GetDateTime().ToUniversalTime().ShouldBe(reported.AddHours(8));
        Deadline(escalated, "Resolve").ShouldBe(resolveDeadline.AddHours(12));
        Clock(escalated, "Resolve").GetProperty("why").EnumerateArray().Select(w => w.GetString()).ShouldContain(w => w!.Contains("自动升级"));

        // The reporter follows it, and after resolution confirms and rates.
        var mine = await (await enduser.GetAsync("/api/faults?scope=Mine")).ReadJsonAsync();
        mine.GetProperty("rows").EnumerateArray().ShouldContain(r => r.GetProperty("id").GetGuid() == id);
        await DoAsync(resident, id, "Arrive");
        await DoAsync(resident, id, "Resolve", new { text = "更换显示屏电源" });
        await DoAsync(enduser, id, "Confirm");
        await DoAsync(enduser, id, "Rate", new { rating = 5, text = "处理及时" });
        var done = await GetAsync(enduser, id);
        done.GetProperty("fault").GetProperty("state").GetString().ShouldBe("Confirmed");
        done.GetProperty("fault").GetProperty("rating").GetInt32().ShouldBe(5);
        (await factory.SweepAsync()).ShouldBe(0);
    }

    [Fact]
    public async Task A_major_operation_cannot_be_recorded_before_its_approval()
    {
        var (unit, code) = await factory.AssetAsync();
        var resident = await factory.ApiClientAsync("resident");
        var maint = await factory.ApiClientAsync("client.maint");
        var id = (await ReportAsync(resident, unit, new { description = "审判系统数据库服务器蓝屏", assetCode = code, callerName = "信息科", proposedLevel = "Level1", channel = "Hotline" })).GetProperty("id").GetGuid();
        var approvalResponse = await resident.PostAsJsonAsync($"/api/units/{unit}/approvals", new
        {
            kind = "MajorOperation",
            title = "重启数据库服务器",
            gatedType = "Fault",
            gatedId = id,
            fields = new Dictionary<string, string> { ["operation"] = "系统重启", ["plan"] = "停库→重启→校验", ["risk"] = "中断 10 分钟", ["rollback"] = "快照", ["window"] = "立即" },
        });
        approvalResponse.StatusCode.ShouldBe(HttpStatusCode.Created, await approvalResponse.Content.ReadAsStringAsync());
        var approval = await approvalResponse.Content.ReadFromJsonAsync<Guid>();
        var revision = (await GetAsync(resident, id)).GetProperty("fault").GetProperty("revision").GetInt32();

        var early = await ActAsync(resident, id, new { action = "RecordOperation", revision, approvalId = approval });
        (await early.ShouldBeProblemAsync(400)).GetProperty("errors").GetProperty("ApprovalId")[0].GetString().ShouldBe("审批尚未通过，不能记录已执行");

        (await maint.PostAsJsonAsync($"/api/approvals/{approval}/approve", new { comment = "同意，信息科派人在场" })).StatusCode.ShouldBe(HttpStatusCode.OK);
        await DoAsync(resident, id, "RecordOperation", new { approvalId = approval });

        var fault = await GetAsync(resident, id);
        Timeline(fault).ShouldContain("ApprovalDecided");
        Timeline(fault).ShouldContain("OperationPerformed");
        fault.GetProperty("approvals").EnumerateArray().ShouldContain(a => a.GetProperty("id").GetGuid() == approval);
    }

    /// <summary>The consented time replaces the resolve deadline, and "why this deadline" keeps the original, the new one and who consented.</summary>
    [SkippableTheory]
    [InlineData(false)]
    [InlineData(true)]
    public Task A_consented_third_party_time_replaces_the_resolve_deadline_and_keeps_the_original(bool postgres) => FaultsFactory.OnAsync(postgres, async host =>
    {
        var (unit, code) = await host.AssetAsync();
        var resident = await host.ApiClientAsync("resident");
        var admin = await host.ApiClientAsync("client.admin");
        var id = (await ReportAsync(resident, unit, new { description = "存储阵列控制器故障", assetCode = code, callerName = "信息科", proposedLevel = "Level2", channel = "Hotline" })).GetProperty("id").GetGuid();
        var before = Deadline(await GetAsync(resident, id), "Resolve");
        var approval = await (await resident.PostAsJsonAsync($"/api/units/{unit}/approvals", new
        {
            kind = "ThirdPartyDeadline",
            title = "原厂更换控制器",
            gatedType = "Fault",
            gatedId = id,
            fields = new Dictionary<string, string> { ["thirdParty"] = "原厂售后", ["notice"] = "已书面通知", ["newResolveAt"] = "2026-03-06 18:00" },
        })).Content.ReadFromJsonAsync<Guid>();

        (await admin.PostAsJsonAsync($"/api/approvals/{approval}/approve", new { comment = "同意" })).StatusCode.ShouldBe(HttpStatusCode.OK);

        var after = await GetAsync(resident, id);
        Deadline(after, "Resolve").ShouldBe(Yunwei.Domain.ChinaTime.ToUtc(new DateTime(2026, 3, 6, 18, 0, 0)));
        Deadline(after, "Resolve").ShouldNotBe(before);
        Timeline(after).ShouldContain("DeadlineReplaced");
        var replaced = Clock(after, "Resolve").GetProperty("why").EnumerateArray().Select(w => w.GetString()!).Single(w => w.Contains("第三方", StringComparison.Ordinal));
        replaced.ShouldContain(Yunwei.Web.Infrastructure.Format.DateTime(before));
        replaced.ShouldContain("2026-03-06 18:00");
        replaced.ShouldNotContain("（—）");
    });

    [Fact]
    public async Task End_users_see_only_their_own_faults()
    {
        var (unit, code) = await factory.AssetAsync();
        var duty = await factory.ApiClientAsync("duty");
        var enduser = await factory.ApiClientAsync("enduser");
        var others = (await ReportAsync(duty, unit, new { description = "机房空调告警", assetCode = code, callerName = "值班室", channel = "Hotline" })).GetProperty("id").GetGuid();

        (await enduser.GetAsync($"/api/faults/{others}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        var list = await (await enduser.GetAsync("/api/faults?scope=All")).ReadJsonAsync();
        list.GetProperty("rows").EnumerateArray().ShouldNotContain(r => r.GetProperty("id").GetGuid() == others);
    }

    [Fact]
    public async Task The_open_list_pages_by_nearest_deadline_without_gaps_or_repeats()
    {
        var (unit, code) = await factory.AssetAsync();
        var duty = await factory.ApiClientAsync("duty");
        foreach (var level in new[] { "Level3", "Level1", "Level2", "Level3", "Level1" })
        {
            await ReportAsync(duty, unit, new { description = "分页测试 " + level, assetCode = code, callerName = "测试", proposedLevel = level, channel = "Hotline" });
        }

        var seen = new List<(DateTime? Deadline, Guid Id)>();
        string? after = null;
        do
        {
            var page = await (await duty.GetAsync($"/api/faults?unitId={unit}&take=2" + (after is null ? "" : "&after=" + after))).ReadJsonAsync();
            seen.AddRange(page.GetProperty("rows").EnumerateArray().Select(r => (
                r.GetProperty("nextDeadline").ValueKind == JsonValueKind.Null ? (DateTime?)null : r.GetProperty("nextDeadline").GetDateTime(),
                r.GetProperty("id").GetGuid())));
            after = page.GetProperty("nextAfter").ValueKind == JsonValueKind.Null ? null : page.GetProperty("nextAfter").GetString();
        }
        while (after is not null);

        seen.Select(s => s.Id).Distinct().Count().ShouldBe(seen.Count);
        seen.Count.ShouldBeGreaterThanOrEqualTo(5);
        var deadlines = seen.Where(s => s.Deadline is not null).Select(s => s.Deadline!.Value).ToList();
        deadlines.ShouldBe(deadlines.Order().ToList());
    }
}
