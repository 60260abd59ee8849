using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Localization;
using Yunwei.Domain.Administration;
using Yunwei.Domain.WorkLog;
using Yunwei.Web.Infrastructure;

namespace Yunwei.Web.Features.WorkLog;

public static class WorkLogApi
{
    public static void MapWorkLogApi(this IEndpointRouteBuilder app)
    {
        var unit = app.MapGroup("/api/units/{unitId:guid}/work-log").WithTags("WorkLog").RequireAuthorization(Permissions.WorkView);
        var entry = app.MapGroup("/api/work-log/{id:guid}").WithTags("WorkLog").RequireAuthorization(Permissions.InspectionsPerform);
        unit.MapGet("/", ListWorkLog)
            .WithName("ListWorkLog").WithSummary("Work entries from..to (default: the last 30 days), newest first, by type or handler");
        unit.MapPost("/", AddWorkEntry)
            .RequireAuthorization(Permissions.InspectionsPerform)
            .WithName("AddWorkEntry")
            .WithSummary("A quick entry: service request (OutOfScope + RequestedBy for tasks beyond the contract), "
                + "consultation (Question, Answer, AskedBy, AskedAt), change, assurance, documentation");
        entry.MapPut("/", UpdateWorkEntry)
            .WithName("UpdateWorkEntry").WithSummary("Correct an entry (Revision as read); refused once the week's workload list is submitted");
        entry.MapDelete("/", DeleteWorkEntry)
            .WithName("DeleteWorkEntry").WithSummary("Remove a quick entry (not one a fault or inspection wrote)");
    }

    private static async Task<Results<Ok<IReadOnlyList<WorkEntryView>>, ProblemHttpResult>> ListWorkLog(
        Guid unitId, DateOnly? from, DateOnly? to, WorkType? type, Guid? handlerId, WorkLogHandler handler, IStringLocalizer<SharedResource> l,
        CancellationToken ct)
        => await handler.ListAsync(new WorkLogQuery(unitId, from, to, type, handlerId), ct) is { } rows ? TypedResults.Ok(rows) : Problems.NotFound(l);

    private static async Task<Results<Created<WorkEntryView>, ValidationProblem, ProblemHttpResult>> AddWorkEntry(
        Guid unitId, WorkEntryRequest request, WorkLogHandler handler, IStringLocalizer<SharedResource> l, CancellationToken ct)
        => (await handler.AddAsync(unitId, request, ct)).ToCreated(l, w => $"/api/work-log/{w.Id}");

    private static async Task<Results<Ok<WorkEntryView>, ValidationProblem, ProblemHttpResult>> UpdateWorkEntry(
        Guid id, WorkEntryRequest request, WorkLogHandler handler, IStringLocalizer<SharedResource> l, CancellationToken ct)
        => (await handler.UpdateAsync(id, request, ct)).ToOk(l);

    private static async Task<Results<NoContent, ValidationProblem, ProblemHttpResult>> DeleteWorkEntry(
        Guid id, WorkLogHandler handler, IStringLocalizer<SharedResource> l, CancellationToken ct)
        => (await handler.DeleteAsync(id, ct)).ToNoContent(l);
}
