using Yunwei.Data;
using Yunwei.Domain.Administration;
using Yunwei.Domain.Faults;
using Yunwei.Web.Infrastructure;

namespace Yunwei.Web.Features.Faults;

/// <summary>Which faults a person sees: the units' faults (query filters), and for end users only their own.</summary>
public static class FaultAccess
{
    /// <summary>A person whose only role is end user follows the faults they reported, not the whole unit's.</summary>
    public static bool OwnOnly(CurrentUser user) => user.Roles.Count > 0 && user.Roles.All(r => r == Roles.EndUser);

    public static IQueryable<Fault> Visible(YunweiDbContext db, CurrentUser user)
    {
        if (!OwnOnly(user))
        {
            return db.Faults;
        }

        var me = user.UserId;
        return db.Faults.Where(f => f.CallerUserId == me || f.CreatedById == me);
    }
}
