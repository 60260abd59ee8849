using Microsoft.EntityFrameworkCore;
using Yunwei.Data;
using Yunwei.Web.Infrastructure;

namespace Yunwei.Web.Platform;

/// <summary>
/// Record numbers of the form PREFIX-yyyyMMdd-nnn (XJ inspections, YH risks, TS complaints), counted per
/// day over all units by a <see cref="NumberCounter"/>: two writers at once draw different numbers.
/// </summary>
public sealed class DailyNumbers(YunweiDbContext db, DateOnly day, string prefix)
{
    public async Task<string> NextAsync(CancellationToken cancellationToken)
    {
        var stem = $"{prefix}-{day:yyyyMMdd}-";
        IQueryable<string> numbers = prefix switch
        {
            "YH" => db.Risks.IgnoreQueryFilters().Select(r => r.Number),
            "TS" => db.Complaints.IgnoreQueryFilters().Select(c => c.Number),
            _ => db.Inspections.IgnoreQueryFilters().Select(i => i.Number),
        };
        return $"{stem}{await NumberCounter.NextAsync(db, stem, numbers, cancellationToken):000}";
    }
}
