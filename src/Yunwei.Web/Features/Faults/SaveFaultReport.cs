using Microsoft.EntityFrameworkCore;
using Yunwei.Domain.Administration;
using Yunwei.Domain.Faults;
using Yunwei.Web.Infrastructure;

namespace Yunwei.Web.Features.Faults;

public sealed record FaultReportRequest(int Revision, string? Diagnosis, string? RootCause, string? EmergencyMeasures, string? Fix, string? Prevention);

public sealed partial class FaultReportsHandler
{
    /// <summary>Saves the engineer's text. A signed or confirmed report becomes a new draft version.</summary>
    public async Task<FaultActionResult> SaveAsync(Guid faultId, FaultReportRequest request, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var fault = await FaultAccess.Visible(db, currentUser).FirstOrDefaultAsync(f => f.Id == faultId, cancellationToken);
        if (fault is null)
        {
            return new FaultActionResult(FaultActionStatus.NotFound);
        }

        if (!currentUser.Can(Permissions.FaultsHandle))
        {
            return new FaultActionResult(FaultActionStatus.Forbidden);
        }

        var errors = new ValidationErrors()
            .Optional(nameof(request.Diagnosis), request.Diagnosis, FaultReport.MaxText)
            .Optional(nameof(request.RootCause), request.RootCause, FaultReport.MaxText)
            .Optional(nameof(request.EmergencyMeasures), request.EmergencyMeasures, FaultReport.MaxText)
            .Optional(nameof(request.Fix), request.Fix, FaultReport.MaxText)
            .Optional(nameof(request.Prevention), request.Prevention, FaultReport.MaxText);
        if (!errors.IsEmpty)
        {
            return new FaultActionResult(FaultActionStatus.Invalid, Errors: errors);
        }

        var report = await db.FaultReports.FirstOrDefaultAsync(r => r.FaultId == faultId, cancellationToken);
        if (report is null)
        {
            if (request.Revision != -1)
            {
                return new FaultActionResult(FaultActionStatus.Conflict, 0);
            }

            report = new FaultReport { FaultId = faultId, ClientUnitId = fault.ClientUnitId };
            db.FaultReports.Add(report);
        }
        else if (request.Revision != report.Revision)
        {
            return new FaultActionResult(FaultActionStatus.Conflict, report.Revision);
        }
        else if (report.State != FaultReportState.Draft)
        {
            // Signed means locked: the change is a new version; the old signatures stay on record for the old text.
            report.Version++;
            report.State = FaultReportState.Draft;
            (report.EngineerSignatureId, report.ClientSignatureId) = (null, null);
        }

        static string? Clean(string? v) => string.IsNullOrWhiteSpace(v) ? null : v.Trim();
        report.Diagnosis = Clean(request.Diagnosis);
        report.RootCause = Clean(request.RootCause);
        report.EmergencyMeasures = Clean(request.EmergencyMeasures);
        report.Fix = Clean(request.Fix);
        report.Prevention = Clean(request.Prevention);
        report.UpdatedAt = time.GetUtcNow().UtcDateTime;
        report.UpdatedBy = currentUser.DisplayName;
        report.Revision++;
        return await SaveAsync(db, report, cancellationToken);
    }
}
