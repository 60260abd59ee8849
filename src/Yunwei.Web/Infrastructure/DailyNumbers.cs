using Microsoft.EntityFrameworkCore;
using Yunwei.Data;

namespace Yunwei.Web.Infrastructure;

/// <summary>
/// Record numbers of the form PREFIX-yyyyMMdd-nnn (XJ inspections, YH risks, TS complaints), counted per
/// day over all units; a clash of two writers in the same instant is retried by the caller with the next.
/// </summary>
public sealed class DailyNumbers(YunweiDbContext db, DateOnly day, string prefix)
{
    private int? _next;

    public async Task<string> NextAsync(CancellationToken cancellationToken)
    {
        var stem = $"{prefix}-{day:yyyyMMdd}-";
        if (_next is null)
        {
            var numbers = prefix switch
            {
                "YH" => db.Risks.IgnoreQueryFilters().Select(r => r.Number),
                "TS" => db.Complaints.IgnoreQueryFilters().Select(c => c.Number),
                _ => db.Inspections.IgnoreQueryFilters().Select(i => i.Number),
            };
            var last = await numbers.Where(n => n.StartsWith(stem)).OrderByDescending(n => n).FirstOrDefaultAsync(cancellationToken);
            _next = last is null ? 1 : int.Parse(last[stem.Length..], System.Globalization.CultureInfo.InvariantCulture) + 1;
        }

        return $"{stem}{_next++:000}";
    }
}
