using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Localization;
using Yunwei.Domain.Administration;
using Yunwei.Domain.WeeklyReports;
using Yunwei.Web.Infrastructure;

namespace Yunwei.Web.Features.WeeklyReports;

public static class WeeklyReportsApi
{
    public sealed record NewVersionBody(int Revision);

    public static void MapWeeklyReportsApi(this IEndpointRouteBuilder app)
    {
        var unit = app.MapGroup("/api/units/{unitId:guid}/weekly").WithTags("WeeklyReports").RequireAuthorization(Permissions.WorkView);
        unit.MapGet("/", WeeklyStatus)
            .WithName("WeeklyStatus").WithSummary("The last weeks (default 12) with each deliverable's state; null: missing");
        unit.MapGet("/{kind}/{week}", GetWeeklyReport)
            .WithName("GetWeeklyReport")
            .WithSummary("A week's InspectionReport or WorkloadList (week: any day of it, yyyy-MM-dd): generated live while a draft, frozen once submitted; ?version=n for an archived one");
        unit.MapPut("/{kind}/{week}", SaveWeeklyReport)
            .RequireAuthorization(Permissions.InspectionsPerform)
            .WithName("SaveWeeklyReport").WithSummary("Save the written parts of a draft: running-state summary, maintenance advice, optimisation plan (Revision -1 creates it)");
        unit.MapPost("/{kind}/{week}/submit", SubmitWeeklyReport)
            .RequireAuthorization(Permissions.InspectionsPerform)
            .WithName("SubmitWeeklyReport").WithSummary("The engineer signs and submits; the generated content is frozen");
        unit.MapPost("/{kind}/{week}/sign", SignWeeklyReport)
            .RequireAuthorization(Permissions.ReportsSign)
            .WithName("SignWeeklyReport").WithSummary("The client signs a submitted report: locked and archived");
        unit.MapPost("/{kind}/{week}/return", ReturnWeeklyReport)
            .RequireAuthorization(Permissions.ReportsSign)
            .WithName("ReturnWeeklyReport").WithSummary("The client returns a submitted report with a reason");
        unit.MapPost("/{kind}/{week}/new-version", NewWeeklyReportVersion)
            .RequireAuthorization(Permissions.InspectionsPerform)
            .WithName("NewWeeklyReportVersion").WithSummary("Start the next version of a signed report (the signed one stays archived)");
        unit.MapGet("/{kind}/{week}/export.{format}", ExportWeeklyReport)
            .WithName("ExportWeeklyReport").WithSummary("The report as pdf (both kinds), docx (inspection report) or xlsx (workload list)");
    }

    private static async Task<Results<Ok<IReadOnlyList<WeekStatus>>, ProblemHttpResult>> WeeklyStatus(
        Guid unitId, int? weeks, WeeklyReportsHandler handler, IStringLocalizer<SharedResource> l, CancellationToken ct)
        => await handler.StatusAsync(unitId, weeks ?? 12, ct) is { } rows ? TypedResults.Ok(rows) : Problems.NotFound(l);

    private static async Task<Results<Ok<WeeklyReportView>, ProblemHttpResult>> GetWeeklyReport(
        Guid unitId, WeeklyReportKind kind, DateOnly week, int? version, WeeklyReportsHandler handler, IStringLocalizer<SharedResource> l,
        CancellationToken ct)
        => await handler.GetAsync(unitId, kind, week, version, ct) is { } view ? TypedResults.Ok(view) : Problems.NotFound(l);

    private static async Task<Results<Ok<WeeklyReportView>, ValidationProblem, ProblemHttpResult>> SaveWeeklyReport(
        Guid unitId, WeeklyReportKind kind, DateOnly week, WeeklyTextRequest request, WeeklyReportsHandler handler,
        IStringLocalizer<SharedResource> l, CancellationToken ct)
        => (await handler.SaveAsync(unitId, kind, week, request, ct)).ToOk(l);

    private static async Task<Results<Ok<WeeklyReportView>, ValidationProblem, ProblemHttpResult>> SubmitWeeklyReport(
        Guid unitId, WeeklyReportKind kind, DateOnly week, WeeklySignRequest request, WeeklyReportsHandler handler,
        IStringLocalizer<SharedResource> l, CancellationToken ct)
        => (await handler.SubmitAsync(unitId, kind, week, request, ct)).ToOk(l);

    private static async Task<Results<Ok<WeeklyReportView>, ValidationProblem, ProblemHttpResult>> SignWeeklyReport(
        Guid unitId, WeeklyReportKind kind, DateOnly week, WeeklySignRequest request, WeeklyReportsHandler handler,
        IStringLocalizer<SharedResource> l, CancellationToken ct)
        => (await handler.SignAsync(unitId, kind, week, request, ct)).ToOk(l);

    private static async Task<Results<Ok<WeeklyReportView>, ValidationProblem, ProblemHttpResult>> ReturnWeeklyReport(
        Guid unitId, WeeklyReportKind kind, DateOnly week, WeeklyReturnRequest request, WeeklyReportsHandler handler,
        IStringLocalizer<SharedResource> l, CancellationToken ct)
        => (await handler.ReturnAsync(unitId, kind, week, request, ct)).ToOk(l);

    private static async Task<Results<Ok<WeeklyReportView>, ValidationProblem, ProblemHttpResult>> NewWeeklyReportVersion(
        Guid unitId, WeeklyReportKind kind, DateOnly week, NewVersionBody body, WeeklyReportsHandler handler, IStringLocalizer<SharedResource> l,
        CancellationToken ct)
        => (await handler.NewVersionAsync(unitId, kind, week, body.Revision, ct)).ToOk(l);

    private static async Task<Results<FileContentHttpResult, ProblemHttpResult>> ExportWeeklyReport(
        Guid unitId, WeeklyReportKind kind, DateOnly week, string format, int? version, WeeklyReportExportsHandler handler,
        IStringLocalizer<SharedResource> l, CancellationToken ct)
    {
        return await handler.ExportAsync(unitId, kind, week, version, format, l, ct) is { } file ? TypedResults.File(file.Content, file.ContentType, file.FileName) : Problems.NotFound(l);
    }
}
