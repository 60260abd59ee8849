using Microsoft.EntityFrameworkCore;
using Yunwei.Data;
using Yunwei.Domain.Administration;
using Yunwei.Domain.Faults;
using Yunwei.Web.Features.Notifications;
using Yunwei.Web.Infrastructure;
using Yunwei.Web.Platform;

namespace Yunwei.Web.Features.Faults;

public sealed record CallerOption(Guid Id, string Name, string? Phone);

public sealed record AssetOption(string Code, string Name, string? IpAddress, string? LocationName);

public sealed record FaultFormOptions(IReadOnlyList<CallerOption> Callers, IReadOnlyList<Assets.LocationOption> Locations);


/// <summary>What the intake form offers: the unit's people (callers) and places (as paths); assets are searched as one types.</summary>
public sealed class FaultFormOptionsHandler(IDbContextFactory<YunweiDbContext> dbFactory, CurrentUser currentUser, Assets.GetAssetOptionsHandler assetOptions)
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
        var locations = (await assetOptions.HandleAsync(unitId, cancellationToken))?.Locations ?? [];
        return new FaultFormOptions(callers, locations);
    }

    /// <summary>The provider's engineers serving the unit (the fault list's engineer filter).</summary>
    public async Task<IReadOnlyList<EngineerChoice>> EngineersAsync(Guid unitId, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await Engineers.OfUnitAsync(db, unitId, cancellationToken);
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

    /// <summary>The asset's recent faults and how they were fixed: read before going on site (docs/contract.md §4).</summary>
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

    /// <summary>An asset's faults, newest first, with whether a confirmed handling report is on file (the asset's fault archive).</summary>
    public async Task<IReadOnlyList<(PastFault Fault, FaultReportState? Report)>> ForAssetAsync(Guid assetId, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var rows = await (from f in db.Faults.AsNoTracking()
                          where f.AssetId == assetId
                          join r in db.FaultReports on f.Id equals r.FaultId into reports
                          from r in reports.DefaultIfEmpty()
                          orderby f.ReportedAt descending
                          select new { f.Id, f.Number, f.Title, f.Level, f.State, f.ReportedAt, Report = r == null ? (FaultReportState?)null : r.State })
            .Take(20).ToListAsync(cancellationToken);
        return [.. rows.Select(r => (new PastFault(r.Id, r.Number, r.Title, r.Level, r.State, r.ReportedAt, null), r.Report))];
    }
}
