using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using MimeKit;
using Yunwei.Data;
using Yunwei.Domain.Faults;
using Yunwei.Domain.Notifications;
using Yunwei.Web.Infrastructure;
using Yunwei.Web.Platform;

namespace Yunwei.Web.Features.Faults.Intake;

public sealed partial class InboundMailHandler
{
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
        var asset = tokens.Count == 0 ? null : await db.Assets.AsNoTracking().Where(a => a.ClientUnitId == unitId && tokens.Contains(a.Code))
            .Select(a => (Guid?)a.Id).FirstOrDefaultAsync(cancellationToken);
        var location = asset is null
            ? await db.Locations.AsNoTracking().Where(l => l.ClientUnitId == unitId).OrderBy(l => l.ParentId != null).ThenBy(l => l.SortOrder)
                .Select(l => (Guid?)l.Id).FirstOrDefaultAsync(cancellationToken)
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
            var noBlocks = System.Text.RegularExpressions.Regex.Replace(html, @"<(script|style)[^>]*>.*?</\1>", "",
                System.Text.RegularExpressions.RegexOptions.Singleline | System.Text.RegularExpressions.RegexOptions.IgnoreCase);
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
