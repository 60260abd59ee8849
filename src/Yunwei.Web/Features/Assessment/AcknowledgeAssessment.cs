using Microsoft.EntityFrameworkCore;
using Yunwei.Domain.Administration;
using Yunwei.Domain.Assessment;
using Yunwei.Domain.Signatures;
using Yunwei.Web.Infrastructure;

namespace Yunwei.Web.Features.Assessment;

public sealed partial class AssessmentsHandler
{
    /// <summary>The provider acknowledges the signed form with its signature: locked.</summary>
    public async Task<Outcome<AssessmentView>> AcknowledgeAsync(Guid unitId, Quarter quarter, AssessmentSignRequest request, CancellationToken cancellationToken = default)
    {
        if (!currentUser.Can(Permissions.AssessmentReport))
        {
            return Outcome<AssessmentView>.NotAllowed();
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var assessment = await CurrentAsync(db, unitId, quarter, cancellationToken);
        if (assessment is null)
        {
            return Outcome<AssessmentView>.NotFound();
        }

        if (assessment.Revision != request.Revision)
        {
            return Outcome<AssessmentView>.Conflict();
        }

        var errors = new ValidationErrors();
        if (assessment.State != AssessmentState.ClientSigned)
        {
            errors.Add("State", assessment.State == AssessmentState.Draft ? "Assessment.Error.NotSigned" : "Assessment.Error.Signed");
        }

        if (SignatureRules.Validate(request.Signature) is { } bad)
        {
            errors.Add("Signature", bad);
        }

        if (!errors.IsEmpty)
        {
            return Outcome<AssessmentView>.Invalid(errors);
        }

        assessment.ProviderSignatureId = Sign(db, assessment, Permissions.AssessmentReport, request.Signature!);
        assessment.State = AssessmentState.Acknowledged;
        return await SaveAsync(db, assessment, cancellationToken);
    }
}
