using Yunwei.Domain.Administration;
using Yunwei.Domain.Inspections;
using Yunwei.Domain.WeeklyReports;
using Yunwei.Web.Infrastructure;

namespace Yunwei.Web.Features.WeeklyReports;

public sealed record WeeklyReturnRequest(int Revision, string? Reason);

public sealed partial class WeeklyReportsHandler
{
    /// <summary>The client sends a submitted report back with a reason; it is a draft again (same version).</summary>
    public async Task<Outcome<WeeklyReportView>> ReturnAsync(Guid unitId, WeeklyReportKind kind, DateOnly week, WeeklyReturnRequest request, CancellationToken cancellationToken = default)
    {
        if (!currentUser.Can(Permissions.ReportsSign))
        {
            return Outcome<WeeklyReportView>.NotAllowed();
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var (report, refused) = await SubmittedAsync(db, unitId, kind, Week.Monday(week), request.Revision, cancellationToken);
        if (refused is not null)
        {
            return refused;
        }

        var errors = new ValidationErrors().Required(nameof(request.Reason), request.Reason, 1000);
        if (!errors.IsEmpty)
        {
            return Outcome<WeeklyReportView>.Invalid(errors);
        }

        var engineer = await EngineerAsync(db, report!, cancellationToken);
        (report!.State, report.Snapshot, report.EngineerSignatureId, report.ReturnReason) = (WeeklyReportState.Draft, null, null, request.Reason!.Trim());
        Notify(db, report, [engineer], "Notify.Weekly.Returned", "returned", report.ReturnReason);
        return await SaveAsync(db, report, cancellationToken);
    }
}
