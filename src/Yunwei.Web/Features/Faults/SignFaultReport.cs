using Microsoft.EntityFrameworkCore;
using Yunwei.Domain.Administration;
using Yunwei.Domain.Faults;
using Yunwei.Domain.Signatures;
using Yunwei.Web.Infrastructure;

namespace Yunwei.Web.Features.Faults;

public sealed partial class FaultReportsHandler
{
    /// <summary>The engineer signs (state Draft → EngineerSigned) or the client confirms (EngineerSigned → Confirmed).</summary>
    public async Task<FaultActionResult> SignAsync(Guid faultId, bool confirm, IReadOnlyList<IReadOnlyList<InkPoint>>? strokes, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var fault = await FaultAccess.Visible(db, currentUser).FirstOrDefaultAsync(f => f.Id == faultId, cancellationToken);
        var report = fault is null ? null : await db.FaultReports.FirstOrDefaultAsync(r => r.FaultId == faultId, cancellationToken);
        if (fault is null || report is null)
        {
            return new FaultActionResult(FaultActionStatus.NotFound);
        }

        if (!currentUser.Can(confirm ? Permissions.FaultsRule : Permissions.FaultsHandle))
        {
            return new FaultActionResult(FaultActionStatus.Forbidden);
        }

        if (report.State != (confirm ? FaultReportState.EngineerSigned : FaultReportState.Draft))
        {
            return FaultActionResult.Invalid("State", confirm ? "FaultReport.Error.NotSignedYet" : "FaultReport.Error.AlreadySigned");
        }

        if (!confirm && !FaultReportRules.CanSign(fault))
        {
            return FaultActionResult.Invalid("State", "FaultReport.Error.NotResolved");
        }

        var errors = new ValidationErrors();
        foreach (var (field, value) in FaultReportRules.Required(report))
        {
            if (string.IsNullOrWhiteSpace(value))
            {
                errors.Add(field, "Validation.Required");
            }
        }

        if (SignatureRules.Validate(strokes) is { } bad)
        {
            errors.Add("Signature", bad);
        }

        if (!errors.IsEmpty)
        {
            return new FaultActionResult(FaultActionStatus.Invalid, Errors: errors);
        }

        var now = time.GetUtcNow().UtcDateTime;
        var (parts, operations) = await GatedWorkAsync(db, faultId, cancellationToken);
        var signature = Signing.Add(
            db, currentUser, confirm ? Permissions.FaultsRule : Permissions.FaultsHandle, fault.ClientUnitId, SubjectType, report.Id,
            Hash(report, fault, parts, operations), strokes!, now);
        if (confirm)
        {
            (report.ClientSignatureId, report.State) = (signature.Id, FaultReportState.Confirmed);
        }
        else
        {
            (report.EngineerSignatureId, report.State) = (signature.Id, FaultReportState.EngineerSigned);
        }

        db.FaultEvents.Add(FaultEvent.Create(
            fault.Id, fault.ClientUnitId, confirm ? FaultEventType.ReportConfirmed : FaultEventType.ReportSigned, now, now, currentUser.UserId, currentUser.DisplayName, $"v{report.Version}"));
        report.Revision++;
        return await SaveAsync(db, report, cancellationToken);
    }
}
