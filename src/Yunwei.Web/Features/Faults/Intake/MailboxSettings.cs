using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Yunwei.Data;
using Yunwei.Domain.Administration;
using Yunwei.Domain.Notifications;
using Yunwei.Web.Infrastructure;

namespace Yunwei.Web.Features.Faults.Intake;

public sealed record MailboxView(
    bool Configured, string Host, int Port, MailSecurity Security, string UserName, bool HasPassword, string Folder, string? Address, bool Enabled,
    DateTime? LastPolledAt, string? LastError, int Revision, IReadOnlyList<InboundMailRow> Recent);

public sealed record InboundMailRow(Guid Id, string From, string Subject, DateTime ReceivedAt, InboundMailOutcome Outcome, string? Reason, Guid? FaultId, bool Unverified, int Attachments);

public sealed record MailboxTestResult(bool Ok, string? Error);

/// <param name="Password">Null keeps the stored password.</param>
public sealed record MailboxRequest(string? Host, int Port, MailSecurity Security, string? UserName, string? Password, string? Folder, string? Address, bool Enabled = true, int Revision = 0);

/// <summary>A unit's mailbox for fault reports by mail: settings (password protected, never shown), a test, the log of mails read.</summary>
public sealed class MailboxesHandler(
    IDbContextFactory<YunweiDbContext> dbFactory, IDataProtectionProvider protection, InboundMailHandler mailIn, IServiceScopeFactory scopes, CurrentUser currentUser, TimeProvider time)
{
    public async Task<MailboxView?> GetAsync(Guid unitId, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        if (!await db.ClientUnits.AnyAsync(u => u.Id == unitId, cancellationToken))
        {
            return null;
        }

        var m = await db.UnitMailboxes.AsNoTracking().FirstOrDefaultAsync(x => x.ClientUnitId == unitId, cancellationToken);
        var recent = await db.InboundMails.AsNoTracking().Where(x => x.ClientUnitId == unitId).OrderByDescending(x => x.ReceivedAt).Take(50)
            .Select(x => new InboundMailRow(x.Id, x.From, x.Subject, x.ReceivedAt, x.Outcome, x.Reason, x.FaultId, x.Unverified, x.Attachments)).ToListAsync(cancellationToken);
        return m is null
            ? new MailboxView(false, "", 993, MailSecurity.SslOnConnect, "", false, "INBOX", null, false, null, null, 0, recent)
            : new MailboxView(true, m.Host, m.Port, m.Security, m.UserName, m.ProtectedPassword is not null, m.Folder, m.Address, m.Enabled, m.LastPolledAt, m.LastError, m.Revision, recent);
    }

    public async Task<Outcome<MailboxView>> SaveAsync(Guid unitId, MailboxRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (!currentUser.Can(Permissions.ContractsManage))
        {
            return Outcome<MailboxView>.NotAllowed();
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        if (!await db.ClientUnits.AnyAsync(u => u.Id == unitId, cancellationToken))
        {
            return Outcome<MailboxView>.NotFound();
        }

        var errors = new ValidationErrors()
            .Required(nameof(request.Host), request.Host, 200)
            .Required(nameof(request.UserName), request.UserName, 200)
            .Optional(nameof(request.Password), request.Password, 200)
            .Optional(nameof(request.Folder), request.Folder, 200)
            .Optional(nameof(request.Address), request.Address, 256);
        if (request.Host is { } host && (host.Trim().Contains(' ', StringComparison.Ordinal) || host.Contains("://", StringComparison.Ordinal)))
        {
            errors.Add(nameof(request.Host), "Mailbox.Error.Host");
        }

        if (request.Port is < 1 or > 65535)
        {
            errors.Add(nameof(request.Port), "Validation.Range", 1, 65535);
        }

        if (!Enum.IsDefined(request.Security))
        {
            errors.Add(nameof(request.Security), "Validation.Invalid");
        }

        if (!string.IsNullOrWhiteSpace(request.Address) && !System.Net.Mail.MailAddress.TryCreate(request.Address.Trim(), out _))
        {
            errors.Add(nameof(request.Address), "Validation.Email");
        }

        var mailbox = await db.UnitMailboxes.FirstOrDefaultAsync(x => x.ClientUnitId == unitId, cancellationToken);
        if (mailbox is null && string.IsNullOrEmpty(request.Password))
        {
            errors.Add(nameof(request.Password), "Validation.Required");
        }

        if (!errors.IsEmpty)
        {
            return Outcome<MailboxView>.Invalid(errors);
        }

        if (mailbox is null)
        {
            mailbox = new UnitMailbox { ClientUnitId = unitId, CreatedAt = time.GetUtcNow().UtcDateTime };
            db.UnitMailboxes.Add(mailbox);
        }
        else if (mailbox.Revision != request.Revision)
        {
            return Outcome<MailboxView>.Conflict();
        }
        else
        {
            mailbox.Revision++;
        }

        var folder = string.IsNullOrWhiteSpace(request.Folder) ? "INBOX" : request.Folder.Trim();
        if (!string.Equals(mailbox.Host, request.Host!.Trim(), StringComparison.OrdinalIgnoreCase) || mailbox.UserName != request.UserName!.Trim() || mailbox.Folder != folder)
        {
            // Another mailbox or folder: its UIDs mean something else.
            (mailbox.UidValidity, mailbox.LastUid) = (0, 0);
        }

        (mailbox.Host, mailbox.Port, mailbox.Security, mailbox.UserName, mailbox.Folder, mailbox.Address, mailbox.Enabled) =
            (request.Host!.Trim(), request.Port, request.Security, request.UserName!.Trim(), folder, string.IsNullOrWhiteSpace(request.Address) ? null : request.Address.Trim(), request.Enabled);
        if (!string.IsNullOrEmpty(request.Password))
        {
            mailbox.ProtectedPassword = protection.CreateProtector(InboundMailHandler.Protector).Protect(request.Password);
        }

        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            return Outcome<MailboxView>.Conflict();
        }

        return Outcome<MailboxView>.Ok((await GetAsync(unitId, cancellationToken))!);
    }

    /// <summary>Connects, logs in and opens the folder now; says what went wrong.</summary>
    public async Task<Outcome<MailboxTestResult>> TestAsync(Guid unitId, CancellationToken cancellationToken = default)
    {
        if (!currentUser.Can(Permissions.ContractsManage))
        {
            return Outcome<MailboxTestResult>.NotAllowed();
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var mailbox = await db.UnitMailboxes.AsNoTracking().FirstOrDefaultAsync(x => x.ClientUnitId == unitId, cancellationToken);
        if (mailbox is null)
        {
            return Outcome<MailboxTestResult>.NotFound();
        }

        var error = await mailIn.CheckAsync(mailbox, cancellationToken);
        return Outcome<MailboxTestResult>.Ok(new MailboxTestResult(error is null, error));
    }

    /// <summary>Reads the mailbox now instead of waiting for the next poll.</summary>
    public async Task<Outcome<int>> PollNowAsync(Guid unitId, CancellationToken cancellationToken = default)
    {
        if (!currentUser.Can(Permissions.ContractsManage))
        {
            return Outcome<int>.NotAllowed();
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var id = await db.UnitMailboxes.Where(x => x.ClientUnitId == unitId).Select(x => (Guid?)x.Id).FirstOrDefaultAsync(cancellationToken);
        if (id is null)
        {
            return Outcome<int>.NotFound();
        }

        // The mails are reported by their senders through the system, as on the timer — not by the person pressing the button.
        await using var scope = scopes.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<CurrentUser>().ActAsSystem();
        return Outcome<int>.Ok(await scope.ServiceProvider.GetRequiredService<InboundMailHandler>().PollAsync(id.Value, cancellationToken));
    }
}
