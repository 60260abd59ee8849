using Microsoft.EntityFrameworkCore;
using Yunwei.Domain;
using Yunwei.Domain.Inspections;
using Yunwei.Domain.WeeklyReports;
using Yunwei.Web.Platform;

namespace Yunwei.Web.Features.WeeklyReports;

/// <summary>A week's two deliverables: missing (null), or the current version's state.</summary>
public sealed record WeekStatus(DateOnly WeekStart, WeeklyReportState? InspectionReport, WeeklyReportState? WorkloadList, bool Current);

public sealed partial class WeeklyReportsHandler
{
    /// <summary>The last <paramref name="weeks"/> weeks up to this one: each deliverable missing, draft, submitted or signed.</summary>
    public async Task<IReadOnlyList<WeekStatus>?> StatusAsync(Guid unitId, int weeks = 12, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var unit = await db.ClientUnits.AsNoTracking().FirstOrDefaultAsync(u => u.Id == unitId, cancellationToken);
        if (unit is null)
        {
            return null;
        }

        var today = ChinaTime.Today(time.GetUtcNow());
        var thisWeek = Week.Monday(today);
        var first = thisWeek.AddDays(-7 * (Math.Clamp(weeks, 1, 104) - 1));

        // Weeks before the unit was served (created, or its contract began) owe nothing.
        var contract = await CurrentContract.LoadAsync(db.ServiceContracts.AsNoTracking(), unitId, today, cancellationToken);
        var served = ChinaTime.Today(new DateTimeOffset(unit.CreatedAt, TimeSpan.Zero));
        if (contract is not null && contract.StartsOn > served)
        {
            served = contract.StartsOn;
        }

        first = Week.Monday(served) > first ? Week.Monday(served) : first;
        var reports = await db.WeeklyReports.AsNoTracking().Where(r => r.ClientUnitId == unitId && r.IsCurrent && r.WeekStart >= first)
            .Select(r => new { r.Kind, r.WeekStart, r.State }).ToListAsync(cancellationToken);
        var list = new List<WeekStatus>();
        for (var w = thisWeek; w >= first; w = w.AddDays(-7))
        {
            var week = w;
            WeeklyReportState? Of(WeeklyReportKind kind) => reports.FirstOrDefault(r => r.Kind == kind && r.WeekStart == week)?.State;
            list.Add(new WeekStatus(w, Of(WeeklyReportKind.InspectionReport), Of(WeeklyReportKind.WorkloadList), w == thisWeek));
        }

        return list;
    }
}
