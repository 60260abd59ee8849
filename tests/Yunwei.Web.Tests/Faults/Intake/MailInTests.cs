using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using MailKit.Net.Imap;
using MailKit.Security;
using Microsoft.AspNetCore.Hosting;
using MimeKit;
using Yunwei.Web.Tests.Infrastructure;
using Yunwei.Web.Tests.Notifications;

namespace Yunwei.Web.Tests.Faults.Intake;

/// <summary>The host with a real SMTP server (acknowledgements) and a real IMAP server (Dovecot) holding the unit's 报修邮箱.</summary>
public sealed class MailInFactory : MailFactory
{
    public ImapServer Imap { get; } = new();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        // The tests read the mailbox when they want to (the poll endpoint), not on a timer.
        builder.UseSetting("Notifications:MailIn", "false");
    }

    /// <summary>Delivers a mail into the mailbox as a mail server would store it (IMAP APPEND).</summary>
    public async Task DeliverAsync(MimeMessage message)
    {
        using var client = new ImapClient();
        await client.ConnectAsync("127.0.0.1", Imap.Port, SecureSocketOptions.None);
        await client.AuthenticateAsync(ImapServer.User, ImapServer.Password);
        await client.Inbox.AppendAsync(new MailKit.AppendRequest(message));
        await client.DisconnectAsync(true);
    }

    public override async ValueTask DisposeAsync()
    {
        Imap.Dispose();
        await base.DisposeAsync();
    }
}

/// <summary>
/// Email in: a mail to the unit's mailbox becomes a fault (sender matched to a person, attachments kept,
/// the number acknowledged by mail), a reply with the number lands on the timeline, auto-replies are
/// ignored, an unknown sender gives an unverified fault for the duty engineer, each mail is read once.
/// </summary>
public sealed class MailInTests(MailInFactory factory) : IClassFixture<MailInFactory>
{
    private static readonly byte[] Png = Convert.FromBase64String("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==");

    [SkippableFact]
    public async Task A_mail_becomes_a_fault_a_reply_lands_on_its_timeline_and_automatic_mail_is_ignored()
    {
        factory.Imap.Require();
        var admin = await factory.ApiClientAsync("client.admin");
        var resident = await factory.ApiClientAsync("resident");
        var unit = (await (await admin.GetAsync("/api/units")).ReadJsonAsync())[0].GetProperty("id").GetGuid();

        // Settings: bad input is refused with Chinese field errors; the password is never shown back.
        var bad = await (await admin.PutAsJsonAsync($"/api/units/{unit}/mailbox", new { host = "imap://mail", port = 0, security = "None", userName = "" })).ShouldBeProblemAsync(400);
        bad.GetProperty("errors").GetProperty("Host")[0].GetString().ShouldBe("请填写服务器主机名（不含 imap:// 和空格）");
        bad.GetProperty("errors").TryGetProperty("Password", out _).ShouldBeTrue();
        var saved = await (await admin.PutAsJsonAsync($"/api/units/{unit}/mailbox", new
        {
            host = "127.0.0.1",
            port = factory.Imap.Port,
            security = "None",
            userName = ImapServer.User,
            password = "wrong-password",
            address = "baoxiu@court.test",
        })).ReadJsonAsync();
        saved.GetProperty("hasPassword").GetBoolean().ShouldBeTrue();
        saved.GetRawText().ShouldNotContain("wrong-password");
        var test = await (await admin.PostAsync($"/api/units/{unit}/mailbox/test", null)).ReadJsonAsync();
        test.GetProperty("ok").GetBoolean().ShouldBeFalse();
        test.GetProperty("error").GetString().ShouldNotBeNullOrEmpty();
        (await admin.PutAsJsonAsync($"/api/units/{unit}/mailbox", new
        {
            host = "127.0.0.1",
            port = factory.Imap.Port,
            security = "None",
            userName = ImapServer.User,
            password = ImapServer.Password,
            address = "baoxiu@court.test",
            revision = saved.GetProperty("revision").GetInt32(),
        })).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await (await admin.PostAsync($"/api/units/{unit}/mailbox/test", null)).ReadJsonAsync()).GetProperty("ok").GetBoolean().ShouldBeTrue();

        // Three mails: a person of the unit with a photo, an out-of-office reply, a stranger.
        var report = Mail("甲方代表 赵科长", "client.rep@example.com", "第三审判庭投影仪无信号", "开庭前投影仪无信号，已检查线缆。");
        var body = new BodyBuilder { TextBody = "开庭前投影仪无信号，已检查线缆。" };
        body.Attachments.Add("现场照片.png", Png, new ContentType("image", "png"));
        report.Body = body.ToMessageBody();
        await factory.DeliverAsync(report);
        var outOfOffice = Mail("某人", "someone@court.test", "自动回复：值班安排", "我正在休假。");
        outOfOffice.Headers.Add("Auto-Submitted", "auto-replied");
        await factory.DeliverAsync(outOfOffice);
        await factory.DeliverAsync(Mail("外单位 张三", "zhangsan@outside.test", "网络打不开", "二楼网络全部中断"));

