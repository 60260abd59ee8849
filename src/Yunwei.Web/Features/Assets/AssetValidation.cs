using Microsoft.EntityFrameworkCore;
using Yunwei.Data;
using Yunwei.Domain.Assets;
using Yunwei.Web.Infrastructure;

namespace Yunwei.Web.Features.Assets;

/// <summary>A unit's asset types, subsystems and locations, loaded once to check many assets.</summary>
public sealed class AssetCatalog
{
    public required Guid UnitId { get; init; }

    public required IReadOnlyList<AssetType> Types { get; init; }

    public required IReadOnlyList<Subsystem> Subsystems { get; init; }

    public required IReadOnlyList<LocationOption> Locations { get; init; }

    public static async Task<AssetCatalog> LoadAsync(YunweiDbContext db, Guid unitId, CancellationToken cancellationToken)
    {
        var types = await db.AssetTypes.AsNoTracking().Where(t => t.ClientUnitId == unitId).OrderBy(t => t.SortOrder).ToListAsync(cancellationToken);
        var subsystems = await db.Subsystems.AsNoTracking().Where(s => s.ClientUnitId == unitId).OrderBy(s => s.SortOrder).ToListAsync(cancellationToken);
        var locations = await db.Locations.AsNoTracking().Where(l => l.ClientUnitId == unitId).ToListAsync(cancellationToken);
        return new AssetCatalog { UnitId = unitId, Types = types, Subsystems = subsystems, Locations = GetAssetOptionsHandler.LocationPaths(locations) };
    }
}

/// <summary>An asset's fields after checking: trimmed, normalised, with ids resolved.</summary>
public sealed record ValidAsset(
    string Code,
    string Name,
    Guid AssetTypeId,
    Guid SubsystemId,
    Guid? LocationId,
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
    IReadOnlyDictionary<string, string> Attributes)
{
    /// <summary>Whether the asset already holds exactly these values (an import then leaves it alone).</summary>
    public bool SameAs(Asset asset) =>
        asset.Code == Code && asset.Name == Name && asset.AssetTypeId == AssetTypeId && asset.SubsystemId == SubsystemId
        && asset.LocationId == LocationId && asset.Brand == Brand && asset.Model == Model && asset.SerialNumber == SerialNumber
        && asset.IpAddress == IpAddress && asset.MacAddress == MacAddress && asset.OwnerDepartment == OwnerDepartment
        && asset.Custodian == Custodian && asset.PurchaseDate == PurchaseDate && asset.WarrantyEnds == WarrantyEnds
        && asset.Status == Status && asset.Notes == Notes
        && asset.Attributes.Count == Attributes.Count && Attributes.All(p => asset.Attributes.TryGetValue(p.Key, out var v) && v == p.Value);

    public void ApplyTo(Asset asset, DateTime now)
    {
        asset.Code = Code;
        asset.Name = Name;
        asset.AssetTypeId = AssetTypeId;
        asset.SubsystemId = SubsystemId;
        asset.LocationId = LocationId;
        asset.Brand = Brand;
        asset.Model = Model;
        asset.SerialNumber = SerialNumber;
        asset.IpAddress = IpAddress;
        asset.MacAddress = MacAddress;
        asset.OwnerDepartment = OwnerDepartment;
        asset.Custodian = Custodian;
        asset.PurchaseDate = PurchaseDate;
        asset.WarrantyEnds = WarrantyEnds;
        asset.Status = Status;
        asset.Notes = Notes;
        asset.Attributes = new Dictionary<string, string>(Attributes);
        asset.UpdatedAt = now;
    }
}

