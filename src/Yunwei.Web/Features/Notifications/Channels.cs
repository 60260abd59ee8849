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

public sealed record ChannelView(Guid Id, ChannelKind Kind, string Name, string Url, bool HasSecret, IReadOnlyList<string> Events, IReadOnlyList<string> MentionMobiles, bool Enabled, int Revision);

/// <param name="Url">On an update, null keeps the stored address.</param>
/// <param name="Secret">Null keeps the stored secret; "" removes it.</param>
public sealed record ChannelRequest(ChannelKind Kind, string? Name, string? Url, string? Secret, IReadOnlyList<string>? Events,
    IReadOnlyList<string>? MentionMobiles, bool Enabled = true, int Revision = 0);

public sealed record DeliveryRow(Guid Id, Guid ChannelId, string EventKey, string Text, DeliveryState State, int Attempts, DateTime NextAttemptAt,
    string? LastError, DateTime CreatedAt, DateTime? SentAt);

public sealed record ChannelTestResult(bool Ok, string? Error);

public sealed record MailFailureRow(Guid Id, string Recipient, string? Email, string MessageKey, DateTime CreatedAt, int Attempts, string? Error);

/// <summary>A unit's robots and webhooks: secrets stored protected and never shown back; a test button; failures listed.</summary>
public sealed class ChannelsHandler(IDbContextFactory<YunweiDbContext> dbFactory, IDataProtectionProvider protection, ChannelDispatchHandler dispatcher, CurrentUser currentUser, TimeProvider time)
{
    public async Task<IReadOnlyList<ChannelView>?> ListAsync(Guid unitId, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        if (!await db.ClientUnits.AnyAsync(u => u.Id == unitId, cancellationToken))
        {
            return null;
        }

        return [.. (await db.NotificationChannels.AsNoTracking().Where(c => c.ClientUnitId == unitId).OrderBy(c => c.CreatedAt).ToListAsync(cancellationToken)).Select(View)];
    }

