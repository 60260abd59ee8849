using Microsoft.EntityFrameworkCore;
using Yunwei.Data;
using Yunwei.Domain.Assets;

namespace Yunwei.Web.Features.Assets;

/// <summary>The asset at the other end of a relation.</summary>
public sealed record RelatedAsset(Guid RelationId, RelationKind Kind, Guid AssetId, string Code, string Name, string? SubsystemName, string? Note);

/// <summary>Relations of an asset: what it relies on (outgoing) and what relies on it (incoming).</summary>
public sealed record AssetRelations(IReadOnlyList<RelatedAsset> Outgoing, IReadOnlyList<RelatedAsset> Incoming);

/// <summary>An asset that stops when the asset in question fails.</summary>
public sealed record ImpactRow(Guid AssetId, string Code, string Name, string? SubsystemName, int Distance, string ViaCode);

public sealed class GetRelationsHandler(IDbContextFactory<YunweiDbContext> dbFactory)
{
    public async Task<AssetRelations?> HandleAsync(Guid assetId, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        if (!await db.Assets.AnyAsync(a => a.Id == assetId, cancellationToken))
        {
            return null;
        }

        var outgoing = await (from r in db.AssetRelations
                              where r.FromAssetId == assetId
                              join a in db.Assets on r.ToAssetId equals a.Id
                              orderby r.Kind, a.Code
                              select new RelatedAsset(r.Id, r.Kind, a.Id, a.Code, a.Name, db.Subsystems.Where(s => s.Id == a.SubsystemId).Select(s => s.Name).FirstOrDefault(), r.Note))
            .ToListAsync(cancellationToken);
        var incoming = await (from r in db.AssetRelations
                              where r.ToAssetId == assetId
                              join a in db.Assets on r.FromAssetId equals a.Id
                              orderby r.Kind, a.Code
                              select new RelatedAsset(r.Id, r.Kind, a.Id, a.Code, a.Name, db.Subsystems.Where(s => s.Id == a.SubsystemId).Select(s => s.Name).FirstOrDefault(), r.Note))
            .ToListAsync(cancellationToken);
        return new AssetRelations(outgoing, incoming);
    }

    /// <summary>"If this fails, what else stops": every asset whose relations lead to this one, across subsystems.</summary>
    public async Task<IReadOnlyList<ImpactRow>?> ImpactAsync(Guid assetId, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var unitId = await db.Assets.Where(a => a.Id == assetId).Select(a => (Guid?)a.ClientUnitId).FirstOrDefaultAsync(cancellationToken);
        if (unitId is null)
        {
            return null;
        }

        var edges = await db.AssetRelations.Where(r => r.ClientUnitId == unitId)
            .Select(r => new { r.FromAssetId, r.ToAssetId }).ToListAsync(cancellationToken);
        var impact = AssetGraph.Impact(edges.Select(e => (e.FromAssetId, e.ToAssetId)), assetId);
        var ids = impact.Select(i => i.AssetId).Append(assetId).ToList();
        var assets = await db.Assets.Where(a => ids.Contains(a.Id))
            .Select(a => new { a.Id, a.Code, a.Name, Subsystem = db.Subsystems.Where(s => s.Id == a.SubsystemId).Select(s => s.Name).FirstOrDefault() })
            .ToDictionaryAsync(a => a.Id, cancellationToken);
        return [.. impact.Select(i => new ImpactRow(i.AssetId, assets[i.AssetId].Code, assets[i.AssetId].Name, assets[i.AssetId].Subsystem, i.Distance, assets[i.Via].Code))];
    }
}