/// <summary>
/// The one set of rules for an asset's fields, used by the form, the API and the Excel import.
/// Problems go to <see cref="ValidationErrors"/> under the request's field names.
/// </summary>
public static class AssetValidation
{
    /// <param name="codeHolder">Name of another asset of the unit that already has this code, if any.</param>
    public static ValidAsset? Validate(SaveAssetRequest request, AssetCatalog catalog, string? codeHolder, ValidationErrors errors)
    {
        errors.Required(nameof(request.Code), request.Code, Asset.CodeMaxLength)
            .Required(nameof(request.Name), request.Name, Asset.NameMaxLength)
            .Optional(nameof(request.Brand), request.Brand, 50)
            .Optional(nameof(request.Model), request.Model, 100)
            .Optional(nameof(request.SerialNumber), request.SerialNumber, 100)
            .Optional(nameof(request.OwnerDepartment), request.OwnerDepartment, 100)
            .Optional(nameof(request.Custodian), request.Custodian, 50)
            .Optional(nameof(request.Notes), request.Notes, 2000);
        var before = errors.Entries.Count();
        var code = request.Code?.Trim() ?? string.Empty;
        if (code.Length > 0 && code.Any(c => char.IsWhiteSpace(c) || char.IsControl(c)))
        {
            errors.Add(nameof(request.Code), "Validation.Asset.CodeFormat");
        }
        else if (code.Length > 0 && codeHolder is not null)
        {
            errors.Add(nameof(request.Code), "Validation.Asset.CodeTaken", code, codeHolder);
        }

        var type = request.AssetTypeId is { } typeId ? catalog.Types.FirstOrDefault(t => t.Id == typeId) : null;
        if (type is null)
        {
            errors.Add(nameof(request.AssetTypeId), request.AssetTypeId is null ? "Validation.Required" : "Validation.Asset.UnknownType");
        }

        var subsystemId = request.SubsystemId ?? type?.SubsystemId;
        if (subsystemId is null)
        {
            errors.Add(nameof(request.SubsystemId), "Validation.Required");
        }
        else if (catalog.Subsystems.All(s => s.Id != subsystemId))
        {
            errors.Add(nameof(request.SubsystemId), "Validation.Asset.UnknownSubsystem");
        }

        if (request.LocationId is { } locationId && catalog.Locations.All(l => l.Id != locationId))
        {
            errors.Add(nameof(request.LocationId), "Validation.Asset.UnknownLocation");
        }

        string? ip = null;
        if (!string.IsNullOrWhiteSpace(request.IpAddress) && !AssetRules.TryNormalizeIp(request.IpAddress, out ip!))
        {
            errors.Add(nameof(request.IpAddress), "Validation.Asset.Ip");
        }

        string? mac = null;
        if (!string.IsNullOrWhiteSpace(request.MacAddress) && !AssetRules.TryNormalizeMac(request.MacAddress, out mac!))
        {
            errors.Add(nameof(request.MacAddress), "Validation.Asset.Mac");
        }

        if (request.PurchaseDate is { } bought && request.WarrantyEnds is { } ends && ends < bought)
        {
            errors.Add(nameof(request.WarrantyEnds), "Validation.Asset.WarrantyBeforePurchase");
        }

        if (!Enum.IsDefined(request.Status))
        {
            errors.Add(nameof(request.Status), "Validation.Invalid");
        }

        var attributeErrors = new List<(string Key, string Error)>();
        var attributes = type is null
            ? new Dictionary<string, string>()
            : AssetRules.CleanAttributes(type.Attributes, request.Attributes, attributeErrors);
        foreach (var (key, error) in attributeErrors)
        {
            errors.Add($"Attributes.{key}", error);
        }

        if (errors.Entries.Count() != before || type is null || subsystemId is null)
        {
            return null;
        }

        return new ValidAsset(
            code, request.Name!.Trim(), type.Id, subsystemId.Value, request.LocationId,
            Clean(request.Brand), Clean(request.Model), Clean(request.SerialNumber), ip, mac,
            Clean(request.OwnerDepartment), Clean(request.Custodian), request.PurchaseDate, request.WarrantyEnds,
            request.Status, Clean(request.Notes), attributes);
    }

    private static string? Clean(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
