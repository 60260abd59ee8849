using Microsoft.EntityFrameworkCore;
using Yunwei.Data;
using Yunwei.Web.Infrastructure;

namespace Yunwei.Web.Features.Notifications;

public sealed record NotificationRow(Guid Id, string Text, string? Link, bool Urgent, DateTime CreatedAt, DateTime? ReadAt);

public sealed record NotificationPage(IReadOnlyList<NotificationRow> Rows, int Unread);

/// <summary>How many notifications a "mark read" changed.</summary>
public sealed record MarkReadResult(int Changed);

/// <summary>The in-app notification centre: a person's own notifications, newest first, and the unread count for the header badge.</summary>
public sealed class NotificationsHandler(IDbContextFactory<YunweiDbContext> dbFactory, CurrentUser currentUser, TimeProvider time, MessageTexts texts)
{
    /// <summary>The badge counts at most this many; beyond it shows "99+".</summary>
    public const int BadgeCap = 100;

    public async Task<NotificationPage> ListAsync(int take = 30, CancellationToken cancellationToken = default)
    {
        var me = currentUser.UserId;
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var rows = await db.Notifications.AsNoTracking()
            .Where(n => n.RecipientId == me)
            .OrderByDescending(n => n.CreatedAt).ThenByDescending(n => n.Id)
            .Take(Math.Clamp(take, 1, 100))
            .ToListAsync(cancellationToken);
        var unread = await UnreadAsync(db, cancellationToken);
        await texts.EnsureLoadedAsync(cancellationToken);
        var culture = System.Globalization.CultureInfo.CurrentUICulture.Name;
        return new NotificationPage(
            [.. rows.Select(n => new NotificationRow(n.Id, texts.Format(n.MessageKey, n.Args, culture), n.Link, n.Urgent, n.CreatedAt, n.ReadAt))],
            unread);
    }

    public async Task<int> UnreadAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await UnreadAsync(db, cancellationToken);
    }

    /// <summary>Marks one (or, without an id, every) notification of mine read; returns how many changed.</summary>
    public async Task<int> MarkReadAsync(Guid? id, CancellationToken cancellationToken = default)
    {
        var me = currentUser.UserId;
        var now = time.GetUtcNow().UtcDateTime;
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.Notifications
            .Where(n => n.RecipientId == me && n.ReadAt == null && (id == null || n.Id == id))
            .ExecuteUpdateAsync(s => s.SetProperty(n => n.ReadAt, now), cancellationToken);
    }

    private Task<int> UnreadAsync(YunweiDbContext db, CancellationToken cancellationToken)
    {
        var me = currentUser.UserId;
        // Counted up to the cap along the (recipient, read at, created at) index: no sort, and it stops there.
        return db.Notifications.Where(n => n.RecipientId == me && n.ReadAt == null).OrderBy(n => n.CreatedAt).Take(BadgeCap).CountAsync(cancellationToken);
    }
}

public static class NotificationsApi
{
    public static void MapNotificationsApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/notifications").WithTags("Notifications").RequireAuthorization();
        group.MapGet("/", ListNotifications)
            .WithName("ListNotifications").WithSummary("My notifications, newest first, with the unread count");
        group.MapPost("/{id:guid}/read", MarkNotificationRead)
            .WithName("MarkNotificationRead").WithSummary("Mark one of my notifications read");
        group.MapPost("/read-all", MarkAllNotificationsRead)
            .WithName("MarkAllNotificationsRead").WithSummary("Mark all my notifications read");
    }

    private static async Task<Microsoft.AspNetCore.Http.HttpResults.Ok<NotificationPage>> ListNotifications(
        int? take, NotificationsHandler handler, CancellationToken ct)
        => TypedResults.Ok(await handler.ListAsync(take ?? 30, ct));

    private static async Task<Microsoft.AspNetCore.Http.HttpResults.Ok<MarkReadResult>> MarkNotificationRead(
        Guid id, NotificationsHandler handler, CancellationToken ct)
        => TypedResults.Ok(new MarkReadResult(await handler.MarkReadAsync(id, ct)));

    private static async Task<Microsoft.AspNetCore.Http.HttpResults.Ok<MarkReadResult>> MarkAllNotificationsRead(
        NotificationsHandler handler, CancellationToken ct)
        => TypedResults.Ok(new MarkReadResult(await handler.MarkReadAsync(null, ct)));
}
