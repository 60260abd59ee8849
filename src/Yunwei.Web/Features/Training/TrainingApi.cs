using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Localization;
using Yunwei.Domain.Administration;
using Yunwei.Web.Infrastructure;

namespace Yunwei.Web.Features.Training;

public static class TrainingApi
{
    public static void MapTrainingApi(this IEndpointRouteBuilder app)
    {
        var unit = app.MapGroup("/api/units/{unitId:guid}/training").WithTags("Training").RequireAuthorization(Permissions.WorkView);
        unit.MapGet("/", ListTraining)
            .WithName("ListTraining").WithSummary("Training sessions given at the unit, newest first");
        unit.MapGet("/confidentiality", ConfidentialityTraining)
            .WithName("ConfidentialityTraining").WithSummary("Every engineer of the unit with the date of their confidentiality training (Missing: none recorded)");
        unit.MapPost("/", RecordTraining)
            .RequireAuthorization(Permissions.TrainingRecord)
            .WithName("RecordTraining")
            .WithSummary("Record a session: kind (OnSite, DuringInspection, Confidentiality), topic, trainer, time, hours, attendees (names, users), materials (documents)");
    }

    private static async Task<Results<Ok<IReadOnlyList<TrainingView>>, ProblemHttpResult>> ListTraining(
        Guid unitId, TrainingHandler handler, IStringLocalizer<SharedResource> l, CancellationToken ct)
        => await handler.ListAsync(unitId, ct) is { } rows ? TypedResults.Ok(rows) : Problems.NotFound(l);

    private static async Task<Results<Ok<IReadOnlyList<ConfidentialityRow>>, ProblemHttpResult>> ConfidentialityTraining(
        Guid unitId, TrainingHandler handler, IStringLocalizer<SharedResource> l, CancellationToken ct)
        => await handler.ConfidentialityAsync(unitId, ct) is { } rows ? TypedResults.Ok(rows) : Problems.NotFound(l);

    private static async Task<Results<Created<TrainingView>, ValidationProblem, ProblemHttpResult>> RecordTraining(
        Guid unitId, TrainingRequest request, TrainingHandler handler, IStringLocalizer<SharedResource> l, CancellationToken ct)
        => (await handler.CreateAsync(unitId, request, ct)).ToCreated(l, t => $"/api/units/{unitId}/training/{t.Id}");
}
