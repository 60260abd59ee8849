using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Yunwei.Data;
using Yunwei.Domain;
using Yunwei.Domain.Notifications;
using Yunwei.Domain.Roster;
using Yunwei.Web.Features.Notifications;
using Yunwei.Web.Infrastructure;
using Yunwei.Web.Tests.Infrastructure;

namespace Yunwei.Web.Tests.Notifications;

/// <summary>
/// Who hears of what: a unit's rules add the engineer on shift now and the leadership; each person's mail
/// follows their preferences — quiet hours hold it back, except for urgent (level-1) messages; a muted
/// kind stays in-app only.
/// </summary>
public sealed class RulesAndPreferencesTests(MailFactory factory) : IClassFixture<MailFactory>
{
    [Fact]
    public async Task Rules_add_the_engineer_on_shift_and_leadership_and_mail_follows_quiet_hours_except_for_level_one()
    {
        var admin = await factory.ApiClientAsync("client.admin");
        var rep = await factory.ApiClientAsync("client.rep");
        var leader = await factory.ApiClientAsync("leader");
        var support = await factory.ApiClientAsync("support");
        var unit = (await (await admin.GetAsync("/api/units")).ReadJsonAsync())[0].GetProperty("id").GetGuid();
        var location = (await (await admin.GetAsync($"/api/units/{unit}/asset-options")).ReadJsonAsync()).GetProperty("locations")[0].GetProperty("id").GetGuid();

        // Rules: wrong input is refused in Chinese; the two rules are kept.
        (await (await admin.PostAsJsonAsync($"/api/units/{unit}/notification-rules", new { @event = "Notify.Nothing", audience = "Leadership" })).ShouldBeProblemAsync(400))
            .GetProperty("errors").GetProperty("Event")[0].GetString().ShouldBe("未知的通知事件");
        (await (await admin.PostAsJsonAsync($"/api/units/{unit}/notification-rules", new { @event = "Notify.Fault.Reported", audience = "Role", role = "Nobody" })).ShouldBeProblemAsync(400))
            .GetProperty("errors").GetProperty("Role")[0].GetString().ShouldBe("请选择角色");
        (await rep.PostAsJsonAsync($"/api/units/{unit}/notification-rules", new { @event = "Notify.Fault.Reported", audience = "Leadership" })).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await admin.PostAsJsonAsync($"/api/units/{unit}/notification-rules", new { @event = "Notify.Fault.Reported", audience = "DutyEngineer" })).StatusCode.ShouldBe(HttpStatusCode.Created);
        (await admin.PostAsJsonAsync($"/api/units/{unit}/notification-rules", new { @event = "Notify.Fault.Reported", audience = "Leadership" })).StatusCode.ShouldBe(HttpStatusCode.Created);
        (await (await admin.PostAsJsonAsync($"/api/units/{unit}/notification-rules", new { @event = "Notify.Fault.Reported", audience = "Leadership" })).ShouldBeProblemAsync(400))
            .GetProperty("errors").GetProperty("Event")[0].GetString().ShouldBe("已有相同的规则");
        (await (await admin.GetAsync($"/api/units/{unit}/notification-rules")).ReadJsonAsync()).GetArrayLength().ShouldBe(2);

