using Microsoft.EntityFrameworkCore;
using Yunwei.Data;
using Yunwei.Domain.Notifications;

namespace Yunwei.Web.Platform;

/// <summary>
/// Adds notifications (the outbox) to a context, to be saved in the same transaction as the change
/// they announce. Recipients are people of the unit in given roles and/or named users; each person
/// gets one notification per dedup key.
/// </summary>
public static class NotificationWriter
{
    // Read for every new fault and most fault events: translated once (CompiledQuery).
    private static readonly CompiledQuery<Func<YunweiDbContext, Guid, string[], IAsyncEnumerable<Guid>>> MembersOf =
        new(() => EF.CompileAsyncQuery((YunweiDbContext db, Guid unitId, string[] roles) =>
            (from m in db.UnitMemberships
             where m.ClientUnitId == unitId
             join ur in db.UserRoles on m.UserId equals ur.UserId
             join r in db.Roles on ur.RoleId equals r.Id
             where roles.Contains(r.Name!)
             join u in db.Users on m.UserId equals u.Id
             where u.IsActive
             select m.UserId).Distinct()));

    /// <summary>The unit's members holding any of the roles.</summary>
    public static async Task<List<Guid>> MembersAsync(YunweiDbContext db, Guid unitId, IReadOnlyCollection<string> roles, CancellationToken cancellationToken) =>
        roles.Count == 0 ? [] : await MembersOf.For(db)(db, unitId, [.. roles]).ToListAsync(cancellationToken);

    public static void Add(YunweiDbContext db, IEnumerable<Guid?> recipients, Guid? unitId, string messageKey, IEnumerable<string> args, string? link, string dedupKey, bool urgent, DateTime nowUtc)
    {
        foreach (var recipient in recipients.OfType<Guid>().Where(id => id != Guid.Empty).Distinct())
        {
            db.Notifications.Add(new Notification
            {
                RecipientId = recipient,
                ClientUnitId = unitId,
                MessageKey = messageKey,
                Args = [.. args],
                Link = link,
                DedupKey = dedupKey,
                Urgent = urgent,
                CreatedAt = nowUtc,
            });
        }
    }
}
