using Microsoft.EntityFrameworkCore;
using Yunwei.Domain;
using Yunwei.Domain.Complaints;

namespace Yunwei.Web.Features.Complaints;

public sealed partial class ComplaintsHandler
{
    public async Task<IReadOnlyList<ComplaintRow>?> ListAsync(Guid unitId, bool openOnly, DateOnly? from = null, DateOnly? to = null, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        if (!await db.ClientUnits.AnyAsync(u => u.Id == unitId, cancellationToken))
        {
            return null;
        }

        var rows = Visible(db).AsNoTracking().Where(c => c.ClientUnitId == unitId);
        if (openOnly)
        {
            rows = rows.Where(c => c.State != ComplaintState.Closed);
        }

        if (from is { } f)
        {
            var start = ChinaTime.DayStartUtc(f);
            rows = rows.Where(c => c.ReceivedAt >= start);
        }

        if (to is { } t)
        {
            var end = ChinaTime.DayEndUtc(t);
            rows = rows.Where(c => c.ReceivedAt < end);
        }

        var now = time.GetUtcNow().UtcDateTime;
        return [.. (await rows.OrderByDescending(c => c.ReceivedAt).Take(500).ToListAsync(cancellationToken)).Select(c => Row(c, now))];
    }
}
