using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Localization;
using Yunwei.Domain.Administration;
using Yunwei.Web.Infrastructure;

namespace Yunwei.Web.Features.Complaints;

public static class ComplaintsApi
{
    public static void MapComplaintsApi(this IEndpointRouteBuilder app)
    {
        var unit = app.MapGroup("/api/units/{unitId:guid}/complaints").WithTags("Complaints").RequireAuthorization(Permissions.ComplaintsView);
        var complaint = app.MapGroup("/api/complaints/{id:guid}").WithTags("Complaints").RequireAuthorization(Permissions.ComplaintsView);
        unit.MapGet("/", ListComplaints)
            .WithName("ListComplaints")
            .WithSummary("The complaint register, newest first (open=true: not closed; from/to: received between, China dates); end users see their own");
        unit.MapGet("/stats", ComplaintStats)
            .WithName("ComplaintStats").WithSummary("Complaints received from..to: replied and closed in time or late, escalations, satisfaction, by category");
        unit.MapPost("/", FileComplaint)
            .RequireAuthorization(Permissions.ComplaintsFile)
            .WithName("FileComplaint")
            .WithSummary("File a complaint (Online: as the signed-in user) or record one received by phone, in person or by letter (ComplainantName required)");
        complaint.MapGet("/", GetComplaint)
            .WithName("GetComplaint").WithSummary("A complaint with its timeline; the provider's leadership contacts once the first reply is late");
        complaint.MapPost("/actions", ComplaintAction)
            .WithName("ComplaintAction")
            .WithSummary("Reply, Note, Resolve (the provider); Reopen (not satisfied) or Close (with Satisfaction 1–5 after a resolution) by the client");
    }

    private static async Task<Results<Ok<IReadOnlyList<ComplaintRow>>, ProblemHttpResult>> ListComplaints(
        Guid unitId, bool? open, DateOnly? from, DateOnly? to, ComplaintsHandler handler, IStringLocalizer<SharedResource> l, CancellationToken ct)
        => await handler.ListAsync(unitId, open == true, from, to, ct) is { } rows ? TypedResults.Ok(rows) : Problems.NotFound(l);

    private static async Task<Results<Ok<ComplaintStats>, ProblemHttpResult>> ComplaintStats(
        Guid unitId, DateOnly from, DateOnly to, ComplaintsHandler handler, IStringLocalizer<SharedResource> l, CancellationToken ct)
        => await handler.StatsAsync(unitId, from, to, ct) is { } stats ? TypedResults.Ok(stats) : Problems.NotFound(l);

    private static async Task<Results<Created<ComplaintRow>, ValidationProblem, ProblemHttpResult>> FileComplaint(
        Guid unitId, FileComplaintRequest request, ComplaintsHandler handler, IStringLocalizer<SharedResource> l, CancellationToken ct)
        => (await handler.FileAsync(unitId, request, ct)).ToCreated(l, c => $"/api/complaints/{c.Id}");

    private static async Task<Results<Ok<ComplaintView>, ProblemHttpResult>> GetComplaint(
        Guid id, ComplaintsHandler handler, IStringLocalizer<SharedResource> l, CancellationToken ct)
        => await handler.GetAsync(id, ct) is { } view ? TypedResults.Ok(view) : Problems.NotFound(l);

    private static async Task<Results<Ok<ComplaintView>, ValidationProblem, ProblemHttpResult>> ComplaintAction(
        Guid id, ComplaintActionRequest request, ComplaintsHandler handler, IStringLocalizer<SharedResource> l, CancellationToken ct)
        => (await handler.ActAsync(id, request, ct)).ToOk(l);
}
