using System.Security.Cryptography;
using MailKit;
using MailKit.Net.Imap;
using MailKit.Search;
using MailKit.Security;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Yunwei.Data;
using Yunwei.Domain.Notifications;
using Yunwei.Web.Infrastructure;
using Yunwei.Web.Platform;

namespace Yunwei.Web.Features.Faults.Intake;

public sealed record MailResult(InboundMailOutcome Outcome, Guid? FaultId, string? FaultNumber, string? Reason);

/// <summary>
/// Fault reports by mail: reads a unit's IMAP mailbox (new UIDs only, UIDVALIDITY respected, each mail
/// once by Message-ID) and hands each mail to <see cref="ProcessAsync"/>: automatic mail (auto-replies,
/// bounces, lists, our own mail) is logged and ignored; a subject naming a fault of the unit adds the
/// reply to its timeline; anything else becomes a fault through the same intake as every report, the
/// sender matched to a person of the unit or marked unverified for the duty engineer. Attachments are kept.
/// </summary>
public sealed partial class InboundMailHandler(
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
