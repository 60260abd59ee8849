using Microsoft.EntityFrameworkCore;
using Yunwei.Data;
using Yunwei.Domain.Assets;
using Yunwei.Web.Features.Audit;

namespace Yunwei.Web.Features.Assets;

public sealed record AssetDetails(
    Guid Id,
    Guid ClientUnitId,
    string Code,
    string Name,
    Guid AssetTypeId,
    string TypeName,
    Guid SubsystemId,
    string SubsystemName,
    Guid? LocationId,
    string? LocationPath,
    string? Brand,
    string? Model,
    string? SerialNumber,
    string? IpAddress,
    string? MacAddress,
    string? OwnerDepartment,
    string? Custodian,
    DateOnly? PurchaseDate,
    DateOnly? WarrantyEnds,
    AssetStatus Status,
    string? Notes,
    IReadOnlyList<AttributeDefinition> AttributeDefinitions,
    IReadOnlyDictionary<string, string> Attributes,
    DateTime CreatedAt,
    DateTime UpdatedAt,
    IReadOnlyList<AuditRow> History,
    IReadOnlyDictionary<Guid, string> HistoryNames,
    int Revision);

/// <summary>One asset with its type's attributes and its full change history from the audit trail.</summary>
public sealed class GetAssetHandler(IDbContextFactory<YunweiDbContext> dbFactory)
{
    public async Task<AssetDetails?> HandleAsync(Guid id, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var asset = await db.Assets.AsNoTracking().FirstOrDefaultAsync(a => a.Id == id, cancellationToken);
        if (asset is null)
        {
            return null;
        }

        var type = await db.AssetTypes.AsNoTracking().FirstAsync(t => t.Id == asset.AssetTypeId, cancellationToken);
        var subsystem = await db.Subsystems.AsNoTracking().Where(s => s.Id == asset.SubsystemId).Select(s => s.Name).FirstAsync(cancellationToken);
        string? locationPath = null;
        if (asset.LocationId is { } locationId)
        {
            var locations = await db.Locations.AsNoTracking().Where(l => l.ClientUnitId == asset.ClientUnitId).ToListAsync(cancellationToken);
            locationPath = GetAssetOptionsHandler.LocationPaths(locations).FirstOrDefault(l => l.Id == locationId)?.Path;
        }

        var key = asset.Id.ToString();
        var history = await db.AuditEntries.AsNoTracking()
            .Where(a => a.Entity == nameof(Asset) && a.EntityKey == key)
            .OrderByDescending(a => a.Id)
            .Select(a => new AuditRow(a.Id, a.At, a.UserId, a.UserName, a.ClientUnitId, a.Entity, a.EntityKey, a.Action, a.Changes))
            .ToListAsync(cancellationToken);

        return new AssetDetails(
            asset.Id, asset.ClientUnitId, asset.Code, asset.Name, type.Id, type.Name, asset.SubsystemId, subsystem, asset.LocationId, locationPath,
            asset.Brand, asset.Model, asset.SerialNumber, asset.IpAddress, asset.MacAddress, asset.OwnerDepartment, asset.Custodian,
            asset.PurchaseDate, asset.WarrantyEnds, asset.Status, asset.Notes, type.Attributes, asset.Attributes,
            asset.CreatedAt, asset.UpdatedAt, history, await AuditNames.ResolveAsync(db, history.Select(h => h.Changes), cancellationToken), asset.Revision);
    }
}
