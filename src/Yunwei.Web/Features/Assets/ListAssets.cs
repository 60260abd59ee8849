using Microsoft.EntityFrameworkCore;
using Yunwei.Data;
using Yunwei.Domain;
using Yunwei.Domain.Assets;

namespace Yunwei.Web.Features.Assets;

public sealed record AssetQuery(
    Guid UnitId,
    string? Search = null,
    Guid? SubsystemId = null,
    Guid? AssetTypeId = null,
    Guid? LocationId = null,
    AssetStatus? Status = null,
    int? WarrantyWithinDays = null,
    string? After = null,
    int PageSize = 50);

public sealed record AssetRow(
    Guid Id,
    string Code,
    string Name,
    string? TypeName,
    string? SubsystemName,
    string? LocationName,
    string? IpAddress,
    string? SerialNumber,
    AssetStatus Status,
    DateOnly? WarrantyEnds);

/// <summary>One page of assets ordered by code; <see cref="NextAfter"/> continues the keyset.</summary>
public sealed record AssetPage(IReadOnlyList<AssetRow> Rows, string? NextAfter, int Total);

/// <summary>
/// The unit's assets with filters and a search over code, name, IP and serial number, paged by
/// code (keyset: each page starts after the last code of the previous one).
/// </summary>
public sealed class ListAssetsHandler(IDbContextFactory<YunweiDbContext> dbFactory, TimeProvider time)
{
    public const int MaxPageSize = 200;

    /// <summary>Null when the unit does not exist or is not visible to the caller.</summary>
    public async Task<AssetPage?> HandleAsync(AssetQuery query, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        if (!await db.ClientUnits.AnyAsync(u => u.Id == query.UnitId, cancellationToken))
        {
            return null;
        }

        var assets = Filter(db.Assets.AsNoTracking().Where(a => a.ClientUnitId == query.UnitId), query, ChinaTime.Today(time.GetUtcNow()));
        var total = await assets.CountAsync(cancellationToken);
        if (!string.IsNullOrEmpty(query.After))
        {
            var after = query.After;
#pragma warning disable CA1309, CA1310 // Translated to SQL "Code > @after", compared by the database's collation like ORDER BY.
            assets = assets.Where(a => a.Code.CompareTo(after) > 0);
#pragma warning restore CA1309, CA1310
        }

        var size = Math.Clamp(query.PageSize, 1, MaxPageSize);
        var rows = await assets.OrderBy(a => a.Code).Take(size + 1)
            .Select(a => new AssetRow(
                a.Id,
                a.Code,
                a.Name,
                db.AssetTypes.Where(t => t.Id == a.AssetTypeId).Select(t => t.Name).FirstOrDefault(),
                db.Subsystems.Where(s => s.Id == a.SubsystemId).Select(s => s.Name).FirstOrDefault(),
                db.Locations.Where(l => l.Id == a.LocationId).Select(l => l.Name).FirstOrDefault(),
                a.IpAddress,
                a.SerialNumber,
                a.Status,
                a.WarrantyEnds))
            .ToListAsync(cancellationToken);
        var more = rows.Count > size;
        if (more)
        {
            rows.RemoveAt(size);
        }

        return new AssetPage(rows, more ? rows[^1].Code : null, total);
    }

    /// <summary>The query's filters and search; shared with the Excel export.</summary>
    internal static IQueryable<Asset> Filter(IQueryable<Asset> assets, AssetQuery query, DateOnly today)
    {
        if (query.SubsystemId is { } subsystem)
        {
            assets = assets.Where(a => a.SubsystemId == subsystem);
        }

        if (query.AssetTypeId is { } type)
        {
            assets = assets.Where(a => a.AssetTypeId == type);
        }

        if (query.LocationId is { } location)
        {
            assets = assets.Where(a => a.LocationId == location);
        }

        if (query.Status is { } status)
        {
            assets = assets.Where(a => a.Status == status);
        }

        if (query.WarrantyWithinDays is { } days)
        {
            var until = today.AddDays(days);
            assets = assets.Where(a => a.WarrantyEnds != null && a.WarrantyEnds >= today && a.WarrantyEnds <= until);
        }

        if (!string.IsNullOrWhiteSpace(query.Search))
        {
            var text = query.Search.Trim();
            var upper = text.ToUpperInvariant();
            // Codes, IPs and serial numbers are searched from their start (index-friendly); names anywhere.
            assets = assets.Where(a => a.Code.StartsWith(upper) || a.Code.StartsWith(text)
                || a.Name.Contains(text)
                || (a.IpAddress != null && a.IpAddress.StartsWith(text))
                || (a.SerialNumber != null && a.SerialNumber.StartsWith(text)));
        }

        return assets;
    }
}
