using Microsoft.EntityFrameworkCore;
using Yunwei.Data;
using Yunwei.Domain.Assets;
using Yunwei.Web.Infrastructure;

namespace Yunwei.Web.Features.Assets;

public sealed record SaveAssetRequest(
    string? Code,
    string? Name,
    Guid? AssetTypeId,
    Guid? SubsystemId,
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
    Dictionary<string, string?>? Attributes);

/// <summary>
/// Adds an asset to a unit or edits one. The code is unique in the unit (the error names the asset
/// that has it); IP and MAC are validated and normalised; custom attributes are checked against the
/// asset type; the subsystem defaults to the type's.
/// </summary>
public sealed class SaveAssetHandler(IDbContextFactory<YunweiDbContext> dbFactory, TimeProvider time)
{
    public Task<Outcome<Guid>> CreateAsync(Guid unitId, SaveAssetRequest request, CancellationToken cancellationToken = default) =>
        SaveAsync(unitId, null, request, cancellationToken);

    public async Task<Outcome<Guid>> UpdateAsync(Guid assetId, SaveAssetRequest request, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var unitId = await db.Assets.Where(a => a.Id == assetId).Select(a => (Guid?)a.ClientUnitId).FirstOrDefaultAsync(cancellationToken);
        return unitId is null ? Outcome<Guid>.NotFound() : await SaveAsync(unitId.Value, assetId, request, cancellationToken);
    }

    private async Task<Outcome<Guid>> SaveAsync(Guid unitId, Guid? assetId, SaveAssetRequest request, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        if (!await db.ClientUnits.AnyAsync(u => u.Id == unitId, cancellationToken))
        {
            return Outcome<Guid>.NotFound();
        }

        var asset = assetId is null ? null : await db.Assets.FirstOrDefaultAsync(a => a.Id == assetId, cancellationToken);
        if (assetId is not null && asset is null)
        {
            return Outcome<Guid>.NotFound();
        }

        var errors = new ValidationErrors()
            .Required(nameof(request.Code), request.Code, Asset.CodeMaxLength)
            .Required(nameof(request.Name), request.Name, Asset.NameMaxLength)
            .Optional(nameof(request.Brand), request.Brand, 50)
            .Optional(nameof(request.Model), request.Model, 100)
            .Optional(nameof(request.SerialNumber), request.SerialNumber, 100)
            .Optional(nameof(request.OwnerDepartment), request.OwnerDepartment, 100)
            .Optional(nameof(request.Custodian), request.Custodian, 50)
            .Optional(nameof(request.Notes), request.Notes, 2000);
        var code = request.Code?.Trim() ?? string.Empty;
        if (code.Length > 0 && code.Any(c => char.IsWhiteSpace(c) || char.IsControl(c)))
        {
            errors.Add(nameof(request.Code), "Validation.Asset.CodeFormat");
        }
        else if (code.Length > 0)
        {
            var holder = await db.Assets.Where(a => a.ClientUnitId == unitId && a.Code == code && a.Id != assetId)
                .Select(a => a.Name).FirstOrDefaultAsync(cancellationToken);
            if (holder is not null)
            {
                errors.Add(nameof(request.Code), "Validation.Asset.CodeTaken", code, holder);
            }
        }

        var type = request.AssetTypeId is { } typeId
            ? await db.AssetTypes.FirstOrDefaultAsync(t => t.Id == typeId && t.ClientUnitId == unitId, cancellationToken)
            : null;
        if (type is null)
        {
            errors.Add(nameof(request.AssetTypeId), request.AssetTypeId is null ? "Validation.Required" : "Validation.Asset.UnknownType");
        }

        var subsystemId = request.SubsystemId ?? type?.SubsystemId;
        if (subsystemId is null)
        {
            errors.Add(nameof(request.SubsystemId), "Validation.Required");
        }
        else if (!await db.Subsystems.AnyAsync(s => s.Id == subsystemId && s.ClientUnitId == unitId, cancellationToken))
        {
            errors.Add(nameof(request.SubsystemId), "Validation.Asset.UnknownSubsystem");
        }

        if (request.LocationId is { } locationId && !await db.Locations.AnyAsync(l => l.Id == locationId && l.ClientUnitId == unitId, cancellationToken))
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

        if (!errors.IsEmpty)
        {
            return Outcome<Guid>.Invalid(errors);
        }

        var now = time.GetUtcNow().UtcDateTime;
        if (asset is null)
        {
            asset = new Asset { ClientUnitId = unitId, Code = code, Name = request.Name!.Trim(), CreatedAt = now };
            db.Assets.Add(asset);
        }

        asset.Code = code;
        asset.Name = request.Name!.Trim();
        asset.AssetTypeId = type!.Id;
        asset.SubsystemId = subsystemId!.Value;
        asset.LocationId = request.LocationId;
        asset.Brand = Clean(request.Brand);
        asset.Model = Clean(request.Model);
        asset.SerialNumber = Clean(request.SerialNumber);
        asset.IpAddress = ip;
        asset.MacAddress = mac;
        asset.OwnerDepartment = Clean(request.OwnerDepartment);
        asset.Custodian = Clean(request.Custodian);
        asset.PurchaseDate = request.PurchaseDate;
        asset.WarrantyEnds = request.WarrantyEnds;
        asset.Status = request.Status;
        asset.Notes = Clean(request.Notes);
        asset.Attributes = new Dictionary<string, string>(attributes);
        asset.UpdatedAt = now;
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            // Another user may have taken the code between the check and the save.
            await using var check = await dbFactory.CreateDbContextAsync(cancellationToken);
            var holder = await check.Assets.Where(a => a.ClientUnitId == unitId && a.Code == code && a.Id != asset.Id)
                .Select(a => a.Name).FirstOrDefaultAsync(cancellationToken);
            if (holder is null)
            {
                throw;
            }

            return Outcome<Guid>.Invalid(new ValidationErrors().Add(nameof(request.Code), "Validation.Asset.CodeTaken", code, holder));
        }

        return Outcome<Guid>.Ok(asset.Id);
    }

    private static string? Clean(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
