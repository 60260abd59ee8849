using Microsoft.EntityFrameworkCore;
using Yunwei.Data;
using Yunwei.Data.Identity;
using Yunwei.Domain.Administration;
using Yunwei.Web.Infrastructure;

namespace Yunwei.Web.Features.Administration;

/// <summary>Rules shared by adding and editing users.</summary>
internal static class UserRules
{
    /// <summary>
    /// A valid role the caller may grant, and units that fit the role's party: client users exactly
    /// one, provider staff one or more, system roles none; all of them units the caller can see.
    /// </summary>
    public static async Task ValidateRoleAndUnitsAsync(
        ValidationErrors errors, string? role, IReadOnlyList<Guid>? unitIds, YunweiDbContext db, CurrentUser currentUser, CancellationToken cancellationToken)
    {
        if (role is null || !Roles.All.Contains(role, StringComparer.Ordinal))
        {
            errors.Add("Role", "Validation.User.Role");
            return;
        }

        var party = Roles.PartyOf(role);
        if (!currentUser.SeesAllUnits && party != Party.Client)
        {
            // Client administrators manage their own unit's people only.
            errors.Add("Role", "Validation.User.RoleNotAllowed");
        }

        var units = (unitIds ?? []).Distinct().ToList();
        var visible = await db.ClientUnits.CountAsync(u => units.Contains(u.Id), cancellationToken);
        if (visible != units.Count)
        {
            errors.Add("UnitIds", "Validation.User.UnknownUnit");
        }
        else if (party == Party.System && units.Count != 0)
        {
            errors.Add("UnitIds", "Validation.User.SystemNoUnits");
        }
        else if (party == Party.Client && units.Count != 1)
        {
            errors.Add("UnitIds", "Validation.User.ClientOneUnit");
        }
        else if (party == Party.Provider && units.Count == 0)
        {
            errors.Add("UnitIds", "Validation.User.ProviderUnits");
        }
    }

    /// <summary>System administrators manage everyone; others manage client users of their units only.</summary>
    public static async Task<bool> CanManageAsync(YunweiDbContext db, AppUser user, CurrentUser currentUser, CancellationToken cancellationToken) =>
        currentUser.SeesAllUnits
        || (user.Party == Party.Client && await db.UnitMemberships.AnyAsync(m => m.UserId == user.Id, cancellationToken));
}
