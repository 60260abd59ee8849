using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Yunwei.Domain.Administration;
using Yunwei.Web.Infrastructure;

namespace Yunwei.Web.Features.Notifications;

public static class NotificationSettingsApi
{
    public static void MapNotificationSettingsApi(this IEndpointRouteBuilder app)
    {
        var rules = app.MapGroup("/api/units/{unitId:guid}/notification-rules").WithTags("Notifications").RequireAuthorization(Permissions.ContractsManage);
        rules.MapGet("/", ListNotificationRules)
            .WithName("ListNotificationRules").WithSummary("Which events also go to the duty engineer on shift, the leadership or a role");
        rules.MapPost("/", AddNotificationRule)
            .WithName("AddNotificationRule").WithSummary("Add a rule: an event (or group, e.g. Notify.Complaint.) to an audience");
        rules.MapDelete("/{id:guid}", RemoveNotificationRule)
            .WithName("RemoveNotificationRule").WithSummary("Remove a rule");

        var templates = app.MapGroup("/api/message-templates").WithTags("Notifications").RequireAuthorization(Permissions.UnitsManage);
        templates.MapGet("/", ListMessageTemplates)
            .WithName("ListMessageTemplates").WithSummary("Every notification's built-in text (Chinese, English) and the administrators' wording");
        templates.MapPut("/{key}", SaveMessageTemplate)
            .WithName("SaveMessageTemplate").WithSummary("Word a message (placeholders {0}… as in the built-in text); empty text restores the built-in one");

        var me = app.MapGroup("/api/me/notification-preferences").WithTags("Notifications").RequireAuthorization();
        me.MapGet("/", GetNotificationPreferences)
            .WithName("GetNotificationPreferences").WithSummary("My mail address, mail on or off, quiet hours, kinds muted for mail");
        me.MapPut("/", SaveNotificationPreferences)
            .WithName("SaveNotificationPreferences").WithSummary("Change my preferences (quiet hours as HH:mm China time; never applied to level-1 faults)");
    }

    private static async Task<Results<Ok<IReadOnlyList<NotificationRuleRow>>, ProblemHttpResult>> ListNotificationRules(
        Guid unitId, NotificationRulesHandler handler, IStringLocalizer<SharedResource> l, CancellationToken ct)
        => await handler.ListAsync(unitId, ct) is { } rows ? TypedResults.Ok(rows) : Problems.NotFound(l);

    private static async Task<Results<Created<NotificationRuleRow>, ValidationProblem, ProblemHttpResult>> AddNotificationRule(
        Guid unitId, NotificationRuleRequest request, NotificationRulesHandler handler, IStringLocalizer<SharedResource> l, CancellationToken ct)
        => (await handler.AddAsync(unitId, request, ct)).ToCreated(l, r => $"/api/units/{unitId}/notification-rules/{r.Id}");

    private static async Task<Results<NoContent, ValidationProblem, ProblemHttpResult>> RemoveNotificationRule(
        Guid unitId, Guid id, NotificationRulesHandler handler, IStringLocalizer<SharedResource> l, CancellationToken ct)
        => (await handler.RemoveAsync(unitId, id, ct)).ToNoContent(l);

    private static async Task<Ok<IReadOnlyList<MessageTemplateRow>>> ListMessageTemplates(MessageTemplatesHandler handler, CancellationToken ct)
        => TypedResults.Ok(await handler.ListAsync(ct));

    private static async Task<Results<Ok<MessageTemplateRow>, ValidationProblem, ProblemHttpResult>> SaveMessageTemplate(
        string key, MessageTemplateRequest request, MessageTemplatesHandler handler, IStringLocalizer<SharedResource> l, CancellationToken ct)
        => (await handler.SaveAsync(key, request, ct)).ToOk(l);

    private static async Task<Results<Ok<NotificationPreferences>, ProblemHttpResult>> GetNotificationPreferences(
        NotificationPreferencesHandler handler, IStringLocalizer<SharedResource> l, CancellationToken ct)
        => await handler.GetAsync(ct) is { } p ? TypedResults.Ok(p) : Problems.NotFound(l);

    private static async Task<Results<Ok<NotificationPreferences>, ValidationProblem, ProblemHttpResult>> SaveNotificationPreferences(
        NotificationPreferences request, NotificationPreferencesHandler handler, IStringLocalizer<SharedResource> l, CancellationToken ct)
        => (await handler.SaveAsync(request, ct)).ToOk(l);
}
