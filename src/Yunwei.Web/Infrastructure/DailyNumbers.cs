using Microsoft.EntityFrameworkCore;
using Yunwei.Data;

namespace Yunwei.Web.Infrastructure;

/// <summary>
/// Record numbers of the form PREFIX-yyyyMMdd-nnn (XJ inspections, YH risks, TS complaints), counted per
/// day over all units by a <see cref="NumberCounter"/>: two writers at once draw different numbers.
/// </summary>
public sealed class DailyNumbers(YunweiDbContext db, DateOnly day, string prefix)
{
    public async Task<string> NextAsync(CancellationToken cancellationToken)
    {
        var stem = $"{prefix}-{day:yyyyMMdd}-";
        var next = await NumberCounter.NextAsync(db, stem, () => InUseAsync(stem, cancellationToken), cancellationToken);
        return $"{stem}{next:000}";
    }

    /// <summary>The highest number of the day already used (before the counter existed).</summary>
    private async Task<int> InUseAsync(string stem, CancellationToken cancellationToken)
    {
        var numbers = prefix switch
        {
            "YH" => db.Risks.IgnoreQueryFilters().Select(r => r.Number),
            "TS" => db.Complaints.IgnoreQueryFilters().Select(c => c.Number),
            _ => db.Inspections.IgnoreQueryFilters().Select(i => i.Number),
        };
        var used = await numbers.Where(n => n.StartsWith(stem)).Select(n => n.Substring(stem.Length)).ToListAsync(cancellationToken);
        return used.Select(n => int.TryParse(n, System.Globalization.CultureInfo.InvariantCulture, out var i) ? i : 0).DefaultIfEmpty(0).Max();
    }
}
