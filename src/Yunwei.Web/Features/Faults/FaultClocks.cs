using Microsoft.EntityFrameworkCore;
using Yunwei.Data;
using Yunwei.Domain;
using Yunwei.Domain.Faults;
using Yunwei.Domain.Roster;
using Yunwei.Domain.Sla;
using Yunwei.Domain.Units;
using Yunwei.Web.Platform;

namespace Yunwei.Web.Features.Faults;

/// <summary>Loads what the SLA engine needs for a unit and runs it over a fault's stored events.</summary>
public static class FaultClocks
{
    /// <summary>The policy of the unit's contract in force at <paramref name="nowUtc"/>, or the contract defaults.</summary>
    public static async Task<SlaPolicy> PolicyAsync(YunweiDbContext db, Guid unitId, DateTime nowUtc, CancellationToken cancellationToken)
    {
        var today = ChinaTime.Today(new DateTimeOffset(nowUtc, TimeSpan.Zero));
        var contract = await CurrentContract.LoadAsync(db, unitId, today, cancellationToken);
        if (contract is null)
        {
            return new SlaPolicy { Calendar = WorkCalendar.AllDay };
        }

        // Working hours count only outside the unit's holidays and on its make-up days; 7×24 needs no days.
        var days = contract.CalendarMode == CalendarMode.WorkingHours
            ? await db.CalendarDays.AsNoTracking().Where(d => d.ClientUnitId == unitId).ToListAsync(cancellationToken)
            : [];
        return SlaPolicy.For(contract, UnitCalendar.For(contract, days));
    }

    public static SlaOutcome Compute(SlaPolicy policy, IEnumerable<FaultEvent> events, DateTime nowUtc) =>
        SlaEngine.Compute(policy, events.Where(e => e.MovesClocks).Select(e => e.ToSla()), nowUtc);

    /// <summary>Recomputes a tracked fault's level and indexed deadline columns from its events (stored plus just added).</summary>
    public static async Task<SlaOutcome> RefreshAsync(YunweiDbContext db, Fault fault, IEnumerable<FaultEvent> added, DateTime nowUtc, CancellationToken cancellationToken)
    {
        var policy = await PolicyAsync(db, fault.ClientUnitId, nowUtc, cancellationToken);
        var stored = await db.FaultEvents.AsNoTracking().Where(e => e.FaultId == fault.Id).ToListAsync(cancellationToken);
        var outcome = Compute(policy, stored.Concat(added), nowUtc);
        FaultRules.Project(fault, outcome);
        return outcome;
    }
}
