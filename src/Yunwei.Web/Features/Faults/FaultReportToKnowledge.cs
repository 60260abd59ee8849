using Microsoft.EntityFrameworkCore;
using Yunwei.Domain.Faults;
using Yunwei.Domain.Knowledge;
using Yunwei.Web.Infrastructure;

namespace Yunwei.Web.Features.Faults;

public sealed partial class FaultReportsHandler
{
    /// <summary>Turns a confirmed report into a knowledge article (once); returns the article's id.</summary>
    public async Task<Outcome<Guid>> ToKnowledgeAsync(Guid faultId, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var fault = await FaultAccess.Visible(db, currentUser).AsNoTracking().FirstOrDefaultAsync(f => f.Id == faultId, cancellationToken);
        var report = fault is null ? null : await db.FaultReports.FirstOrDefaultAsync(r => r.FaultId == faultId, cancellationToken);
        if (fault is null || report is null)
        {
            return Outcome<Guid>.NotFound();
        }

        if (report.KnowledgeArticleId is { } existing)
        {
            return Outcome<Guid>.Ok(existing);
        }

        if (report.State != FaultReportState.Confirmed)
        {
            return Outcome<Guid>.Invalid(new ValidationErrors().Add("State", "FaultReport.Error.NotConfirmed"));
        }

        var assetTypeId = fault.AssetId is { } assetId
            ? await db.Assets.Where(a => a.Id == assetId).Select(a => (Guid?)a.AssetTypeId).FirstOrDefaultAsync(cancellationToken)
            : null;
        var article = new KnowledgeArticle
        {
            ClientUnitId = fault.ClientUnitId,
            Title = fault.Title,
            Symptom = fault.Description ?? fault.Title,
            Cause = report.RootCause,
            Fix = report.Fix ?? "",
            Prevention = report.Prevention,
            SubsystemId = fault.SubsystemId,
            AssetTypeId = assetTypeId,
            SourceFaultId = fault.Id,
            CreatedBy = currentUser.DisplayName,
            CreatedAt = time.GetUtcNow().UtcDateTime,
        };
        article.Index();
        db.KnowledgeArticles.Add(article);
        report.KnowledgeArticleId = article.Id;
        report.Revision++;
        await db.SaveChangesAsync(cancellationToken);
        return Outcome<Guid>.Ok(article.Id);
    }
}
