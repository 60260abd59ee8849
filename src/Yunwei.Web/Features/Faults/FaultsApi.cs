using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using Yunwei.Domain.Administration;
using Yunwei.Domain.Faults;
using Yunwei.Domain.Sla;
using Yunwei.Web.Features.Approvals;
using Yunwei.Web.Infrastructure;

namespace Yunwei.Web.Features.Faults;

public static class FaultsApi
{
    public sealed record ClockView(
        SlaClock Clock, ClockStatus Status, FaultLevel Level, DateTime Start, int? TargetMinutes, DateTime? Deadline, DateTime? StoppedAt,
        int CountedMinutes, int PausedMinutes, int? RemainingMinutes, IReadOnlyList<string> Why);

    public sealed record FaultView(
        FaultInfo Fault, string UnitName, string? AssetCode, string? AssetName, string? LocationName, string? SubsystemName,
        FaultLevel BaseLevel, int? ClassificationMinutes, IReadOnlyList<ClockView> Clocks, IReadOnlyList<SlaEscalation> Escalations,
        IReadOnlyList<TimelineItem> Timeline, IReadOnlyList<PastFault> AssetHistory, IReadOnlyList<ApprovalRow> Approvals, IReadOnlyList<FaultAction> Allowed);

    /// <param name="Signature">Pen strokes (points scaled to 0–1000).</param>
    public sealed record SignBody(IReadOnlyList<IReadOnlyList<Yunwei.Domain.Signatures.InkPoint>>? Signature);

    public static void MapFaultsApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/faults").WithTags("Faults").RequireAuthorization(Permissions.FaultsView);

        app.MapPost("/api/units/{unitId:guid}/faults", ReportFault)
            .RequireAuthorization(Permissions.FaultsReport)
            .WithTags("Faults").WithName("ReportFault")
            .WithSummary("Report a fault (asset or location required); an Idempotency-Key header makes retries safe (the same key with a different body: 422)");

        group.MapGet("/", ListFaults)
            .WithName("ListFaults").WithSummary("Open faults by nearest deadline (Scope=Open|Mine) or all newest first (Scope=All); keyset paging with After");

        group.MapGet("/{id:guid}", GetFault)
            .WithName("GetFault").WithSummary("A fault with its clocks (and why each deadline is what it is), timeline, the asset's past faults and approvals");

        group.MapPost("/{id:guid}/actions", RecordFaultAction)
            .WithName("RecordFaultAction")
            .WithSummary("Record a step: answer, propose/rule a level, arrive, restore, resolve, pause/resume, tier, operation, part, confirm, reopen, close, rate, note");

