using Microsoft.EntityFrameworkCore;
using Yunwei.Domain.Administration;
using Yunwei.Domain.Assessment;
using Yunwei.Web.Infrastructure;

namespace Yunwei.Web.Features.Assessment;

public sealed partial class AssessmentsHandler
{
    /// <summary>Starts the next version of a signed form, with the same entries; the signed one stays archived.</summary>
    public async Task<Outcome<AssessmentView>> NewVersionAsync(Guid unitId, Quarter quarter, int revision, CancellationToken cancellationToken = default)
    {
        if (!currentUser.Can(Permissions.AssessmentAssess))
        {
            return Outcome<AssessmentView>.NotAllowed();
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var current = await CurrentAsync(db, unitId, quarter, cancellationToken);
        if (current is null)
        {
            return Outcome<AssessmentView>.NotFound();
        }

        if (current.Revision != revision)
        {
            return Outcome<AssessmentView>.Conflict();
        }

        if (current.State == AssessmentState.Draft)
        {
            return Outcome<AssessmentView>.Invalid(new ValidationErrors().Add("State", "Assessment.Error.NotSigned"));
        }

        current.IsCurrent = false;
        current.Revision++;
        var next = new QuarterlyAssessment
        {
            ClientUnitId = unitId,
            Year = quarter.Year,
            Quarter = quarter.Number,
            Version = current.Version + 1,
            Inputs = [.. current.Inputs.Select(i => new AssessmentInput { Key = i.Key, Value = i.Value, Adjustment = i.Adjustment, Reason = i.Reason })],
            Comment = current.Comment,
        };
        db.QuarterlyAssessments.Add(next);
        return await SaveAsync(db, next, cancellationToken);
    }
}
