using Yunwei.Domain.Assessment;
using Yunwei.Web.Infrastructure;

namespace Yunwei.Web.Features.Assessment;

public sealed partial class AssessmentsHandler
{
    /// <summary>Refreshes a draft's figures (they are computed live); a signed form is refused: make a new version.</summary>
    public async Task<Outcome<AssessmentView>> RecomputeAsync(Guid unitId, Quarter quarter, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var current = await CurrentAsync(db, unitId, quarter, cancellationToken);
        if (current is { State: not AssessmentState.Draft })
        {
            return Outcome<AssessmentView>.Invalid(new ValidationErrors().Add("State", "Assessment.Error.Signed"));
        }

        return await ViewAsync(db, unitId, quarter, null, cancellationToken) is { } view ? Outcome<AssessmentView>.Ok(view) : Outcome<AssessmentView>.NotFound();
    }
}
