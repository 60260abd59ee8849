using Microsoft.EntityFrameworkCore;
using Yunwei.Data;
using Yunwei.Domain.Roster;

namespace Yunwei.Web.Platform;

/// <summary>Who is on duty for a unit, by its published rosters: asked by the roster pages, notifications and escalations.</summary>
public static class OnDuty
{
    /// <summary>The unit's shifts of published rosters overlapping [start, end) (who is on duty, who comes next; whom the rules tell).</summary>
    public static IQueryable<Shift> PublishedShifts(YunweiDbContext db, Guid unitId, DateTime start, DateTime end) =>
        from s in db.Shifts.AsNoTracking()
        join r in db.DutyRosters on s.RosterId equals r.Id
        where s.ClientUnitId == unitId && r.State == RosterState.Published && s.EndsAt > start && s.StartsAt < end
        select s;

    /// <summary>The engineers on duty now (and the backups reachable now) by the unit's published roster.</summary>
    public static async Task<List<Guid>> EngineersAsync(YunweiDbContext db, Guid unitId, DateTime now, CancellationToken cancellationToken)
    {
        // Shifts running now (a shift starting this instant counts).
        var shifts = await PublishedShifts(db, unitId, now, now.AddTicks(1)).ToListAsync(cancellationToken);
        var (onDuty, backups, _) = RosterRules.OnDuty(shifts, now);
        return [.. onDuty.Concat(backups).Select(s => s.EngineerId).Distinct()];
    }
}
