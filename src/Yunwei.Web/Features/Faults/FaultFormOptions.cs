using Microsoft.EntityFrameworkCore;
using Yunwei.Data;
using Yunwei.Domain.Administration;
using Yunwei.Domain.Faults;
using Yunwei.Web.Infrastructure;

namespace Yunwei.Web.Features.Faults;

public sealed record CallerOption(Guid Id, string Name, string? Phone);

public sealed record AssetOption(string Code, string Name, string? IpAddress, string? LocationName);

public sealed record PlaceOption(Guid Id, string Name);

public sealed record FaultFormOptions(IReadOnlyList<CallerOption> Callers, IReadOnlyList<PlaceOption> Locations);

/// <summary>What the intake form offers: the unit's people (callers) and places; assets are searched as one types.</summary>
public sealed class FaultFormOptionsHandler(IDbContextFactory<YunweiDbContext> dbFactory, CurrentUser currentUser)
{
    public async Task<FaultFormOptions> HandleAsync(Guid unitId, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var callers = currentUser.Can(Permissions.FaultsHandle)
            ? await (from m in db.UnitMemberships
                     where m.ClientUnitId == unitId
                     join u in db.Users on m.UserId equals u.Id
                     where u.Party == Party.Client && u.IsActive
                     orderby u.DisplayName
                     select new CallerOption(u.Id, u.DisplayName, u.PhoneNumber)).Take(500).ToListAsync(cancellationToken)
            : [];
        var locations = await db.Locations.AsNoTracking().Where(l => l.ClientUnitId == unitId)
            .OrderBy(l => l.Name).Select(l => new PlaceOption(l.Id, l.Name)).Take(500).ToListAsync(cancellationToken);
        return new FaultFormOptions(callers, locations);
    }

    /// <summary>Assets of the unit whose code, name or IP starts with or contains the text (at most 10).</summary>
    public async Task<IReadOnlyList<AssetOption>> SearchAssetsAsync(Guid unitId, string? text, CancellationToken cancellationToken = default)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return [];
        }

        var s = text.Trim();
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await (from a in db.Assets.AsNoTracking()
                      where a.ClientUnitId == unitId && (a.Code.Contains(s) || a.Name.Contains(s) || (a.IpAddress != null && a.IpAddress.StartsWith(s)))
                      join l in db.Locations on a.LocationId equals l.Id into ls
                      from l in ls.DefaultIfEmpty()
                      orderby a.Code
                      select new AssetOption(a.Code, a.Name, a.IpAddress, l == null ? null : l.Name)).Take(10).ToListAsync(cancellationToken);
    }

    /// <summary>The asset's recent faults and how they were fixed: read before going on site (CONTRACT §4).</summary>
    public async Task<IReadOnlyList<PastFault>> HistoryAsync(Guid unitId, string code, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var assetId = await db.Assets.Where(a => a.ClientUnitId == unitId && a.Code == code).Select(a => (Guid?)a.Id).FirstOrDefaultAsync(cancellationToken);
        if (assetId is null)
        {
            return [];
        }

        var past = await db.Faults.AsNoTracking().Where(f => f.AssetId == assetId).OrderByDescending(f => f.ReportedAt).Take(5)
            .Select(f => new { f.Id, f.Number, f.Title, f.Level, f.State, f.ReportedAt }).ToListAsync(cancellationToken);
        var ids = past.Select(p => p.Id).ToList();
        var fixes = await db.FaultEvents.AsNoTracking()
            .Where(e => ids.Contains(e.FaultId) && e.Type == FaultEventType.Resolved && e.Text != null)
            .Select(e => new { e.FaultId, e.Text }).ToListAsync(cancellationToken);
        return [.. past.Select(p => new PastFault(p.Id, p.Number, p.Title, p.Level, p.State, p.ReportedAt, fixes.FirstOrDefault(f => f.FaultId == p.Id)?.Text))];
    }
}
