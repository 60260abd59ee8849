using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Localization;
using Yunwei.Domain.Administration;
using Yunwei.Domain.Notifications;
using Yunwei.Web.Infrastructure;

namespace Yunwei.Web.Features.Faults.Intake;

/// <summary>How faults arrive besides the form: a unit's mailbox read over IMAP, monitoring alerts posted with a unit's token.</summary>
public static class IntakeApi
{
    public static void MapIntakeApi(this IEndpointRouteBuilder app)
    {
        var mailbox = app.MapGroup("/api/units/{unitId:guid}/mailbox").WithTags("Fault intake").RequireAuthorization(Permissions.ContractsManage);
        mailbox.MapGet("/", GetMailbox)
            .WithName("GetMailbox").WithSummary("The unit's mailbox for fault reports by mail (password never shown) and the mails read lately");
        mailbox.MapPut("/", SaveMailbox)
            .WithName("SaveMailbox").WithSummary("Set the IMAP mailbox (Revision as read; Password null keeps it)");
        mailbox.MapPost("/test", TestMailbox)
            .WithName("TestMailbox").WithSummary("Connect, log in and open the folder now");
        mailbox.MapPost("/poll", PollMailbox)
            .WithName("PollMailbox").WithSummary("Read the new mails now; returns how many were handled");

        var alerts = app.MapGroup("/api/alerts").WithTags("Fault intake").AllowAnonymous().DisableAntiforgery();
        alerts.MapPost("/alertmanager", AlertmanagerWebhook)
            .WithName("AlertmanagerWebhook").WithSummary("Prometheus Alertmanager webhook (version 4), with Authorization: Bearer <the unit's alerts token>");
        alerts.MapPost("/zabbix", ZabbixWebhook)
            .WithName("ZabbixWebhook")
            .WithSummary("A Zabbix webhook media type posting event_id, event_value (1 problem, 0 recovery), severity, host, host_ip, trigger_name, message (docs/alerts.md)");

        var tokens = app.MapGroup("/api/units/{unitId:guid}/alert-tokens").WithTags("Fault intake").RequireAuthorization(Permissions.ContractsManage);
        tokens.MapGet("/", ListAlertTokens)
            .WithName("ListAlertTokens").WithSummary("The unit's alert tokens (never shown again after creation)");
        tokens.MapPost("/", CreateAlertToken)
            .WithName("CreateAlertToken").WithSummary("A token for a monitoring system to post this unit's alerts; shown once");
        tokens.MapDelete("/{id:guid}", RevokeAlertToken)
            .WithName("RevokeAlertToken").WithSummary("Revoke a token: its posts are refused from now on");
    }

    private static async Task<Results<Ok<MailboxView>, ProblemHttpResult>> GetMailbox(
        Guid unitId, MailboxesHandler handler, IStringLocalizer<SharedResource> l, CancellationToken ct)
        => await handler.GetAsync(unitId, ct) is { } view ? TypedResults.Ok(view) : Problems.NotFound(l);

    private static async Task<Results<Ok<MailboxView>, ValidationProblem, ProblemHttpResult>> SaveMailbox(
        Guid unitId, MailboxRequest request, MailboxesHandler handler, IStringLocalizer<SharedResource> l, CancellationToken ct)
        => (await handler.SaveAsync(unitId, request, ct)).ToOk(l);

    private static async Task<Results<Ok<MailboxTestResult>, ValidationProblem, ProblemHttpResult>> TestMailbox(
        Guid unitId, MailboxesHandler handler, IStringLocalizer<SharedResource> l, CancellationToken ct)
        => (await handler.TestAsync(unitId, ct)).ToOk(l);

    private static async Task<Results<Ok<int>, ValidationProblem, ProblemHttpResult>> PollMailbox(
        Guid unitId, MailboxesHandler handler, IStringLocalizer<SharedResource> l, CancellationToken ct)
        => (await handler.PollNowAsync(unitId, ct)).ToOk(l);

    private static ProblemHttpResult Unauthorized(IStringLocalizer l) =>
        TypedResults.Problem(statusCode: StatusCodes.Status401Unauthorized, detail: l["Alert.Error.Token"].Value);

    private static async Task<Results<Ok<IReadOnlyList<AlertTokenRow>>, ProblemHttpResult>> ListAlertTokens(
        Guid unitId, AlertTokensHandler handler, IStringLocalizer<SharedResource> l, CancellationToken ct)
        => await handler.ListAsync(unitId, ct) is { } rows ? TypedResults.Ok(rows) : Problems.NotFound(l);

    private static async Task<Results<Created<NewAlertToken>, ValidationProblem, ProblemHttpResult>> CreateAlertToken(
        Guid unitId, AlertTokenRequest request, AlertTokensHandler handler, IStringLocalizer<SharedResource> l, CancellationToken ct)
        => (await handler.CreateAsync(unitId, request.Name, ct)).ToCreated(l, t => $"/api/units/{unitId}/alert-tokens/{t.Id}");

    private static async Task<Results<NoContent, ValidationProblem, ProblemHttpResult>> RevokeAlertToken(
        Guid unitId, Guid id, AlertTokensHandler handler, IStringLocalizer<SharedResource> l, CancellationToken ct)
        => (await handler.RevokeAsync(unitId, id, ct)).ToNoContent(l);

    private static async Task<Results<Ok<IReadOnlyList<AlertResult>>, ValidationProblem, ProblemHttpResult>> AlertmanagerWebhook(
        HttpContext http, JsonElement payload, AlertsInHandler handler, CurrentUser currentUser, IStringLocalizer<SharedResource> l,
        CancellationToken ct)
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
    }

    private static async Task<Results<Ok<IReadOnlyList<AlertResult>>, ValidationProblem, ProblemHttpResult>> ZabbixWebhook(
        HttpContext http, ZabbixAlert payload, AlertsInHandler handler, CurrentUser currentUser, IStringLocalizer<SharedResource> l,
        CancellationToken ct)
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
    }
}