        // The support engineer is on duty now (a published roster); nothing else makes them hear of new faults.
        var now = TimeProvider.System.GetUtcNow().UtcDateTime;
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            scope.ServiceProvider.GetRequiredService<CurrentUser>().ActAsSystem();
            var db = scope.ServiceProvider.GetRequiredService<YunweiDbContext>();
            var supportUser = await db.Users.SingleAsync(u => u.UserName == "support");
            var local = ChinaTime.ToLocal(now);
            var roster = new DutyRoster { ClientUnitId = unit, Month = new DateOnly(local.Year, local.Month, 1), State = RosterState.Published, PublishedAt = now };
            db.DutyRosters.Add(roster);
            db.Shifts.Add(new Shift { ClientUnitId = unit, RosterId = roster.Id, Kind = ShiftKind.Day, StartsAt = now.AddHours(-1), EndsAt = now.AddHours(1), EngineerId = supportUser.Id, EngineerName = supportUser.DisplayName });
            await db.SaveChangesAsync();
        }

        // Preferences: the leader is in quiet hours now; the support engineer does not want new-fault mail.
        var (start, stop) = (ChinaTime.ToLocal(now).AddHours(-1), ChinaTime.ToLocal(now).AddHours(2));
        var (quietFrom, quietTo) = (new TimeOnly(start.Hour, start.Minute), new TimeOnly(stop.Hour, stop.Minute));
        (await (await leader.PutAsJsonAsync("/api/me/notification-preferences", new { email = "not an address", notifyByEmail = true, quietFrom = "22:00" })).ShouldBeProblemAsync(400))
            .GetProperty("errors").GetProperty("QuietTo")[0].GetString().ShouldBe("免打扰时段需同时填写开始和结束时间，且两者不同");
        async Task<int> RevisionAsync(HttpClient person) => (await (await person.GetAsync("/api/me/notification-preferences")).ReadJsonAsync()).GetProperty("revision").GetInt32();
        (await leader.PutAsJsonAsync("/api/me/notification-preferences", new { email = "leader@example.com", notifyByEmail = true, quietFrom = $"{quietFrom:HH\\:mm}", quietTo = $"{quietTo:HH\\:mm}", mutedEvents = Array.Empty<string>(), revision = await RevisionAsync(leader) }))
            .StatusCode.ShouldBe(HttpStatusCode.OK);
        (await support.PutAsJsonAsync("/api/me/notification-preferences", new { email = "support@example.com", notifyByEmail = true, mutedEvents = new[] { "Notify.Fault.Reported" }, revision = await RevisionAsync(support) }))
            .StatusCode.ShouldBe(HttpStatusCode.OK);
        var prefs = await (await leader.GetAsync("/api/me/notification-preferences")).ReadJsonAsync();
        prefs.GetProperty("quietFrom").GetString().ShouldBe($"{quietFrom:HH\\:mm}:00");

        // An ordinary fault, then a level-1 one.
        var ordinary = await (await rep.PostAsJsonAsync($"/api/units/{unit}/faults", new { description = "档案室打印机卡纸", locationId = location })).ReadJsonAsync();
        var urgent = await (await rep.PostAsJsonAsync($"/api/units/{unit}/faults", new { description = "全院网络中断", locationId = location, suggestedLevel = "Level1" })).ReadJsonAsync();
        await DispatchAsync();
        await DispatchAsync();

        // In-app: the rules brought the engineer on shift and the leader in, once each per fault.
        foreach (var person in new[] { support, leader })
        {
            var texts = (await (await person.GetAsync("/api/notifications")).ReadJsonAsync()).GetProperty("rows").EnumerateArray().Select(n => n.GetProperty("text").GetString()!).ToList();
            texts.Count(t => t.Contains("档案室打印机卡纸", StringComparison.Ordinal)).ShouldBe(1);
            texts.Count(t => t.Contains("全院网络中断", StringComparison.Ordinal)).ShouldBe(1);
        }

        // Mail: the leader's ordinary one waits for the end of quiet hours, the level-1 one went now; the muted kind never goes.
        List<string> SubjectsTo(string address) => [.. factory.Messages.Where(m => m.To.Mailboxes.Any(a => a.Address == address)).Select(m => m.Subject ?? "")];
        SubjectsTo("leader@example.com").ShouldContain(s => s.StartsWith("【紧急】运维通知", StringComparison.Ordinal) && s.Contains("全院网络中断", StringComparison.Ordinal));
        SubjectsTo("leader@example.com").ShouldNotContain(s => s.Contains("档案室打印机卡纸", StringComparison.Ordinal));
        SubjectsTo("support@example.com").ShouldBeEmpty();
        SubjectsTo("resident@example.com").ShouldContain(s => s.Contains("档案室打印机卡纸", StringComparison.Ordinal));
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            scope.ServiceProvider.GetRequiredService<CurrentUser>().ActAsSystem();
            var db = scope.ServiceProvider.GetRequiredService<YunweiDbContext>();
            var leaderId = (await db.Users.SingleAsync(u => u.UserName == "leader")).Id;
            var held = await db.Notifications.SingleAsync(n => n.RecipientId == leaderId && n.DedupKey == $"fault:{ordinary.GetProperty("id").GetGuid()}:reported");
            held.Mail.ShouldBe(PersonalMail.Pending);
            var local = ChinaTime.ToLocal(now);
            var end = ChinaTime.ToUtc(DateOnly.FromDateTime(local.AddHours(2)).ToDateTime(quietTo));
            held.MailDueAt.ShouldBe(end);
        }

        urgent.GetProperty("number").GetString().ShouldNotBeNullOrEmpty();
    }

    private async Task DispatchAsync()
    {
        await using var scope = factory.Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<CurrentUser>().ActAsSystem();
        await scope.ServiceProvider.GetRequiredService<ChannelDispatchHandler>().RunAsync();
    }
}