    public async Task<Outcome<ChannelView>> SaveAsync(Guid unitId, Guid? id, ChannelRequest request, CancellationToken cancellationToken = default)
    {
        if (!currentUser.Can(Permissions.ContractsManage))
        {
            return Outcome<ChannelView>.NotAllowed();
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        if (!await db.ClientUnits.AnyAsync(u => u.Id == unitId, cancellationToken))
        {
            return Outcome<ChannelView>.NotFound();
        }

        // Editing without an address keeps the stored one (it is only ever shown masked).
        var keepUrl = id is not null && request.Url is null;
        var errors = new ValidationErrors().Required(nameof(request.Name), request.Name, 100).Optional(nameof(request.Url), request.Url, 1000).Optional(nameof(request.Secret), request.Secret, 200);
        if (!Enum.IsDefined(request.Kind))
        {
            errors.Add(nameof(request.Kind), "Validation.Invalid");
        }

        if (!keepUrl && request.Kind == ChannelKind.Email)
        {
            if (EmailSender.Recipients(request.Url) is not { Count: > 0 and <= 50 })
            {
                errors.Add(nameof(request.Url), "Channel.Error.Mailto");
            }
        }
        else if (!keepUrl && (!Uri.TryCreate(request.Url?.Trim(), UriKind.Absolute, out var uri) || uri.Scheme is not ("https" or "http")))
        {
            errors.Add(nameof(request.Url), "Channel.Error.Url");
        }

        var mobiles = (request.MentionMobiles ?? []).Select(m => m.Trim()).Where(m => m.Length > 0).Distinct().ToList();
        if (mobiles.Count > 20 || mobiles.Any(m => m.Length > 20 || !m.All(char.IsAsciiDigit)))
        {
            errors.Add(nameof(request.MentionMobiles), "Channel.Error.Mobiles");
        }

        var events = (request.Events ?? []).Select(e => e.Trim()).Where(e => e.Length > 0).Distinct().ToList();
        if (events.Count > 30 || events.Any(e => e.Length > 100))
        {
            errors.Add(nameof(request.Events), "Validation.Invalid");
        }

        if (!errors.IsEmpty)
        {
            return Outcome<ChannelView>.Invalid(errors);
        }

        NotificationChannel? channel;
        if (id is { } existing)
        {
            channel = await db.NotificationChannels.FirstOrDefaultAsync(c => c.Id == existing && c.ClientUnitId == unitId, cancellationToken);
            if (channel is null)
            {
                return Outcome<ChannelView>.NotFound();
            }

            if (channel.Revision != request.Revision)
            {
                return Outcome<ChannelView>.Conflict();
            }

            channel.Revision++;
        }
        else
        {
            channel = new NotificationChannel { ClientUnitId = unitId, CreatedAt = time.GetUtcNow().UtcDateTime };
            db.NotificationChannels.Add(channel);
        }

        (channel.Kind, channel.Name, channel.Url, channel.Events, channel.MentionMobiles, channel.Enabled) =
            (request.Kind, request.Name!.Trim(), keepUrl ? channel.Url : request.Url!.Trim(), events, mobiles, request.Enabled);
        if (request.Secret is not null)
        {
            channel.ProtectedSecret = request.Secret.Trim().Length == 0 ? null : protection.CreateProtector(ChannelDispatchHandler.Protector).Protect(request.Secret.Trim());
        }

        if (!await db.SavedAsync(cancellationToken))
        {
            return Outcome<ChannelView>.Conflict();
        }

        return Outcome<ChannelView>.Ok(View(channel));
    }

    /// <summary>Sends a test message now and says what the receiver answered.</summary>
    public async Task<Outcome<ChannelTestResult>> TestAsync(Guid unitId, Guid id, CancellationToken cancellationToken = default)
    {
        if (!currentUser.Can(Permissions.ContractsManage))
        {
            return Outcome<ChannelTestResult>.NotAllowed();
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var channel = await db.NotificationChannels.AsNoTracking().FirstOrDefaultAsync(c => c.Id == id && c.ClientUnitId == unitId, cancellationToken);
        if (channel is null)
        {
            return Outcome<ChannelTestResult>.NotFound();
        }

        var now = time.GetUtcNow().UtcDateTime;
        var error = await dispatcher.SendOneAsync(channel, new ChannelDelivery
        {
            ClientUnitId = unitId,
            ChannelId = id,
            EventKey = $"test:{now.Ticks}",
            Title = "测试消息",
            Text = $"运维服务管理平台的测试消息（{currentUser.DisplayName}）",
            CreatedAt = now,
        }, cancellationToken);
        return Outcome<ChannelTestResult>.Ok(new ChannelTestResult(error is null, error));
    }

    public async Task<IReadOnlyList<DeliveryRow>?> DeliveriesAsync(Guid unitId, DeliveryState? state, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        if (!await db.ClientUnits.AnyAsync(u => u.Id == unitId, cancellationToken))
        {
            return null;
        }

        var rows = db.ChannelDeliveries.AsNoTracking().Where(d => d.ClientUnitId == unitId);
        if (state is { } s)
        {
            rows = rows.Where(d => d.State == s);
        }

        return await rows.OrderByDescending(d => d.CreatedAt).Take(200)
            .Select(d => new DeliveryRow(d.Id, d.ChannelId, d.EventKey, d.Text, d.State, d.Attempts, d.NextAttemptAt, d.LastError, d.CreatedAt, d.SentAt)).ToListAsync(cancellationToken);
    }

    /// <summary>Personal mail of the unit's notifications that could not be delivered (after the retries), newest first, with the reason.</summary>
    public async Task<IReadOnlyList<MailFailureRow>?> MailFailuresAsync(Guid unitId, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        if (!await db.ClientUnits.AnyAsync(u => u.Id == unitId, cancellationToken))
        {
            return null;
        }

        return await (from n in db.Notifications.AsNoTracking()
                      where n.ClientUnitId == unitId && n.Mail == PersonalMail.Failed
                      join u in db.Users on n.RecipientId equals u.Id
                      orderby n.CreatedAt descending
                      select new MailFailureRow(n.Id, u.DisplayName, u.Email, n.MessageKey, n.CreatedAt, n.MailAttempts, n.MailError)).Take(100).ToListAsync(cancellationToken);
    }

    private static ChannelView View(NotificationChannel c) =>
        new(c.Id, c.Kind, c.Name, MaskUrl(c.Url), c.ProtectedSecret is not null, c.Events, c.MentionMobiles, c.Enabled, c.Revision);

    /// <summary>A robot's address carries its key: show only where it goes.</summary>
    private static string MaskUrl(string url) =>
        !url.StartsWith("mailto:", StringComparison.OrdinalIgnoreCase) && Uri.TryCreate(url, UriKind.Absolute, out var uri) && uri.Query.Length > 1 ? $"{uri.GetLeftPart(UriPartial.Path)}?…" : url;
}

public static class ChannelsApi
{
    public static void MapChannelsApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/units/{unitId:guid}/channels").WithTags("Notifications").RequireAuthorization(Permissions.ContractsManage);
        group.MapGet("/", ListChannels)
            .WithName("ListChannels").WithSummary("The unit's robots and webhooks (addresses masked, secrets never shown)");
        group.MapPost("/", CreateChannel)
            .WithName("CreateChannel").WithSummary("Add a WeCom or DingTalk robot or a webhook: its address, signing secret, events (message-key prefixes), mentions");
        group.MapPut("/{id:guid}", UpdateChannel)
            .WithName("UpdateChannel").WithSummary("Change a channel (Revision as read; Secret null keeps it, \"\" removes it)");
        group.MapPost("/{id:guid}/test", TestChannel)
            .WithName("TestChannel").WithSummary("Send a test message now; the answer says whether the receiver took it");
        app.MapGet("/api/units/{unitId:guid}/channel-deliveries", ChannelDeliveries)
            .RequireAuthorization(Permissions.ContractsManage).WithTags("Notifications")
            .WithName("ChannelDeliveries").WithSummary("What was sent to the channels, pending or failed (with the reason)");
        app.MapGet("/api/units/{unitId:guid}/mail-failures", MailFailures)
            .RequireAuthorization(Permissions.ContractsManage).WithTags("Notifications")
            .WithName("MailFailures").WithSummary("Personal notification mail that could not be delivered, with the reason");
    }

    private static async Task<Results<Ok<IReadOnlyList<ChannelView>>, ProblemHttpResult>> ListChannels(
        Guid unitId, ChannelsHandler handler, IStringLocalizer<SharedResource> l, CancellationToken ct)
        => await handler.ListAsync(unitId, ct) is { } rows ? TypedResults.Ok(rows) : Problems.NotFound(l);

    private static async Task<Results<Created<ChannelView>, ValidationProblem, ProblemHttpResult>> CreateChannel(
        Guid unitId, ChannelRequest request, ChannelsHandler handler, IStringLocalizer<SharedResource> l, CancellationToken ct)
        => (await handler.SaveAsync(unitId, null, request, ct)).ToCreated(l, c => $"/api/units/{unitId}/channels/{c.Id}");

    private static async Task<Results<Ok<ChannelView>, ValidationProblem, ProblemHttpResult>> UpdateChannel(
        Guid unitId, Guid id, ChannelRequest request, ChannelsHandler handler, IStringLocalizer<SharedResource> l, CancellationToken ct)
        => (await handler.SaveAsync(unitId, id, request, ct)).ToOk(l);

    private static async Task<Results<Ok<ChannelTestResult>, ValidationProblem, ProblemHttpResult>> TestChannel(
        Guid unitId, Guid id, ChannelsHandler handler, IStringLocalizer<SharedResource> l, CancellationToken ct)
        => (await handler.TestAsync(unitId, id, ct)).ToOk(l);

    private static async Task<Results<Ok<IReadOnlyList<DeliveryRow>>, ProblemHttpResult>> ChannelDeliveries(
        Guid unitId, DeliveryState? state, ChannelsHandler handler, IStringLocalizer<SharedResource> l, CancellationToken ct)
        => await handler.DeliveriesAsync(unitId, state, ct) is { } rows ? TypedResults.Ok(rows) : Problems.NotFound(l);

    private static async Task<Results<Ok<IReadOnlyList<MailFailureRow>>, ProblemHttpResult>> MailFailures(
        Guid unitId, ChannelsHandler handler, IStringLocalizer<SharedResource> l, CancellationToken ct)
        => await handler.MailFailuresAsync(unitId, ct) is { } rows ? TypedResults.Ok(rows) : Problems.NotFound(l);
}