        group.MapGet("/{id:guid}/report", GetFaultReport)
            .WithName("GetFaultReport").WithSummary("The fault handling report (故障处理报告) with its signatures, each checked against the report as it is now");
        group.MapPut("/{id:guid}/report", SaveFaultReport)
            .WithName("SaveFaultReport").WithSummary("Save the engineer's text (Revision -1 creates it); a signed report becomes a new draft version");
        group.MapPost("/{id:guid}/report/sign", SignFaultReport)
            .WithName("SignFaultReport").WithSummary("The engineer signs the report (the fault must be resolved)");
        group.MapPost("/{id:guid}/report/confirm", ConfirmFaultReport)
            .WithName("ConfirmFaultReport").WithSummary("The client's maintenance staff confirm the signed report with their signature");
        group.MapGet("/{id:guid}/report.pdf", FaultReportPdf)
            .WithName("FaultReportPdf").WithSummary("The report as a PDF, signatures drawn in");
        group.MapPost("/{id:guid}/report/knowledge", FaultReportToKnowledge)
            .RequireAuthorization(Permissions.FaultsHandle)
            .WithName("FaultReportToKnowledge").WithSummary("Turn a confirmed report into a knowledge article (once)");
    }

    private static Results<Ok<FaultActionResult>, ValidationProblem, ProblemHttpResult> ToResult(FaultActionResult result, IStringLocalizer l) => result.Status switch
    {
        FaultActionStatus.Done => TypedResults.Ok(result with { Errors = null }),
        FaultActionStatus.NotFound => Problems.NotFound(l),
        FaultActionStatus.Forbidden => TypedResults.Problem(statusCode: StatusCodes.Status403Forbidden, detail: l["Fault.Error.NotYours"].Value),
        FaultActionStatus.Invalid => result.Errors!.ToProblem(l),
        _ => TypedResults.Problem(
            statusCode: StatusCodes.Status409Conflict,
            detail: l["Fault.Error.Conflict"].Value,
            extensions: new Dictionary<string, object?> { ["revision"] = result.Revision }),
    };

    public static FaultView View(FaultDetail d, IStringLocalizer l)
    {
        ArgumentNullException.ThrowIfNull(d);
        static int Minutes(TimeSpan span) => (int)Math.Round(span.TotalMinutes);
        var clocks = d.Clocks.Clocks.Select(c => new ClockView(
            c.Clock, c.Status, c.Level, c.Start, c.Target is { } t ? Minutes(t) : null, c.Deadline, c.StoppedAt,
            Minutes(c.Counted), Minutes(c.Paused), c.Remaining is { } r ? Minutes(r) : null,
            [.. c.Why.Select(w => SlaText.Why(l, w))])).ToList();
        return new FaultView(
            d.Fault, d.UnitName, d.AssetCode, d.AssetName, d.LocationName, d.SubsystemName, d.Clocks.BaseLevel,
            d.Fault.ClassificationMinutes, clocks, d.Clocks.Escalations, d.Timeline, d.AssetHistory, d.Approvals, d.Allowed);
    }

    private static async Task<Results<Created<ReportedFault>, Ok<ReportedFault>, ValidationProblem, ProblemHttpResult>> ReportFault(
        Guid unitId, ReportFaultRequest request, [FromHeader(Name = "Idempotency-Key")] string? idempotencyKey, ReportFaultHandler handler,
        IStringLocalizer<SharedResource> l, HttpContext http, CancellationToken ct)
    {
        var outcome = await handler.HandleAsync(unitId, request, idempotencyKey, cancellationToken: ct);
        if (outcome is { Succeeded: true, Value.Replayed: true })
        {
            // A retry: the fault the first request created, never a second one.
            http.Response.Headers["Idempotent-Replayed"] = "true";
            http.Response.Headers.Location = $"/api/faults/{outcome.Value.Id}";
            return TypedResults.Ok(outcome.Value);
        }

        return outcome switch
        {
            { IsNotFound: true } => Problems.NotFound(l),
            { IsUnprocessable: true, Errors: { } reused } => reused.ToUnprocessable(l),
            { Errors: { } errors } => errors.ToProblem(l),
            _ => TypedResults.Created($"/api/faults/{outcome.Value!.Id}", outcome.Value),
        };
    }

    private static async Task<Ok<FaultPage>> ListFaults([AsParameters] FaultQuery query, ListFaultsHandler handler, CancellationToken ct)
        => TypedResults.Ok(await handler.HandleAsync(query, ct));

    private static async Task<Results<Ok<FaultView>, ProblemHttpResult>> GetFault(
        Guid id, GetFaultHandler handler, IStringLocalizer<SharedResource> l, CancellationToken ct)
        => await handler.HandleAsync(id, ct) is { } detail ? TypedResults.Ok(View(detail, l)) : Problems.NotFound(l);

    private static async Task<Results<Ok<FaultActionResult>, ValidationProblem, ProblemHttpResult>> RecordFaultAction(
        Guid id, FaultActionRequest request, RecordFaultActionHandler handler, IStringLocalizer<SharedResource> l, CancellationToken ct)
        => ToResult(await handler.HandleAsync(id, request, ct), l);

    private static async Task<Results<Ok<FaultReportView>, ProblemHttpResult>> GetFaultReport(
        Guid id, FaultReportsHandler handler, IStringLocalizer<SharedResource> l, CancellationToken ct)
        => await handler.GetAsync(id, ct) is { } report ? TypedResults.Ok(report) : Problems.NotFound(l);

    private static async Task<Results<Ok<FaultActionResult>, ValidationProblem, ProblemHttpResult>> SaveFaultReport(
        Guid id, FaultReportRequest request, FaultReportsHandler handler, IStringLocalizer<SharedResource> l, CancellationToken ct)
        => ToResult(await handler.SaveAsync(id, request, ct), l);

    private static async Task<Results<Ok<FaultActionResult>, ValidationProblem, ProblemHttpResult>> SignFaultReport(
        Guid id, SignBody body, FaultReportsHandler handler, IStringLocalizer<SharedResource> l, CancellationToken ct)
        => ToResult(await handler.SignAsync(id, confirm: false, body.Signature, ct), l);

    private static async Task<Results<Ok<FaultActionResult>, ValidationProblem, ProblemHttpResult>> ConfirmFaultReport(
        Guid id, SignBody body, FaultReportsHandler handler, IStringLocalizer<SharedResource> l, CancellationToken ct)
        => ToResult(await handler.SignAsync(id, confirm: true, body.Signature, ct), l);

    private static async Task<Results<FileContentHttpResult, ProblemHttpResult>> FaultReportPdf(
        Guid id, FaultReportsHandler handler, IStringLocalizer<SharedResource> l, CancellationToken ct)
    {
        return await handler.PdfAsync(id, l, ct) is { } pdf ? TypedResults.File(pdf, "application/pdf", "故障处理报告.pdf") : Problems.NotFound(l);
    }

    private static async Task<Results<Ok<Guid>, ValidationProblem, ProblemHttpResult>> FaultReportToKnowledge(
        Guid id, FaultReportsHandler handler, IStringLocalizer<SharedResource> l, CancellationToken ct)
        => (await handler.ToKnowledgeAsync(id, ct)).ToOk(l);
}
