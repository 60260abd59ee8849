using Microsoft.EntityFrameworkCore;
using Yunwei.Domain.Administration;
using Yunwei.Domain.Assessment;
using Yunwei.Web.Infrastructure;

namespace Yunwei.Web.Features.Assessment;

public sealed record AssessmentInputsRequest(int Revision, IReadOnlyList<AssessmentInput>? Inputs, string? Comment);

public sealed partial class AssessmentsHandler
{
    /// <summary>The client's scores, bonuses and adjustments (a non-zero adjustment needs its reason) and overall comment.</summary>
    public async Task<Outcome<AssessmentView>> SaveAsync(Guid unitId, Quarter quarter, AssessmentInputsRequest request, CancellationToken cancellationToken = default)
    {
        if (!currentUser.Can(Permissions.AssessmentAssess))
        {
            return Outcome<AssessmentView>.NotAllowed();
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var (assessment, template, refused) = await DraftAsync(db, unitId, quarter, request.Revision, cancellationToken);
        if (refused is not null)
        {
            return refused;
        }

        var errors = new ValidationErrors().Optional(nameof(request.Comment), request.Comment, QuarterlyGoal.MaxText);
        var inputs = (request.Inputs ?? []).Where(i => i.Value is not null || i.Adjustment != 0 || !string.IsNullOrWhiteSpace(i.Reason)).ToList();
        foreach (var input in inputs)
        {
            var item = template.FirstOrDefault(t => t.Key == input.Key);
            var field = $"Inputs[{input.Key}]";
            if (item is null)
            {
                errors.Add(field, "Validation.Invalid");
                continue;
            }

            if (input.Adjustment != 0 && string.IsNullOrWhiteSpace(input.Reason))
            {
                errors.Add(field, "Assessment.Error.ReasonRequired", item.Name);
            }

            if (input.Reason?.Length > 500 || input.Adjustment is < -100 or > 100)
            {
                errors.Add(field, "Validation.Invalid");
            }

            if (input.Value is { } value && (item.Kind == AssessmentItemKind.WeightedScore ? value is < 0 or > 100 : value < 0 || item.Metric != AssessmentMetric.Manual))
            {
                // Computed counts come from the records; the client adjusts them, it does not overwrite them.
                errors.Add(field, item.Metric != AssessmentMetric.Manual && item.Kind != AssessmentItemKind.WeightedScore ? "Assessment.Error.Computed" : "Assessment.Error.Percent", item.Name);
            }

            if (input.Value is not null && item is { Kind: AssessmentItemKind.WeightedScore, Source: ScoreSource.Goals })
            {
                errors.Add(field, "Assessment.Error.Computed", item.Name);
            }
        }

        if (!errors.IsEmpty)
        {
            return Outcome<AssessmentView>.Invalid(errors);
        }

        assessment!.Inputs = [.. inputs.Select(i => new AssessmentInput { Key = i.Key, Value = i.Value, Adjustment = i.Adjustment,
            Reason = string.IsNullOrWhiteSpace(i.Reason) ? null : i.Reason.Trim() })];
        assessment.Comment = string.IsNullOrWhiteSpace(request.Comment) ? null : request.Comment.Trim();
        return await SaveAsync(db, assessment, cancellationToken);
    }
}
