using Microsoft.EntityFrameworkCore;
using Yunwei.Domain.Roster;
using Yunwei.Web.Platform;

namespace Yunwei.Web.Features.Roster;

public sealed record DutyNow(IReadOnlyList<ShiftRow> OnDuty, IReadOnlyList<ShiftRow> Backups, ShiftRow? Next);

public sealed partial class DutyRostersHandler
{
    /// <summary>Who answers the hotline now (published rosters only), the backups reachable now, and who comes next.</summary>
    public async Task<DutyNow?> NowAsync(Guid unitId, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        if (!await db.ClientUnits.AnyAsync(u => u.Id == unitId, cancellationToken))
        {
            return null;
        }

        var now = time.GetUtcNow().UtcDateTime;
        var horizon = now.AddDays(35);
        var shifts = await OnDuty.PublishedShifts(db, unitId, now, horizon).ToListAsync(cancellationToken);
        var (onDuty, backups, next) = RosterRules.OnDuty(shifts, now);
        return new DutyNow([.. onDuty.Select(Row)], [.. backups.Select(Row)], next is null ? null : Row(next));
    }
}