/// <summary>Message templates: the administrators' wording replaces the built-in text, placeholders checked.</summary>
public sealed class MessageTemplatesTests(YunweiFactory factory) : IClassFixture<YunweiFactory>
{
    [Fact]
    public async Task A_template_rewords_the_message_and_bad_placeholders_are_refused()
    {
        var admin = await factory.ApiClientAsync("admin");
        var clientAdmin = await factory.ApiClientAsync("client.admin");
        var rep = await factory.ApiClientAsync("client.rep");
        var resident = await factory.ApiClientAsync("resident");
        var list = (await (await admin.GetAsync("/api/message-templates")).ReadJsonAsync()).EnumerateArray().ToList();
        var reported = list.Single(t => t.GetProperty("messageKey").GetString() == "Notify.Fault.Reported");
        reported.GetProperty("defaultZh").GetString().ShouldBe("新故障 {0}「{1}」，报修人 {2}");
        reported.GetProperty("placeholders").GetInt32().ShouldBe(3);

        (await clientAdmin.PutAsJsonAsync("/api/message-templates/Notify.Fault.Reported", new { zh = "x" })).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await (await admin.PutAsJsonAsync("/api/message-templates/Notify.Fault.Reported", new { zh = "{3} 新故障" })).ShouldBeProblemAsync(400))
            .GetProperty("errors").GetProperty("Zh")[0].GetString().ShouldBe("只能使用占位符 {0} 至 {2}");
        (await (await admin.PutAsJsonAsync("/api/message-templates/Notify.Fault.Reported", new { en = "New {0" })).ShouldBeProblemAsync(400))
            .GetProperty("errors").TryGetProperty("En", out _).ShouldBeTrue();
        (await admin.PutAsJsonAsync("/api/message-templates/Notify.Nothing", new { zh = "x" })).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        var revision = reported.GetProperty("revision").GetInt32();
        (await (await admin.PutAsJsonAsync("/api/message-templates/Notify.Fault.Reported", new { zh = "无版本" })).ShouldBeProblemAsync(400))
            .GetProperty("errors").GetProperty("Revision")[0].GetString().ShouldBe("必填");
        var saved = await (await admin.PutAsJsonAsync("/api/message-templates/Notify.Fault.Reported", new { zh = "【报修】{2} 报告：{1}（{0}）", en = "[Report] {2}: {1} ({0})", revision })).ReadJsonAsync();
        saved.GetProperty("revision").GetInt32().ShouldBe(revision + 1);

        // A second administrator's form opened before that save is refused; the first wording stays.
        await (await admin.PutAsJsonAsync("/api/message-templates/Notify.Fault.Reported", new { zh = "另一种措辞 {0}", revision })).ShouldBeProblemAsync(409);

        var unit = (await (await admin.GetAsync("/api/units")).ReadJsonAsync())[0].GetProperty("id").GetGuid();
        var location = (await (await admin.GetAsync($"/api/units/{unit}/asset-options")).ReadJsonAsync()).GetProperty("locations")[0].GetProperty("id").GetGuid();
        var fault = await (await rep.PostAsJsonAsync($"/api/units/{unit}/faults", new { description = "法庭录音设备无声", locationId = location })).ReadJsonAsync();
        var number = fault.GetProperty("number").GetString();
        var zh = (await (await resident.GetAsync("/api/notifications")).ReadJsonAsync()).GetProperty("rows").EnumerateArray().Select(n => n.GetProperty("text").GetString()).ToList();
        zh.ShouldContain($"【报修】甲方代表 赵科长 报告：法庭录音设备无声（{number}）");
        using var english = new HttpRequestMessage(HttpMethod.Get, "/api/notifications");
        english.Headers.AcceptLanguage.ParseAdd("en");
        var en = (await (await resident.SendAsync(english)).ReadJsonAsync()).GetProperty("rows").EnumerateArray().Select(n => n.GetProperty("text").GetString()).ToList();
        en.ShouldContain($"[Report] 甲方代表 赵科长: 法庭录音设备无声 ({number})");

        // Emptied: the built-in wording is back.
        var emptied = await (await admin.PutAsJsonAsync("/api/message-templates/Notify.Fault.Reported", new { zh = "", en = "", revision = revision + 1 })).ReadJsonAsync();
        emptied.GetProperty("zh").ValueKind.ShouldBe(JsonValueKind.Null);
        (await (await resident.GetAsync("/api/notifications")).ReadJsonAsync()).GetProperty("rows")[0].GetProperty("text").GetString()
            .ShouldBe($"新故障 {number}「法庭录音设备无声」，报修人 甲方代表 赵科长");

