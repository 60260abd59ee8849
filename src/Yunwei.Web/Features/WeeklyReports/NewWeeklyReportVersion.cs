using Microsoft.EntityFrameworkCore;
using Yunwei.Domain.Administration;
using Yunwei.Domain.Inspections;
using Yunwei.Domain.WeeklyReports;
using Yunwei.Web.Infrastructure;

namespace Yunwei.Web.Features.WeeklyReports;

public sealed partial class WeeklyReportsHandler
{
    /// <summary>Starts the next version of a signed report (the signed one stays archived and unchanged).</summary>
    public async Task<Outcome<WeeklyReportView>> NewVersionAsync(Guid unitId, WeeklyReportKind kind, DateOnly week, int revision, CancellationToken cancellationToken = default)
    {
        if (!currentUser.Can(Permissions.InspectionsPerform))
        {
            return Outcome<WeeklyReportView>.NotAllowed();
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        week = Week.Monday(week);
        var current = await db.WeeklyReports.FirstOrDefaultAsync(r => r.ClientUnitId == unitId && r.Kind == kind && r.WeekStart == week && r.IsCurrent, cancellationToken);
        if (current is null)
        {
            return Outcome<WeeklyReportView>.NotFound();
        }

        if (current.Revision != revision)
        {
            return Outcome<WeeklyReportView>.Conflict();
        }

        if (current.State != WeeklyReportState.ClientSigned)
        {
            return Outcome<WeeklyReportView>.Invalid(new ValidationErrors().Add("State", "WeeklyReport.Error.NotSigned"));
        }

        current.IsCurrent = false;
        current.Revision++;
        var next = new WeeklyReport
        {
            ClientUnitId = unitId,
            Kind = kind,
            WeekStart = week,
            Version = current.Version + 1,
            Summary = current.Summary,
            Advice = current.Advice,
            Optimisation = current.Optimisation,
        };
        db.WeeklyReports.Add(next);
        return await SaveAsync(db, next, cancellationToken);
    }
}
