using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Yunwei.Data;
using Yunwei.Domain.Administration;
using Yunwei.Domain.Notifications;
using Yunwei.Web.Infrastructure;
using Yunwei.Web.Platform;

namespace Yunwei.Web.Features.Notifications;

public sealed record MailboxView(
    bool Configured, string Host, int Port, MailSecurity Security, string UserName, bool HasPassword, string Folder, string? Address, bool Enabled,
    DateTime? LastPolledAt, string? LastError, int Revision, IReadOnlyList<InboundMailRow> Recent);

public sealed record InboundMailRow(Guid Id, string From, string Subject, DateTime ReceivedAt, InboundMailOutcome Outcome, string? Reason, Guid? FaultId, bool Unverified, int Attachments);

/// <param name="Password">Null keeps the stored password.</param>
public sealed record MailboxRequest(string? Host, int Port, MailSecurity Security, string? UserName, string? Password, string? Folder, string? Address, bool Enabled = true, int Revision = 0);

public sealed record NotificationRuleRow(Guid Id, string Event, RuleAudience Audience, string? Role, bool UrgentOnly, bool Enabled);

public sealed record NotificationRuleRequest(string? Event, RuleAudience Audience, string? Role, bool UrgentOnly = false);

/// <param name="Revision">The revision of the person's record the form was filled on (shared with the administrator's user form).</param>
public sealed record NotificationPreferences(string? Email, bool NotifyByEmail, TimeOnly? QuietFrom, TimeOnly? QuietTo, IReadOnlyList<string> MutedEvents, int? Revision = null);

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
    public async Task<Outcome<ChannelTestResult>> TestAsync(Guid unitId, CancellationToken cancellationToken = default)
    {
        if (!currentUser.Can(Permissions.ContractsManage))
        {
            return Outcome<ChannelTestResult>.NotAllowed();
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var mailbox = await db.UnitMailboxes.AsNoTracking().FirstOrDefaultAsync(x => x.ClientUnitId == unitId, cancellationToken);
        if (mailbox is null)
        {
            return Outcome<ChannelTestResult>.NotFound();
        }

        var error = await mailIn.CheckAsync(mailbox, cancellationToken);
        return Outcome<ChannelTestResult>.Ok(new ChannelTestResult(error is null, error));
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

/// <summary>A unit's notification rules: which events also go to the duty engineer on shift, the leadership or a role.</summary>
public sealed class NotificationRulesHandler(IDbContextFactory<YunweiDbContext> dbFactory, CurrentUser currentUser, TimeProvider time)
{
    public async Task<IReadOnlyList<NotificationRuleRow>?> ListAsync(Guid unitId, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        if (!await db.ClientUnits.AnyAsync(u => u.Id == unitId, cancellationToken))
        {
            return null;
        }

        return await db.NotificationRules.AsNoTracking().Where(r => r.ClientUnitId == unitId).OrderBy(r => r.CreatedAt)
            .Select(r => new NotificationRuleRow(r.Id, r.Event, r.Audience, r.Role, r.UrgentOnly, r.Enabled)).ToListAsync(cancellationToken);
    }

    public async Task<Outcome<NotificationRuleRow>> AddAsync(Guid unitId, NotificationRuleRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (!currentUser.Can(Permissions.ContractsManage))
        {
            return Outcome<NotificationRuleRow>.NotAllowed();
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        if (!await db.ClientUnits.AnyAsync(u => u.Id == unitId, cancellationToken))
        {
            return Outcome<NotificationRuleRow>.NotFound();
        }

        var errors = new ValidationErrors();
        if (!Delivery.Events.Contains(request.Event?.Trim()))
        {
            errors.Add(nameof(request.Event), "Rule.Error.Event");
        }

        if (!Enum.IsDefined(request.Audience))
        {
            errors.Add(nameof(request.Audience), "Validation.Invalid");
        }
        else if (request.Audience == RuleAudience.Role && !Roles.All.Contains(request.Role))
        {
            errors.Add(nameof(request.Role), "Rule.Error.Role");
        }

        if (!errors.IsEmpty)
        {
            return Outcome<NotificationRuleRow>.Invalid(errors);
        }

        var role = request.Audience == RuleAudience.Role ? request.Role : null;
        var ev = request.Event!.Trim();
        if (await db.NotificationRules.AnyAsync(r => r.ClientUnitId == unitId && r.Event == ev && r.Audience == request.Audience && r.Role == role && r.UrgentOnly == request.UrgentOnly, cancellationToken))
        {
            return Outcome<NotificationRuleRow>.Invalid(new ValidationErrors().Add(nameof(request.Event), "Rule.Error.Duplicate"));
        }

        var rule = new NotificationRule { ClientUnitId = unitId, Event = ev, Audience = request.Audience, Role = role, UrgentOnly = request.UrgentOnly, CreatedAt = time.GetUtcNow().UtcDateTime };
        db.NotificationRules.Add(rule);
        await db.SaveChangesAsync(cancellationToken);
        return Outcome<NotificationRuleRow>.Ok(new NotificationRuleRow(rule.Id, rule.Event, rule.Audience, rule.Role, rule.UrgentOnly, rule.Enabled));
    }

    public async Task<Outcome<bool>> RemoveAsync(Guid unitId, Guid id, CancellationToken cancellationToken = default)
    {
        if (!currentUser.Can(Permissions.ContractsManage))
        {
            return Outcome<bool>.NotAllowed();
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var rule = await db.NotificationRules.FirstOrDefaultAsync(r => r.Id == id && r.ClientUnitId == unitId, cancellationToken);
        if (rule is null)
        {
            return Outcome<bool>.NotFound();
        }

        db.NotificationRules.Remove(rule);
        await db.SaveChangesAsync(cancellationToken);
        return Outcome<bool>.Ok(true);
    }
}

/// <summary>My notification preferences: my mail address, mail on or off, quiet hours (never for level-1 faults), kinds I do not want by mail.</summary>
public sealed class NotificationPreferencesHandler(IDbContextFactory<YunweiDbContext> dbFactory, CurrentUser currentUser)
{
    public async Task<NotificationPreferences?> GetAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.Users.AsNoTracking().Where(u => u.Id == currentUser.UserId)
            .Select(u => new NotificationPreferences(u.Email, u.NotifyByEmail, u.QuietFrom, u.QuietTo, u.MutedEvents, u.Revision)).FirstOrDefaultAsync(cancellationToken);
    }

    public async Task<Outcome<NotificationPreferences>> SaveAsync(NotificationPreferences request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var user = await db.Users.FirstOrDefaultAsync(u => u.Id == currentUser.UserId, cancellationToken);
        if (user is null)
        {
            return Outcome<NotificationPreferences>.NotFound();
        }

        var errors = new ValidationErrors().Optional(nameof(request.Email), request.Email, 256);
        var email = string.IsNullOrWhiteSpace(request.Email) ? null : request.Email.Trim();
        if (email is not null && !System.Net.Mail.MailAddress.TryCreate(email, out _))
        {
            errors.Add(nameof(request.Email), "Validation.Email");
        }

        if ((request.QuietFrom is null) != (request.QuietTo is null) || (request.QuietFrom is { } f && f == request.QuietTo))
        {
            errors.Add(nameof(request.QuietTo), "Preferences.Error.Quiet");
        }

        var muted = (request.MutedEvents ?? []).Select(e => e.Trim()).Distinct().ToList();
        if (muted.Any(e => !Delivery.Events.Contains(e)))
        {
            errors.Add(nameof(request.MutedEvents), "Rule.Error.Event");
        }

        if (!errors.IsEmpty)
        {
            return Outcome<NotificationPreferences>.Invalid(errors);
        }

        if (request.Revision != user.Revision)
        {
            // Changed in another tab or by an administrator since the form opened: nothing is overwritten.
            return Outcome<NotificationPreferences>.StaleEdit(request.Revision);
        }

        user.Revision++;
        if (!string.Equals(user.Email, email, StringComparison.Ordinal))
        {
            (user.Email, user.NormalizedEmail, user.EmailConfirmed) = (email, email?.ToUpperInvariant(), false);
        }

        (user.NotifyByEmail, user.QuietFrom, user.QuietTo, user.MutedEvents) = (request.NotifyByEmail, request.QuietFrom, request.QuietTo, muted);
        if (!await db.SavedAsync(cancellationToken))
        {
            return Outcome<NotificationPreferences>.Conflict();
        }

        return Outcome<NotificationPreferences>.Ok(new NotificationPreferences(user.Email, user.NotifyByEmail, user.QuietFrom, user.QuietTo, user.MutedEvents, user.Revision));
    }
}

public static class NotificationSettingsApi
{
    public static void MapNotificationSettingsApi(this IEndpointRouteBuilder app)
    {
        var mailbox = app.MapGroup("/api/units/{unitId:guid}/mailbox").WithTags("Notifications").RequireAuthorization(Permissions.ContractsManage);
        mailbox.MapGet("/", async Task<Results<Ok<MailboxView>, ProblemHttpResult>> (Guid unitId, MailboxesHandler handler, IStringLocalizer<SharedResource> l, CancellationToken ct) =>
                await handler.GetAsync(unitId, ct) is { } view ? TypedResults.Ok(view) : Problems.NotFound(l))
            .WithName("GetMailbox").WithSummary("The unit's mailbox for fault reports by mail (password never shown) and the mails read lately");
        mailbox.MapPut("/", async (Guid unitId, MailboxRequest request, MailboxesHandler handler, IStringLocalizer<SharedResource> l, CancellationToken ct) =>
                (await handler.SaveAsync(unitId, request, ct)).ToOk(l))
            .WithName("SaveMailbox").WithSummary("Set the IMAP mailbox (Revision as read; Password null keeps it)");
        mailbox.MapPost("/test", async (Guid unitId, MailboxesHandler handler, IStringLocalizer<SharedResource> l, CancellationToken ct) =>
                (await handler.TestAsync(unitId, ct)).ToOk(l))
            .WithName("TestMailbox").WithSummary("Connect, log in and open the folder now");
        mailbox.MapPost("/poll", async (Guid unitId, MailboxesHandler handler, IStringLocalizer<SharedResource> l, CancellationToken ct) =>
                (await handler.PollNowAsync(unitId, ct)).ToOk(l))
            .WithName("PollMailbox").WithSummary("Read the new mails now; returns how many were handled");

        var rules = app.MapGroup("/api/units/{unitId:guid}/notification-rules").WithTags("Notifications").RequireAuthorization(Permissions.ContractsManage);
        rules.MapGet("/", async Task<Results<Ok<IReadOnlyList<NotificationRuleRow>>, ProblemHttpResult>> (Guid unitId, NotificationRulesHandler handler, IStringLocalizer<SharedResource> l, CancellationToken ct) =>
                await handler.ListAsync(unitId, ct) is { } rows ? TypedResults.Ok(rows) : Problems.NotFound(l))
            .WithName("ListNotificationRules").WithSummary("Which events also go to the duty engineer on shift, the leadership or a role");
        rules.MapPost("/", async (Guid unitId, NotificationRuleRequest request, NotificationRulesHandler handler, IStringLocalizer<SharedResource> l, CancellationToken ct) =>
                (await handler.AddAsync(unitId, request, ct)).ToCreated(l, r => $"/api/units/{unitId}/notification-rules/{r.Id}"))
            .WithName("AddNotificationRule").WithSummary("Add a rule: an event (or group, e.g. Notify.Complaint.) to an audience");
        rules.MapDelete("/{id:guid}", async (Guid unitId, Guid id, NotificationRulesHandler handler, IStringLocalizer<SharedResource> l, CancellationToken ct) =>
                (await handler.RemoveAsync(unitId, id, ct)).ToNoContent(l))
            .WithName("RemoveNotificationRule").WithSummary("Remove a rule");

        var templates = app.MapGroup("/api/message-templates").WithTags("Notifications").RequireAuthorization(Permissions.UnitsManage);
        templates.MapGet("/", async (MessageTemplatesHandler handler, CancellationToken ct) => TypedResults.Ok(await handler.ListAsync(ct)))
            .WithName("ListMessageTemplates").WithSummary("Every notification's built-in text (Chinese, English) and the administrators' wording");
        templates.MapPut("/{key}", async (string key, MessageTemplateRequest request, MessageTemplatesHandler handler, IStringLocalizer<SharedResource> l, CancellationToken ct) =>
                (await handler.SaveAsync(key, request, ct)).ToOk(l))
            .WithName("SaveMessageTemplate").WithSummary("Word a message (placeholders {0}… as in the built-in text); empty text restores the built-in one");

        var me = app.MapGroup("/api/me/notification-preferences").WithTags("Notifications").RequireAuthorization();
        me.MapGet("/", async Task<Results<Ok<NotificationPreferences>, ProblemHttpResult>> (NotificationPreferencesHandler handler, IStringLocalizer<SharedResource> l, CancellationToken ct) =>
                await handler.GetAsync(ct) is { } p ? TypedResults.Ok(p) : Problems.NotFound(l))
            .WithName("GetNotificationPreferences").WithSummary("My mail address, mail on or off, quiet hours, kinds muted for mail");
        me.MapPut("/", async (NotificationPreferences request, NotificationPreferencesHandler handler, IStringLocalizer<SharedResource> l, CancellationToken ct) =>
                (await handler.SaveAsync(request, ct)).ToOk(l))
            .WithName("SaveNotificationPreferences").WithSummary("Change my preferences (quiet hours as HH:mm China time; never applied to level-1 faults)");
    }
}
