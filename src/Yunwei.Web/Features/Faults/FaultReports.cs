using Microsoft.EntityFrameworkCore;
using Yunwei.Data;
using Yunwei.Domain.Administration;
using Yunwei.Domain.Faults;
using Yunwei.Domain.Signatures;
using Yunwei.Web.Infrastructure;
using Yunwei.Web.Platform;

namespace Yunwei.Web.Features.Faults;

public sealed record FaultReportView(
    Guid FaultId, string FaultNumber, int Version, FaultReportState State, int Revision,
    string? Diagnosis, string? RootCause, string? EmergencyMeasures, string? Fix, string? Prevention,
    IReadOnlyList<string> Parts, IReadOnlyList<string> Operations, IReadOnlyList<ReportSignature> Signatures,
    Guid? KnowledgeArticleId, bool CanEdit, bool CanSign, bool CanConfirm, bool CanMakeKnowledge);

/// <summary>
/// The fault handling report (故障处理报告): the engineer fills and signs it before leaving the site,
/// the client's maintenance staff confirm it with their signature, then it is locked (a change makes a
/// new version needing new signatures). It prints as a PDF and becomes a knowledge article in one action.
/// </summary>
public sealed partial class FaultReportsHandler(IDbContextFactory<YunweiDbContext> dbFactory, CurrentUser currentUser, TimeProvider time, IConfiguration configuration)
{
    public const string SubjectType = nameof(FaultReport);

    public async Task<FaultReportView?> GetAsync(Guid faultId, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var fault = await FaultAccess.Visible(db, currentUser).AsNoTracking().FirstOrDefaultAsync(f => f.Id == faultId, cancellationToken);
        if (fault is null)
        {
            return null;
        }

        var report = await db.FaultReports.AsNoTracking().FirstOrDefaultAsync(r => r.FaultId == faultId, cancellationToken)
            ?? new FaultReport { FaultId = faultId, ClientUnitId = fault.ClientUnitId, Revision = -1 };
        var (parts, operations) = await GatedWorkAsync(db, faultId, cancellationToken);
        var signatures = new List<ReportSignature>();
        if (report.Revision >= 0)
        {
            var hash = Hash(report, fault, parts, operations);
            foreach (var s in await db.Signatures.AsNoTracking().Where(s => s.SubjectType == SubjectType && s.SubjectId == report.Id
                && (s.Id == report.EngineerSignatureId || s.Id == report.ClientSignatureId)).ToListAsync(cancellationToken))
            {
                signatures.Add(new ReportSignature(s.SignerRole, s.SignerName, s.SignedAt, s.ContentHash == hash, SignatureRules.Svg(s.Strokes)));
            }
        }

        var handles = currentUser.Can(Permissions.FaultsHandle);
        return new FaultReportView(
            faultId, fault.Number, report.Version, report.State, report.Revision,
            report.Diagnosis, report.RootCause, report.EmergencyMeasures, report.Fix, report.Prevention,
            parts, operations, signatures, report.KnowledgeArticleId,
            CanEdit: handles && fault.State != FaultState.Closed,
            CanSign: handles && report.State == FaultReportState.Draft && report.Revision >= 0 && FaultReportRules.CanSign(fault),
            CanConfirm: currentUser.Can(Permissions.FaultsRule) && report.State == FaultReportState.EngineerSigned,
            CanMakeKnowledge: handles && report.State == FaultReportState.Confirmed && report.KnowledgeArticleId is null);
    }

    private static string Hash(FaultReport report, Fault fault, IEnumerable<string> parts, IEnumerable<string> operations) =>
        SignatureRules.Hash(SignatureRules.Canonical(FaultReportRules.SignedContent(report, fault, parts, operations)));

    /// <summary>Parts replaced and major operations performed on the fault, each named by its approval.</summary>
    private static async Task<(IReadOnlyList<string> Parts, IReadOnlyList<string> Operations)> GatedWorkAsync(YunweiDbContext db, Guid faultId, CancellationToken cancellationToken)
    {
        var work = await (from e in db.FaultEvents.AsNoTracking()
                          where e.FaultId == faultId && (e.Type == FaultEventType.PartReplaced || e.Type == FaultEventType.OperationPerformed)
                          join a in db.ApprovalRequests on e.ApprovalId equals a.Id into approvals
                          from a in approvals.DefaultIfEmpty()
                          orderby e.At
                          select new { e.Type, e.At, Title = a == null ? e.Text : a.Title })
            .ToListAsync(cancellationToken);
        return ([.. work.Where(w => w.Type == FaultEventType.PartReplaced).Select(w => $"{w.Title}（{Format.DateTime(w.At)}）")],
            [.. work.Where(w => w.Type == FaultEventType.OperationPerformed).Select(w => $"{w.Title}（{Format.DateTime(w.At)}）")]);
    }

    private static async Task<FaultActionResult> SaveAsync(YunweiDbContext db, FaultReport report, CancellationToken cancellationToken)
    {
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return new FaultActionResult(FaultActionStatus.Done, report.Revision);
        }
        catch (DbUpdateException)
        {
            return new FaultActionResult(FaultActionStatus.Conflict);
        }
    }
}
