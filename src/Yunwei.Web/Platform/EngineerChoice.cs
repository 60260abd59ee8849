using Microsoft.EntityFrameworkCore;
using Yunwei.Data;
using Yunwei.Domain.Administration;

namespace Yunwei.Web.Platform;

/// <summary>A provider engineer of a unit, to pick for a shift, a filter or a swap.</summary>
public sealed record EngineerChoice(Guid Id, string Name, string? Phone);

/// <summary>The engineers a unit's pages offer to pick (shifts, training, fault assignment).</summary>
public static class Engineers
{
    /// <summary>The provider's engineers (resident, duty, support) who are members of the unit, by name.</summary>
    public static async Task<IReadOnlyList<EngineerChoice>> OfUnitAsync(YunweiDbContext db, Guid unitId, CancellationToken cancellationToken)
    {
        var ids = await NotificationWriter.MembersAsync(db, unitId, [Roles.ResidentEngineer, Roles.DutyEngineer, Roles.SupportEngineer], cancellationToken);
        return await db.Users.Where(u => ids.Contains(u.Id)).OrderBy(u => u.DisplayName)
            .Select(u => new EngineerChoice(u.Id, u.DisplayName, u.PhoneNumber)).ToListAsync(cancellationToken);
    }
}
