using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Yunwei.Domain.Administration;
using Yunwei.Domain.Notifications;
using Yunwei.Web.Infrastructure;

namespace Yunwei.Web.Features.Notifications;

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
