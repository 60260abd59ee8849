using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Localization;
using Yunwei.Domain.Administration;
using Yunwei.Domain.Assessment;
using Yunwei.Web.Infrastructure;

namespace Yunwei.Web.Features.Assessment;

public static class AssessmentApi
{
    public sealed record NewVersionBody(int Revision);

    public static void MapAssessmentApi(this IEndpointRouteBuilder app)
    {
        var unit = app.MapGroup("/api/units/{unitId:guid}").WithTags("Assessment").RequireAuthorization(Permissions.WorkView);
        var goal = app.MapGroup("/api/goals/{id:guid}").WithTags("Assessment").RequireAuthorization(Permissions.WorkView);

        unit.MapGet("/goals/{quarter}", GetGoals)
            .WithName("GetGoals").WithSummary("A quarter's goals (quarter: yyyyQn) with progress, the client's assessment and the weighted completion");
        unit.MapPut("/goals/{quarter}", SetGoals)
            .RequireAuthorization(Permissions.AssessmentAssess)
            .WithName("SetGoals").WithSummary("The client sets the quarter's goals as a whole (weights sum to 100)");
        goal.MapPost("/progress", ReportGoalProgress)
            .RequireAuthorization(Permissions.AssessmentReport)
            .WithName("ReportGoalProgress").WithSummary("The provider reports progress on a goal");
        goal.MapPost("/assess", AssessGoal)
            .RequireAuthorization(Permissions.AssessmentAssess)
            .WithName("AssessGoal").WithSummary("The client assesses a goal's completion (0–100)");

        unit.MapGet("/assessment-template", GetAssessmentTemplate)
            .WithName("GetAssessmentTemplate").WithSummary("The contract's assessment items (points, caps, weights) and bands; the defaults until the contract sets its own");
        unit.MapPut("/assessment-template", SaveAssessmentTemplate)
            .RequireAuthorization(Permissions.ContractsManage)
            .WithName("SaveAssessmentTemplate")
            .WithSummary("Set the contract's assessment items and bands (weights ≤ 100 %, bands excellent > good > pass); signed forms keep theirs");

        var form = unit.MapGroup("/assessment/{quarter}");
        form.MapGet("/", GetAssessment)
            .WithName("GetAssessment").WithSummary("The quarterly assessment form: every item with its count, points and the records behind it; the total and rating");
        form.MapPut("/", SaveAssessment)
            .RequireAuthorization(Permissions.AssessmentAssess)
            .WithName("SaveAssessment").WithSummary("The client's scores, bonuses and adjustments (each with a reason) and comment (Revision -1 creates the form)");
        form.MapPost("/recompute", RecomputeAssessment)
            .WithName("RecomputeAssessment").WithSummary("Recompute a draft from the records now; a signed form is refused (make a new version)");
        form.MapPost("/sign", SignAssessment)
            .RequireAuthorization(Permissions.AssessmentAssess)
            .WithName("SignAssessment").WithSummary("The client signs (from two weeks before the quarter's end; every score given): the figures freeze");
        form.MapPost("/acknowledge", AcknowledgeAssessment)
            .RequireAuthorization(Permissions.AssessmentReport)
            .WithName("AcknowledgeAssessment").WithSummary("The provider acknowledges the signed form with its signature: locked");
        form.MapPost("/new-version", NewAssessmentVersion)
            .RequireAuthorization(Permissions.AssessmentAssess)
            .WithName("NewAssessmentVersion").WithSummary("Start the next version of a signed form (the signed one stays archived)");
        form.MapGet("/export.{format}", ExportAssessment)
            .WithName("ExportAssessment").WithSummary("The form as pdf or xlsx, or the evidence pack as zip (form, signed weekly deliverables, confirmed fault reports, index)");
    }

    private static async Task<Results<Ok<GoalsView>, ProblemHttpResult>> GetGoals(
        Guid unitId, string quarter, GoalsHandler handler, IStringLocalizer<SharedResource> l, CancellationToken ct)
        => Quarter.TryParse(quarter, out var q) && await handler.GetAsync(unitId, q, ct) is { } view ? TypedResults.Ok(view) : Problems.NotFound(l);

    private static async Task<Results<Ok<GoalsView>, ValidationProblem, ProblemHttpResult>> SetGoals(
        Guid unitId, string quarter, SetGoalsRequest request, GoalsHandler handler, IStringLocalizer<SharedResource> l, CancellationToken ct)
        => Quarter.TryParse(quarter, out var q) ? (await handler.SetAsync(unitId, q, request, ct)).ToOk(l) : Outcome<GoalsView>.NotFound().ToOk(l);

    private static async Task<Results<Ok<GoalsView>, ValidationProblem, ProblemHttpResult>> ReportGoalProgress(
        Guid id, GoalProgressRequest request, GoalsHandler handler, IStringLocalizer<SharedResource> l, CancellationToken ct)
        => (await handler.ReportAsync(id, request, ct)).ToOk(l);

