using System.Security.Claims;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Yunwei.Data;
using Yunwei.Data.Identity;

namespace Yunwei.Web.Infrastructure;

/// <summary>Adds the user's party, display name and unit memberships to the sign-in principal.</summary>
public sealed class YunweiClaimsFactory(
    UserManager<AppUser> userManager,
    RoleManager<AppRole> roleManager,
    IOptions<IdentityOptions> options,
    IDbContextFactory<YunweiDbContext> dbFactory)
    : UserClaimsPrincipalFactory<AppUser, AppRole>(userManager, roleManager, options)
{
    protected override async Task<ClaimsIdentity> GenerateClaimsAsync(AppUser user)
    {
        var identity = await base.GenerateClaimsAsync(user);
        identity.AddClaim(new Claim(CurrentUser.PartyClaim, user.Party.ToString()));
        identity.AddClaim(new Claim(CurrentUser.DisplayNameClaim, user.DisplayName));
        await using var db = await dbFactory.CreateDbContextAsync();
        var units = await db.UnitMemberships.IgnoreQueryFilters()
            .Where(m => m.UserId == user.Id)
            .Select(m => m.ClientUnitId)
            .ToListAsync();
        foreach (var unit in units)
        {
            identity.AddClaim(new Claim(CurrentUser.UnitClaim, unit.ToString()));
        }

        return identity;
    }
}
