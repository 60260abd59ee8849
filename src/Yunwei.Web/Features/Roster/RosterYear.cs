using Microsoft.EntityFrameworkCore;
using Yunwei.Domain.Roster;

namespace Yunwei.Web.Features.Roster;

/// <summary>One month of the year's coverage: whether its roster is published and how many hours nobody is on duty.</summary>
public sealed record MonthCoverage(DateOnly Month, RosterState? State, int UncoveredHours, int MissingBackupDays);

public sealed partial class DutyRostersHandler
{
    /// <summary>The year at a glance (docs/contract.md §7: 7×24 all year): every month's uncovered hours and days without backups.</summary>
    public async Task<IReadOnlyList<MonthCoverage>?> YearAsync(Guid unitId, int year, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        if (!await db.ClientUnits.AnyAsync(u => u.Id == unitId, cancellationToken))
        {
            return null;
        }

        var first = new DateOnly(year, 1, 1);
        var rosters = await db.DutyRosters.AsNoTracking().Where(r => r.ClientUnitId == unitId && r.Month >= first && r.Month < first.AddYears(1)).ToListAsync(cancellationToken);
        var coverage = await CoverageAsync(db, unitId, first, first.AddYears(1), cancellationToken);
        var result = new List<MonthCoverage>();
        for (var month = first; month.Year == year; month = month.AddMonths(1))
        {
            var roster = rosters.FirstOrDefault(r => r.Month == month);
            var (gaps, _, missing) = Check(month, coverage);
            var hours = (int)Math.Ceiling(gaps.Sum(g => (g.End - g.Start).TotalHours));
            result.Add(new MonthCoverage(month, roster?.State, hours, missing.Count));
        }

        return result;
    }
}