        (await (await admin.PostAsync($"/api/units/{unit}/mailbox/poll", null)).ReadJsonAsync()).GetInt32().ShouldBe(3);
        (await (await admin.PostAsync($"/api/units/{unit}/mailbox/poll", null)).ReadJsonAsync()).GetInt32().ShouldBe(0);
        var log = (await (await admin.GetAsync($"/api/units/{unit}/mailbox")).ReadJsonAsync()).GetProperty("recent").EnumerateArray().ToList();
        log.Count.ShouldBe(3);
        log.Single(m => m.GetProperty("subject").GetString() == "自动回复：值班安排").GetProperty("outcome").GetString().ShouldBe("Ignored");
        var reported = log.Single(m => m.GetProperty("subject").GetString() == "第三审判庭投影仪无信号");
        reported.GetProperty("outcome").GetString().ShouldBe("Fault");
        reported.GetProperty("unverified").GetBoolean().ShouldBeFalse();
        reported.GetProperty("attachments").GetInt32().ShouldBe(1);
        var stranger = log.Single(m => m.GetProperty("subject").GetString() == "网络打不开");
        stranger.GetProperty("unverified").GetBoolean().ShouldBeTrue();

        // The fault: by mail, from the matched person, with the photo; the sender got the number.
        var faultId = reported.GetProperty("faultId").GetGuid();
        var fault = (await (await resident.GetAsync($"/api/faults/{faultId}")).ReadJsonAsync()).GetProperty("fault");
        fault.GetProperty("channel").GetString().ShouldBe("Email");
        fault.GetProperty("callerName").GetString().ShouldBe("甲方代表 赵科长");
        fault.GetProperty("unverifiedReporter").GetBoolean().ShouldBeFalse();
        var number = fault.GetProperty("number").GetString()!;
        (await (await resident.GetAsync($"/api/faults/{faultId}")).ReadJsonAsync()).GetProperty("timeline")[0].GetProperty("actorName").GetString().ShouldBe("甲方代表 赵科长");
        var attachments = (await (await resident.GetAsync($"/api/faults/{faultId}/attachments")).ReadJsonAsync()).EnumerateArray().ToList();
        attachments.ShouldHaveSingleItem().GetProperty("fileName").GetString().ShouldBe("现场照片.png");
        (await resident.GetByteArrayAsync($"/api/faults/{faultId}/attachments/{attachments[0].GetProperty("id").GetGuid()}")).ShouldBe(Png);
        var ack = factory.Messages.Single(m => m.To.Mailboxes.Any(a => a.Address == "client.rep@example.com") && m.Subject?.Contains(number, StringComparison.Ordinal) == true);
        ack.Subject.ShouldStartWith($"[{number}] 报修已受理");
        ack.Headers["Auto-Submitted"].ShouldBe("auto-replied");
        ack.InReplyTo.ShouldBe(report.MessageId);

        // The stranger's fault is marked unverified and the engineers hear of it.
        var strangerFault = (await (await resident.GetAsync($"/api/faults/{stranger.GetProperty("faultId").GetGuid()}")).ReadJsonAsync()).GetProperty("fault");
        strangerFault.GetProperty("unverifiedReporter").GetBoolean().ShouldBeTrue();
        strangerFault.GetProperty("callerEmail").GetString().ShouldBe("zhangsan@outside.test");
        var notices = (await (await resident.GetAsync("/api/notifications")).ReadJsonAsync()).GetProperty("rows").EnumerateArray().Select(n => n.GetProperty("text").GetString()).ToList();
        notices.ShouldContain(t => t!.Contains("未验证的发件人", StringComparison.Ordinal) && t.Contains("网络打不开", StringComparison.Ordinal));

        // A reply carrying the number: its new text (not the quoted original) lands on the timeline, once.
        var reply = Mail("甲方代表 赵科长", "client.rep@example.com", $"回复：{ack.Subject}", "补充：更换线缆后仍无信号。\n\n-----原始邮件-----\n您好，您的报修已收到");
        reply.InReplyTo = ack.MessageId;
        await factory.DeliverAsync(reply);
        (await (await admin.PostAsync($"/api/units/{unit}/mailbox/poll", null)).ReadJsonAsync()).GetInt32().ShouldBe(1);
        var notes = (await (await resident.GetAsync($"/api/faults/{faultId}")).ReadJsonAsync()).GetProperty("timeline").EnumerateArray()
            .Where(e => e.GetProperty("type").GetString() == "Note").Select(e => e.GetProperty("text").GetString()!).ToList();
        var note = notes.ShouldHaveSingleItem();
        note.ShouldContain("补充：更换线缆后仍无信号。");
        note.ShouldContain("赵科长");
        note.ShouldNotContain("原始邮件");
    }

    private static MimeMessage Mail(string name, string address, string subject, string text)
    {
        var message = new MimeMessage { Subject = subject, Body = new TextPart("plain") { Text = text } };
        message.From.Add(new MailboxAddress(name, address));
        message.To.Add(new MailboxAddress("报修邮箱", "baoxiu@court.test"));
        message.MessageId = MimeKit.Utils.MimeUtils.GenerateMessageId("court.test");
        return message;
    }
}
