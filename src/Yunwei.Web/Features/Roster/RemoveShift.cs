using Microsoft.EntityFrameworkCore;

namespace Yunwei.Web.Features.Roster;

public sealed partial class DutyRostersHandler
{
    public async Task<bool> RemoveShiftAsync(Guid shiftId, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var shift = await db.Shifts.FirstOrDefaultAsync(s => s.Id == shiftId, cancellationToken);
        if (shift is null)
        {
            return false;
        }

        var roster = await db.DutyRosters.FirstAsync(r => r.Id == shift.RosterId, cancellationToken);
        db.Shifts.Remove(shift);
        Unpublish(roster);
        await db.SaveChangesAsync(cancellationToken);
        return true;
    }
}
