using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Yunwei.Data;
using Yunwei.Domain.Administration;
using Yunwei.Web.Infrastructure;

namespace Yunwei.Web.Features.Administration;

public sealed record UserSummary(
    Guid Id,
    string UserName,
    string DisplayName,
    string? Email,
    string? PhoneNumber,
    Party Party,
    IReadOnlyList<string> Roles,
    IReadOnlyList<Guid> UnitIds,
    bool IsActive,
    bool IsLockedOut,
    bool TwoFactorEnabled,
    int Revision);

/// <summary>
/// Users the caller may manage: everyone for system administrators, otherwise the members of the
/// caller's units. Optionally narrowed to one unit.
/// </summary>
public sealed class ListUsersHandler(IDbContextFactory<YunweiDbContext> dbFactory, CurrentUser currentUser, TimeProvider time)
{
    private static readonly StringComparer Chinese = StringComparer.Create(new CultureInfo("zh-CN"), ignoreCase: true);

    public async Task<IReadOnlyList<UserSummary>> HandleAsync(Guid? unitId, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var users = db.Users.AsNoTracking();
        if (!currentUser.SeesAllUnits)
        {
            // UnitMemberships is filtered to the caller's units, so this keeps only their members.
            users = users.Where(u => db.UnitMemberships.Any(m => m.UserId == u.Id));
        }

        if (unitId is { } unit)
        {
            users = users.Where(u => db.UnitMemberships.Any(m => m.UserId == u.Id && m.ClientUnitId == unit));
        }

        var now = time.GetUtcNow();
        // One statement: a user has a role or two and a few units, so the joined rows stay few.
        var rows = await users
            .AsSingleQuery()
            .Select(u => new
            {
                u.Id,
                u.UserName,
                u.DisplayName,
                u.Email,
                u.PhoneNumber,
                u.Party,
                u.IsActive,
                u.LockoutEnd,
                u.TwoFactorEnabled,
                u.Revision,
                Roles = db.UserRoles.Where(r => r.UserId == u.Id).Join(db.Roles, ur => ur.RoleId, r => r.Id, (ur, r) => r.Name!).ToList(),
                Units = db.UnitMemberships.Where(m => m.UserId == u.Id).Select(m => m.ClientUnitId).ToList(),
            })
            .ToListAsync(cancellationToken);
        return [.. rows
            .Select(u => new UserSummary(u.Id, u.UserName!, u.DisplayName, u.Email, u.PhoneNumber, u.Party, u.Roles, u.Units,
                u.IsActive, u.LockoutEnd is { } end && end > now, u.TwoFactorEnabled, u.Revision))
            .OrderBy(u => u.Party)
            .ThenBy(u => u.DisplayName, Chinese)];
    }
}
