using System.Security.Cryptography;
using System.Text;
using MailKit;
using MailKit.Net.Imap;
using MailKit.Search;
using MailKit.Security;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using MimeKit;
using Yunwei.Data;
using Yunwei.Domain.Faults;
using Yunwei.Domain.Notifications;
using Yunwei.Web.Features.Faults;
using Yunwei.Web.Infrastructure;
using Yunwei.Web.Platform;

namespace Yunwei.Web.Features.Notifications;

public sealed record MailResult(InboundMailOutcome Outcome, Guid? FaultId, string? FaultNumber, string? Reason);

/// <summary>
/// Fault reports by mail: reads a unit's IMAP mailbox (new UIDs only, UIDVALIDITY respected, each mail
/// once by Message-ID) and hands each mail to <see cref="ProcessAsync"/>: automatic mail (auto-replies,
/// bounces, lists, our own mail) is logged and ignored; a subject naming a fault of the unit adds the
/// reply to its timeline; anything else becomes a fault through the same intake as every report, the
/// sender matched to a person of the unit or marked unverified for the duty engineer. Attachments are kept.
/// </summary>
public sealed class InboundMailHandler(
    IDbContextFactory<YunweiDbContext> dbFactory, ReportFaultHandler intake, RecordFaultActionHandler actions, FileStore files, EmailSender email,
    IDataProtectionProvider protection, TimeProvider time, ILogger<InboundMailHandler> logger)
{
    public const string Protector = "Yunwei.Notifications.MailboxPassword";

    /// <summary>At most this many mails per mailbox and pass; the rest wait for the next pass.</summary>
    public const int BatchSize = 50;

    /// <summary>Polls every enabled mailbox once; returns the mails handled.</summary>
    public async Task<int> PollAllAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var ids = await db.UnitMailboxes.Where(m => m.Enabled && m.Host != "").Select(m => m.Id).ToListAsync(cancellationToken);
        var handled = 0;
        foreach (var id in ids)
        {
            handled += await PollAsync(id, cancellationToken);
        }

        return handled;
    }

    /// <summary>Reads the new mails of one mailbox; a connection or login failure is kept on the mailbox for the administrators.</summary>
    public async Task<int> PollAsync(Guid mailboxId, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var mailbox = await db.UnitMailboxes.FirstOrDefaultAsync(m => m.Id == mailboxId, cancellationToken);
        if (mailbox is null)
        {
            return 0;
        }

        var handled = 0;
        try
        {
            using var client = await ConnectAsync(mailbox, cancellationToken);
            var folder = string.Equals(mailbox.Folder, "INBOX", StringComparison.OrdinalIgnoreCase) ? client.Inbox : await client.GetFolderAsync(mailbox.Folder, cancellationToken);
            await folder.OpenAsync(FolderAccess.ReadWrite, cancellationToken);
            if (folder.UidValidity != mailbox.UidValidity)
            {
                // The server renumbered the folder: read it again; Message-IDs keep each mail handled once.
                (mailbox.UidValidity, mailbox.LastUid) = (folder.UidValidity, 0);
            }

            var after = new UniqueId((uint)Math.Min(uint.MaxValue - 1, mailbox.LastUid + 1));
            var uids = (await folder.SearchAsync(SearchQuery.Uids(new UniqueIdRange(after, UniqueId.MaxValue)), cancellationToken))
                .Where(u => u.Id > mailbox.LastUid).OrderBy(u => u.Id).Take(BatchSize).ToList();
            foreach (var uid in uids)
            {
                var message = await folder.GetMessageAsync(uid, cancellationToken);
                var result = await ProcessAsync(mailbox, message, cancellationToken);
                if (result.Outcome != InboundMailOutcome.Failed)
                {
                    await folder.AddFlagsAsync(uid, MessageFlags.Seen, true, cancellationToken);
                }

                mailbox.LastUid = uid.Id;
                handled++;
            }

            await client.DisconnectAsync(true, cancellationToken);
            mailbox.LastError = null;
        }
        catch (Exception ex) when (IsMailError(ex))
        {
            mailbox.LastError = Format.Clip(ex.Message, 1000);
            logger.LogWarning("Mailbox of unit {Unit} could not be read: {Error}", mailbox.ClientUnitId, ex.Message);
        }

        mailbox.LastPolledAt = time.GetUtcNow().UtcDateTime;
        await db.SaveChangesAsync(cancellationToken);
        return handled;
    }

    /// <summary>Connects, logs in and opens the folder (the settings page's test): null when it works, else the reason.</summary>
    public async Task<string?> CheckAsync(UnitMailbox mailbox, CancellationToken cancellationToken)
    {
        try
        {
            using var client = await ConnectAsync(mailbox, cancellationToken);
            var folder = string.Equals(mailbox.Folder, "INBOX", StringComparison.OrdinalIgnoreCase) ? client.Inbox : await client.GetFolderAsync(mailbox.Folder, cancellationToken);
            await folder.OpenAsync(FolderAccess.ReadOnly, cancellationToken);
            await client.DisconnectAsync(true, cancellationToken);
            return null;
        }
        catch (Exception ex) when (IsMailError(ex))
        {
            return ex.Message;
        }
    }

    /// <summary>What a mail server, the network or a stale protected password can throw: reported, not crashed on.</summary>
    private static bool IsMailError(Exception ex) =>
        ex is System.Net.Sockets.SocketException or IOException or ProtocolException or CommandException or AuthenticationException or FolderNotFoundException
            or TimeoutException or CryptographicException or SslHandshakeException;

    /// <summary>Connects and logs in.</summary>
    public async Task<ImapClient> ConnectAsync(UnitMailbox mailbox, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(mailbox);
        var client = new ImapClient { Timeout = 30_000 };
        try
        {
            var security = mailbox.Security switch
            {
                MailSecurity.StartTls => SecureSocketOptions.StartTls,
                MailSecurity.SslOnConnect => SecureSocketOptions.SslOnConnect,
                _ => SecureSocketOptions.None,
            };
            await client.ConnectAsync(mailbox.Host, mailbox.Port, security, cancellationToken);
            var password = mailbox.ProtectedPassword is { } p ? protection.CreateProtector(Protector).Unprotect(p) : "";
            await client.AuthenticateAsync(mailbox.UserName, password, cancellationToken);
            return client;
        }
        catch
        {
            client.Dispose();
            throw;
        }
    }

    /// <summary>Handles one mail of a unit's mailbox (once: a Message-ID seen before is skipped).</summary>
    public async Task<MailResult> ProcessAsync(UnitMailbox mailbox, MimeMessage message, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(mailbox);
        ArgumentNullException.ThrowIfNull(message);
        var now = time.GetUtcNow().UtcDateTime;
        var from = message.From.Mailboxes.FirstOrDefault();
        var subject = (message.Subject ?? "").Trim();
        var messageId = Format.Clip(string.IsNullOrWhiteSpace(message.MessageId)
            ? "sha256:" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"{from?.Address}|{message.Date:O}|{subject}")))
            : message.MessageId.Trim(), 500);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        if (await db.InboundMails.AnyAsync(m => m.MailboxId == mailbox.Id && m.MessageId == messageId, cancellationToken))
        {
            return new MailResult(InboundMailOutcome.Ignored, null, null, "already handled");
        }

        var record = new InboundMail
        {
            ClientUnitId = mailbox.ClientUnitId,
            MailboxId = mailbox.Id,
            MessageId = messageId,
            From = Format.Clip(from?.ToString() ?? "", 300),
            Subject = Format.Clip(subject, 300),
            ReceivedAt = now,
        };
        var own = new List<string?> { mailbox.Address, mailbox.UserName, MailboxAddress.TryParse(email.From, out var sender) ? sender.Address : null };
        var result = MailRules.Automatic(name => message.Headers[name], from?.Address, subject, message.Body?.ContentType.MimeType, own.OfType<string>()) is { } automatic
            ? new MailResult(InboundMailOutcome.Ignored, null, null, automatic)
            : from is null
                ? new MailResult(InboundMailOutcome.Ignored, null, null, "no sender")
                : await ActAsync(db, mailbox, message, from, subject, messageId, record, now, cancellationToken);
        (record.Outcome, record.Reason, record.FaultId) = (result.Outcome, result.Reason is null ? null : Format.Clip(result.Reason, 500), result.FaultId);
        db.InboundMails.Add(record);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            // Read at the same moment by another instance: its record stands (the intake's key kept the fault single).
        }

        return result;
    }

    private async Task<MailResult> ActAsync(YunweiDbContext db, UnitMailbox mailbox, MimeMessage message, MailboxAddress from, string subject, string messageId,
        InboundMail record, DateTime now, CancellationToken cancellationToken)
    {
        var unitId = mailbox.ClientUnitId;
        var body = BodyText(message);
        var person = await PersonAsync(db, unitId, from.Address, cancellationToken);
        var senderName = person?.DisplayName ?? (string.IsNullOrWhiteSpace(from.Name) ? from.Address : from.Name.Trim());

        // A reply: the subject names a fault of this unit.
        var numbers = MailRules.FaultNumbers(subject);
        if (numbers.Count > 0)
        {
            var fault = await db.Faults.AsNoTracking().Where(f => f.ClientUnitId == unitId && numbers.Contains(f.Number))
                .Select(f => new { f.Id, f.Number, f.Revision, f.AssigneeId, f.Title }).FirstOrDefaultAsync(cancellationToken);
            if (fault is not null)
            {
                var text = Format.Clip($"邮件回复 · {senderName} <{from.Address}>{(person is null ? "（未验证发件人）" : "")}：\n{MailRules.NewText(body)}", 4000);
                var noted = await actions.HandleAsync(fault.Id, new FaultActionRequest(FaultAction.Note, fault.Revision, Text: text), cancellationToken);
                if (noted.Status != FaultActionStatus.Done)
                {
                    var revision = await db.Faults.Where(f => f.Id == fault.Id).Select(f => f.Revision).FirstAsync(cancellationToken);
                    noted = await actions.HandleAsync(fault.Id, new FaultActionRequest(FaultAction.Note, revision, Text: text), cancellationToken);
                }

                if (noted.Status != FaultActionStatus.Done)
                {
                    return new MailResult(InboundMailOutcome.Failed, fault.Id, fault.Number, "note refused: " + noted.Status);
                }

                record.Attachments = await AttachAsync(db, unitId, fault.Id, message, senderName, now, cancellationToken);
                var engineers = await NotificationWriter.MembersAsync(db, unitId, [Domain.Administration.Roles.ResidentEngineer], cancellationToken);
                NotificationWriter.Add(db, [fault.AssigneeId, .. engineers.Cast<Guid?>()], unitId, "Notify.Fault.MailReply", [fault.Number, fault.Title, senderName],
                    $"/faults/{fault.Id}", $"fault:{fault.Id}:mail:{messageId}", false, now);
                return new MailResult(InboundMailOutcome.Reply, fault.Id, fault.Number, null);
            }
        }

        // A new report: where (an asset code named in the subject or text, else the unit's top location) and by whom.
        var tokens = AssetTokens(subject + "\n" + body);
        var asset = tokens.Count == 0 ? null : await db.Assets.AsNoTracking().Where(a => a.ClientUnitId == unitId && tokens.Contains(a.Code)).Select(a => (Guid?)a.Id).FirstOrDefaultAsync(cancellationToken);
        var location = asset is null
            ? await db.Locations.AsNoTracking().Where(l => l.ClientUnitId == unitId).OrderBy(l => l.ParentId != null).ThenBy(l => l.SortOrder).Select(l => (Guid?)l.Id).FirstOrDefaultAsync(cancellationToken)
            : null;
        var description = body.Trim().Length > 0 ? body.Trim() : subject;
        if (asset is null && location is null)
        {
            return new MailResult(InboundMailOutcome.Failed, null, null, "the unit has no location to file the fault under");
        }

        var key = "mail:" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(mailbox.Id + "|" + messageId)))[..40];
        var reported = await intake.HandleAsync(unitId, new ReportFaultRequest(
            Title: subject.Length > 0 ? Format.Clip(subject, 200) : null,
            Description: Format.Clip(string.IsNullOrWhiteSpace(description) ? "（邮件无正文）" : description, 4000),
            AssetId: asset,
            LocationId: location,
            CallerName: Format.Clip(senderName, 100),
            CallerPhone: person?.PhoneNumber is { Length: <= 30 } phone ? phone : null,
            CallerUserId: person?.Id,
            Channel: FaultChannel.Email), key, f =>
            {
                f.CallerEmail = Format.Clip(from.Address, 256);
                f.UnverifiedReporter = person is null;
            }, cancellationToken);
        if (reported.Value is not { } created)
        {
            return new MailResult(InboundMailOutcome.Failed, null, null, "intake refused: " + string.Join("; ", reported.Errors?.Fields ?? []));
        }

        record.Unverified = person is null;
        if (!created.Replayed)
        {
            record.Attachments = await AttachAsync(db, unitId, created.Id, message, senderName, now, cancellationToken);
            await AcknowledgeAsync(message, from, subject, created.Number, cancellationToken);
        }

        return new MailResult(InboundMailOutcome.Fault, created.Id, created.Number, person is null ? "unverified sender" : null);
    }

    /// <summary>A person of the unit by mail address (active accounts only).</summary>
    private static async Task<Data.Identity.AppUser?> PersonAsync(YunweiDbContext db, Guid unitId, string address, CancellationToken cancellationToken)
    {
        var normalized = address.Trim().ToUpperInvariant();
        return await (from m in db.UnitMemberships
                      where m.ClientUnitId == unitId
                      join u in db.Users on m.UserId equals u.Id
                      where u.IsActive && u.NormalizedEmail == normalized
                      select u).AsNoTracking().FirstOrDefaultAsync(cancellationToken);
    }

    /// <summary>Keeps the mail's attachments on the fault (types the file store accepts, within its size limit); returns how many.</summary>
    private async Task<int> AttachAsync(YunweiDbContext db, Guid unitId, Guid faultId, MimeMessage message, string by, DateTime now, CancellationToken cancellationToken)
    {
        var kept = 0;
        foreach (var part in message.BodyParts.OfType<MimePart>().Where(p => p.IsAttachment || (p.FileName is not null && p.ContentType.MediaType == "image")).Take(20))
        {
            var name = FileStore.CleanFileName(part.FileName ?? "attachment");
            await using var content = new MemoryStream();
            if (part.Content is null)
            {
                continue;
            }

            await part.Content.DecodeToAsync(content, cancellationToken);
            var head = content.GetBuffer().AsSpan(0, (int)Math.Min(content.Length, 64));
            if (FileStore.Sniff(head, name) is not { } type || content.Length > files.MaxBytes)
            {
                logger.LogInformation("Mail attachment {Name} refused (type or size)", name);
                continue;
            }

            content.Position = 0;
            if (await files.SaveAsync(unitId, content, cancellationToken) is not { } stored)
            {
                continue;
            }

            db.FaultAttachments.Add(new FaultAttachment
            {
                ClientUnitId = unitId,
                FaultId = faultId,
                FileName = name,
                ContentType = type.ContentType,
                Size = stored.Size,
                Sha256 = stored.Sha256,
                StorageKey = stored.Key,
                CreatedAt = now,
                CreatedBy = Format.Clip(by, 256),
            });
            kept++;
        }

        if (kept > 0)
        {
            await db.SaveChangesAsync(cancellationToken);
        }

        return kept;
    }

    /// <summary>Tells the sender the fault number (an automatic reply, marked so: RFC 3834), so that their replies land on it.</summary>
    private async Task AcknowledgeAsync(MimeMessage original, MailboxAddress to, string subject, string number, CancellationToken cancellationToken)
    {
        var text = $"您好，您的报修已收到，故障编号 {number}。驻点工程师将按合同约定的时限响应。\n回复本邮件（保留主题中的编号）可补充情况。";
        var error = await email.SendAsync([to], $"[{number}] 报修已受理：{Format.Clip(subject, 80)}", text, null, cancellationToken, m =>
        {
            m.Headers.Add("Auto-Submitted", "auto-replied");
            if (original.MessageId is { Length: > 0 } id)
            {
                m.InReplyTo = id;
                m.References.Add(id);
            }
        });
        if (error is not null)
        {
            logger.LogInformation("No acknowledgement for fault {Number}: {Error}", number, error);
        }
    }

    /// <summary>The mail's text: the plain part, else the HTML part without tags.</summary>
    public static string BodyText(MimeMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (message.TextBody is { } text)
        {
            return text.Replace("\r\n", "\n", StringComparison.Ordinal).Trim();
        }

        if (message.HtmlBody is { } html)
        {
            var noBlocks = System.Text.RegularExpressions.Regex.Replace(html, @"<(script|style)[^>]*>.*?</\1>", "", System.Text.RegularExpressions.RegexOptions.Singleline | System.Text.RegularExpressions.RegexOptions.IgnoreCase);
            var breaks = System.Text.RegularExpressions.Regex.Replace(noBlocks, @"<(br|/p|/div|/li|/tr)[^>]*>", "\n", System.Text.RegularExpressions.RegexOptions.IgnoreCase);
            var plain = System.Text.RegularExpressions.Regex.Replace(breaks, "<[^>]+>", "");
            return System.Net.WebUtility.HtmlDecode(plain).Trim();
        }

        return "";
    }

    /// <summary>Words that may be asset codes (letters, digits, dashes; 3–50 characters), at most 50.</summary>
    private static List<string> AssetTokens(string text) =>
        [.. System.Text.RegularExpressions.Regex.Matches(text, "[A-Za-z0-9][A-Za-z0-9_.-]{2,49}").Select(m => m.Value).Distinct(StringComparer.Ordinal).Take(50)];

}

/// <summary>Polls the units' mailboxes (Notifications:MailIn, by default with the SLA monitor's switch; every Mail:PollSeconds, default 60).</summary>
public sealed class MailboxPollerService(IServiceScopeFactory scopes, IConfiguration configuration, TimeProvider time, ILogger<MailboxPollerService> logger)
    : PeriodicJob(scopes, time, logger)
{
    protected override bool Enabled => configuration.GetValue("Notifications:MailIn", configuration.GetValue("Sla:Monitor", true));

    protected override TimeSpan Interval => TimeSpan.FromSeconds(Math.Max(5, configuration.GetValue("Mail:PollSeconds", 60)));

    protected override Task RunOnceAsync(IServiceProvider services, CancellationToken cancellationToken) =>
        services.GetRequiredService<InboundMailHandler>().PollAllAsync(cancellationToken);
}
