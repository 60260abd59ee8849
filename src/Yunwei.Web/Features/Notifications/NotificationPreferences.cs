using Microsoft.EntityFrameworkCore;
using Yunwei.Data;
using Yunwei.Domain.Notifications;
using Yunwei.Web.Infrastructure;

namespace Yunwei.Web.Features.Notifications;

/// <param name="Revision">The revision of the person's record the form was filled on (shared with the administrator's user form).</param>
public sealed record NotificationPreferences(string? Email, bool NotifyByEmail, TimeOnly? QuietFrom, TimeOnly? QuietTo, IReadOnlyList<string> MutedEvents, int? Revision = null);

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