    private static async Task<Results<Ok<GoalsView>, ValidationProblem, ProblemHttpResult>> AssessGoal(
        Guid id, AssessGoalRequest request, GoalsHandler handler, IStringLocalizer<SharedResource> l, CancellationToken ct)
        => (await handler.AssessAsync(id, request, ct)).ToOk(l);

    private static async Task<Results<Ok<AssessmentTemplateView>, ProblemHttpResult>> GetAssessmentTemplate(
        Guid unitId, AssessmentTemplateHandler handler, IStringLocalizer<SharedResource> l, CancellationToken ct)
        => await handler.GetAsync(unitId, ct) is { } view ? TypedResults.Ok(view) : Problems.NotFound(l);

    private static async Task<Results<Ok<AssessmentTemplateView>, ValidationProblem, ProblemHttpResult>> SaveAssessmentTemplate(
        Guid unitId, SaveAssessmentTemplateRequest request, AssessmentTemplateHandler handler, IStringLocalizer<SharedResource> l,
        CancellationToken ct)
        => (await handler.SaveAsync(unitId, request, ct)).ToOk(l);

    private static async Task<Results<Ok<AssessmentView>, ProblemHttpResult>> GetAssessment(
        Guid unitId, string quarter, int? version, AssessmentsHandler handler, IStringLocalizer<SharedResource> l, CancellationToken ct)
        => Quarter.TryParse(quarter, out var q) && await handler.GetAsync(unitId, q, version, ct) is { } view ? TypedResults.Ok(view) : Problems.NotFound(l);

    private static async Task<Results<Ok<AssessmentView>, ValidationProblem, ProblemHttpResult>> SaveAssessment(
        Guid unitId, string quarter, AssessmentInputsRequest request, AssessmentsHandler handler, IStringLocalizer<SharedResource> l,
        CancellationToken ct)
        => Quarter.TryParse(quarter, out var q) ? (await handler.SaveAsync(unitId, q, request, ct)).ToOk(l) : Outcome<AssessmentView>.NotFound().ToOk(l);

    private static async Task<Results<Ok<AssessmentView>, ValidationProblem, ProblemHttpResult>> RecomputeAssessment(
        Guid unitId, string quarter, AssessmentsHandler handler, IStringLocalizer<SharedResource> l, CancellationToken ct)
        => Quarter.TryParse(quarter, out var q) ? (await handler.RecomputeAsync(unitId, q, ct)).ToOk(l) : Outcome<AssessmentView>.NotFound().ToOk(l);

    private static async Task<Results<Ok<AssessmentView>, ValidationProblem, ProblemHttpResult>> SignAssessment(
        Guid unitId, string quarter, AssessmentSignRequest request, AssessmentsHandler handler, IStringLocalizer<SharedResource> l,
        CancellationToken ct)
        => Quarter.TryParse(quarter, out var q) ? (await handler.SignAsync(unitId, q, request, ct)).ToOk(l) : Outcome<AssessmentView>.NotFound().ToOk(l);

    private static async Task<Results<Ok<AssessmentView>, ValidationProblem, ProblemHttpResult>> AcknowledgeAssessment(
        Guid unitId, string quarter, AssessmentSignRequest request, AssessmentsHandler handler, IStringLocalizer<SharedResource> l,
        CancellationToken ct)
        => Quarter.TryParse(quarter, out var q) ? (await handler.AcknowledgeAsync(unitId, q, request, ct)).ToOk(l) : Outcome<AssessmentView>.NotFound().ToOk(l);

    private static async Task<Results<Ok<AssessmentView>, ValidationProblem, ProblemHttpResult>> NewAssessmentVersion(
        Guid unitId, string quarter, NewVersionBody body, AssessmentsHandler handler, IStringLocalizer<SharedResource> l, CancellationToken ct)
        => Quarter.TryParse(quarter, out var q) ? (await handler.NewVersionAsync(unitId, q, body.Revision, ct)).ToOk(l) : Outcome<AssessmentView>.NotFound().ToOk(l);

    private static async Task<Results<FileContentHttpResult, ProblemHttpResult>> ExportAssessment(
        Guid unitId, string quarter, string format, int? version, AssessmentExportsHandler handler, IStringLocalizer<SharedResource> l,
        CancellationToken ct)
    {
        if (!Quarter.TryParse(quarter, out var q))
        {
            return Problems.NotFound(l);
        }

        var file = format switch
        {
            "pdf" => await handler.PdfAsync(unitId, q, version, l, ct),
            "xlsx" => await handler.ExcelAsync(unitId, q, version, l, ct),
            "zip" => await handler.EvidenceAsync(unitId, q, version, l, ct),
            _ => null,
        };
        return file is null ? Problems.NotFound(l) : TypedResults.File(file.Content, file.ContentType, file.FileName);
    }
}