        // Back to the built-in text is a revision too: a form from before the first save is still refused.
        emptied.GetProperty("revision").GetInt32().ShouldBe(revision + 2);
        await (await admin.PutAsJsonAsync("/api/message-templates/Notify.Fault.Reported", new { zh = "另一种措辞 {0}", revision })).ShouldBeProblemAsync(409);
    }
}

/// <summary>The Data Protection key ring lives in the database: a second host on the same database reads what the first protected.</summary>
public sealed class SharedKeysTests
{
    [Fact]
    public async Task A_secret_protected_by_one_host_is_read_by_another_on_the_same_database()
    {
        await using var first = new YunweiFactory();
        string protectedText;
        string database;
        await using (var scope = first.Services.CreateAsyncScope())
        {
            protectedText = scope.ServiceProvider.GetRequiredService<IDataProtectionProvider>().CreateProtector("test").Protect("机房门禁密码");
            var db = scope.ServiceProvider.GetRequiredService<YunweiDbContext>();
            (await db.DataProtectionKeys.CountAsync()).ShouldBeGreaterThan(0);
            (await db.AuditEntries.IgnoreQueryFilters().AnyAsync(a => a.Entity == "DataProtectionKey")).ShouldBeFalse();
            database = db.Database.GetConnectionString()!;
        }

        await using var second = new SameDatabaseFactory(database);
        await using var other = second.Services.CreateAsyncScope();
        other.ServiceProvider.GetRequiredService<IDataProtectionProvider>().CreateProtector("test").Unprotect(protectedText).ShouldBe("机房门禁密码");
    }

    private sealed class SameDatabaseFactory(string connectionString) : YunweiFactory
    {
        protected override void ConfigureWebHost(Microsoft.AspNetCore.Hosting.IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseSetting("ConnectionStrings:Sqlite", connectionString);
        }
    }
}

/// <summary>Personal mail that cannot be delivered is retried with backoff on the test clock, then shown failed with the reason; the in-app copy stays.</summary>
public sealed class MailFailureTests : IAsyncLifetime
{
    private readonly Faults.FaultsFactory _factory = new() { Settings = { ["Smtp:Host"] = "127.0.0.1", ["Smtp:Port"] = "9", ["Smtp:Security"] = "None" } };

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _factory.DisposeAsync();

    [Fact]
    public async Task Undeliverable_mail_is_retried_then_listed_for_the_administrators()
    {
        var (unit, code) = await _factory.AssetAsync();
        var rep = await _factory.ApiClientAsync("client.rep");
        var admin = await _factory.ApiClientAsync("client.admin");
        var fault = await (await rep.PostAsJsonAsync($"/api/units/{unit}/faults", new { description = "无法投递的邮件通知", assetCode = code })).ReadJsonAsync();
        var attempts = 0;
        for (var i = 0; i < ChannelRules.MaxAttempts; i++)
        {
            await using var scope = _factory.Services.CreateAsyncScope();
            scope.ServiceProvider.GetRequiredService<CurrentUser>().ActAsSystem();
            await scope.ServiceProvider.GetRequiredService<ChannelDispatchHandler>().RunAsync();
            var db = scope.ServiceProvider.GetRequiredService<YunweiDbContext>();
            var residentId = (await db.Users.SingleAsync(u => u.UserName == "resident")).Id;
            var row = await db.Notifications.AsNoTracking().SingleAsync(n => n.RecipientId == residentId && n.DedupKey == $"fault:{fault.GetProperty("id").GetGuid()}:reported");
            row.MailAttempts.ShouldBe(++attempts);
            row.MailError.ShouldNotBeNullOrEmpty();
            row.Mail.ShouldBe(i < ChannelRules.MaxAttempts - 1 ? PersonalMail.Pending : PersonalMail.Failed);
            _factory.Clock.Advance(TimeSpan.FromHours(1));
        }

        var failures = (await (await admin.GetAsync($"/api/units/{unit}/mail-failures")).ReadJsonAsync()).EnumerateArray().ToList();
        var resident = failures.Single(f => f.GetProperty("email").GetString() == "resident@example.com" && f.GetProperty("messageKey").GetString() == "Notify.Fault.Reported");
        resident.GetProperty("attempts").GetInt32().ShouldBe(ChannelRules.MaxAttempts);
        resident.GetProperty("error").GetString().ShouldNotBeNullOrEmpty();
        (await rep.GetAsync($"/api/units/{unit}/mail-failures")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await (await (await _factory.ApiClientAsync("resident")).GetAsync("/api/notifications")).ReadJsonAsync()).GetProperty("rows").EnumerateArray()
            .ShouldContain(n => n.GetProperty("text").GetString()!.Contains("无法投递的邮件通知", StringComparison.Ordinal));
    }
}
