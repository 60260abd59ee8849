using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Yunwei.Data;
using Yunwei.Domain.Administration;
using Yunwei.Domain.Notifications;
using Yunwei.Web.Infrastructure;

namespace Yunwei.Web.Features.Notifications;

public sealed record AlertTokenRow(Guid Id, string Name, string Hint, DateTime CreatedAt, string? CreatedBy, DateTime? LastUsedAt, DateTime? RevokedAt);

public sealed record NewAlertToken(Guid Id, string Token);

public sealed record AlertTokenRequest(string? Name);

/// <summary>Monitoring alerts in, and the per-unit tokens that let a monitoring system post them.</summary>
/// <summary>A unit's alert tokens: created (shown once), listed by hint, revoked.</summary>
public sealed class AlertTokensHandler(IDbContextFactory<YunweiDbContext> dbFactory, CurrentUser currentUser, TimeProvider time)
{
    public async Task<IReadOnlyList<AlertTokenRow>?> ListAsync(Guid unitId, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        if (!await db.ClientUnits.AnyAsync(u => u.Id == unitId, cancellationToken))
        {
            return null;
        }

        return await db.IntegrationTokens.AsNoTracking().Where(t => t.ClientUnitId == unitId && t.Purpose == IntegrationToken.AlertsPurpose)
            .OrderByDescending(t => t.CreatedAt).Select(t => new AlertTokenRow(t.Id, t.Name, t.Hint, t.CreatedAt, t.CreatedBy, t.LastUsedAt, t.RevokedAt)).ToListAsync(cancellationToken);
    }

    public async Task<Outcome<NewAlertToken>> CreateAsync(Guid unitId, string? name, CancellationToken cancellationToken = default)
    {
        if (!currentUser.Can(Permissions.ContractsManage))
        {
            return Outcome<NewAlertToken>.NotAllowed();
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        if (!await db.ClientUnits.AnyAsync(u => u.Id == unitId, cancellationToken))
        {
            return Outcome<NewAlertToken>.NotFound();
        }

        var errors = new ValidationErrors().Required("Name", name, 100);
        if (!errors.IsEmpty)
        {
            return Outcome<NewAlertToken>.Invalid(errors);
        }

        var token = AlertsApi.TokenPrefix + AccessTokens.NewToken()[AccessTokens.Prefix.Length..];
        var row = new IntegrationToken
        {
            ClientUnitId = unitId,
            Name = name!.Trim(),
            TokenHash = AccessTokens.Hash(token),
            Hint = token[..10],
            CreatedAt = time.GetUtcNow().UtcDateTime,
            CreatedBy = currentUser.DisplayName,
        };
        db.IntegrationTokens.Add(row);
        await db.SaveChangesAsync(cancellationToken);
        return Outcome<NewAlertToken>.Ok(new NewAlertToken(row.Id, token));
    }

    public async Task<Outcome<bool>> RevokeAsync(Guid unitId, Guid id, CancellationToken cancellationToken = default)
    {
        if (!currentUser.Can(Permissions.ContractsManage))
        {
            return Outcome<bool>.NotAllowed();
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var row = await db.IntegrationTokens.FirstOrDefaultAsync(t => t.Id == id && t.ClientUnitId == unitId, cancellationToken);
        if (row is null)
        {
            return Outcome<bool>.NotFound();
        }

        row.RevokedAt ??= time.GetUtcNow().UtcDateTime;
        await db.SaveChangesAsync(cancellationToken);
        return Outcome<bool>.Ok(true);
    }
}

public static class AlertsApi
{
    public const string TokenPrefix = "ywa_";

    public static void MapAlertsApi(this IEndpointRouteBuilder app)
    {
        var alerts = app.MapGroup("/api/alerts").WithTags("Alerts").AllowAnonymous().DisableAntiforgery();
        alerts.MapPost("/alertmanager", async Task<Results<Ok<IReadOnlyList<AlertResult>>, ValidationProblem, ProblemHttpResult>> (
                HttpContext http, JsonElement payload, AlertsInHandler handler, CurrentUser currentUser, IStringLocalizer<SharedResource> l, CancellationToken ct) =>
            {
                if (await handler.UnitOfAsync(http.Request.Headers.Authorization, ct) is not { } unit)
                {
                    return Unauthorized(l);
                }

                var parsed = AlertsInHandler.ParseAlertmanager(payload);
                if (parsed.Errors is { } errors)
                {
                    return errors.ToProblem(l);
                }

                currentUser.ActAsSystem();
                return TypedResults.Ok(await handler.ReceiveAsync(unit, AlertSource.Alertmanager, parsed.Value!, ct));
            })
            .WithName("AlertmanagerWebhook").WithSummary("Prometheus Alertmanager webhook (version 4), with Authorization: Bearer <the unit's alerts token>");
        alerts.MapPost("/zabbix", async Task<Results<Ok<IReadOnlyList<AlertResult>>, ValidationProblem, ProblemHttpResult>> (
                HttpContext http, ZabbixAlert payload, AlertsInHandler handler, CurrentUser currentUser, IStringLocalizer<SharedResource> l, CancellationToken ct) =>
            {
                if (await handler.UnitOfAsync(http.Request.Headers.Authorization, ct) is not { } unit)
                {
                    return Unauthorized(l);
                }

                var parsed = AlertsInHandler.ParseZabbix(payload);
                if (parsed.Errors is { } errors)
                {
                    return errors.ToProblem(l);
                }

                currentUser.ActAsSystem();
                return TypedResults.Ok(await handler.ReceiveAsync(unit, AlertSource.Zabbix, parsed.Value!, ct));
            })
            .WithName("ZabbixWebhook").WithSummary("A Zabbix webhook media type posting event_id, event_value (1 problem, 0 recovery), severity, host, host_ip, trigger_name, message (docs/alerts.md)");

        var tokens = app.MapGroup("/api/units/{unitId:guid}/alert-tokens").WithTags("Alerts").RequireAuthorization(Permissions.ContractsManage);
        tokens.MapGet("/", async Task<Results<Ok<IReadOnlyList<AlertTokenRow>>, ProblemHttpResult>> (Guid unitId, AlertTokensHandler handler, IStringLocalizer<SharedResource> l, CancellationToken ct) =>
                await handler.ListAsync(unitId, ct) is { } rows ? TypedResults.Ok(rows) : Problems.NotFound(l))
            .WithName("ListAlertTokens").WithSummary("The unit's alert tokens (never shown again after creation)");
        tokens.MapPost("/", async (Guid unitId, AlertTokenRequest request, AlertTokensHandler handler, IStringLocalizer<SharedResource> l, CancellationToken ct) =>
                (await handler.CreateAsync(unitId, request.Name, ct)).ToCreated(l, t => $"/api/units/{unitId}/alert-tokens/{t.Id}"))
            .WithName("CreateAlertToken").WithSummary("A token for a monitoring system to post this unit's alerts; shown once");
        tokens.MapDelete("/{id:guid}", async (Guid unitId, Guid id, AlertTokensHandler handler, IStringLocalizer<SharedResource> l, CancellationToken ct) =>
                (await handler.RevokeAsync(unitId, id, ct)).ToNoContent(l))
            .WithName("RevokeAlertToken").WithSummary("Revoke a token: its posts are refused from now on");
    }

    private static ProblemHttpResult Unauthorized(IStringLocalizer l) =>
        TypedResults.Problem(statusCode: StatusCodes.Status401Unauthorized, detail: l["Alert.Error.Token"].Value);
}
