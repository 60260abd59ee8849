using Microsoft.EntityFrameworkCore;
using Yunwei.Data;
using Yunwei.Domain.Approvals;
using Yunwei.Domain.Signatures;

namespace Yunwei.Web.Features.Approvals;

/// <summary>The signatures on a request, each verified: does the stored hash still match the request's content?</summary>
public sealed class ApprovalSignaturesHandler(IDbContextFactory<YunweiDbContext> dbFactory)
{
    /// <summary>Null when the request does not exist or is not visible.</summary>
    public async Task<IReadOnlyList<ApprovalsApi.SignatureCheck>?> HandleAsync(Guid requestId, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var request = await db.ApprovalRequests.AsNoTracking().FirstOrDefaultAsync(a => a.Id == requestId, cancellationToken);
        if (request is null)
        {
            return null;
        }

        var hash = SignatureRules.Hash(SignatureRules.Canonical(ApprovalRules.SignedContent(request)));
        var signatures = await db.Signatures.AsNoTracking()
            .Where(s => s.SubjectType == nameof(ApprovalRequest) && s.SubjectId == requestId)
            .OrderBy(s => s.SignedAt).ToListAsync(cancellationToken);
        return [.. signatures.Select(s => new ApprovalsApi.SignatureCheck(s.Id, s.SignerName, s.SignerRole, s.SignedAt, s.ContentHash == hash, SignatureRules.Svg(s.Strokes)))];
    }
}
