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
    Dictionary<string, string?>? Attributes,
    int? Revision = null);

/// <summary>
/// Adds an asset to a unit or edits one. The code is unique in the unit (the error names the asset
/// that has it); IP and MAC are validated and normalised; custom attributes are checked against the
/// asset type; the subsystem defaults to the type's. An edit names the revision it was made on: when
/// someone else saved in between, it is refused (409) and nothing is overwritten.
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

        if (asset is not null && request.Revision != asset.Revision)
        {
            return Outcome<Guid>.StaleEdit(request.Revision);
        }

        var catalog = await AssetCatalog.LoadAsync(db, unitId, cancellationToken);
        var code = request.Code?.Trim() ?? string.Empty;
        var holder = code.Length == 0 ? null : await db.Assets
            .Where(a => a.ClientUnitId == unitId && a.Code == code && a.Id != assetId)
            .Select(a => a.Name).FirstOrDefaultAsync(cancellationToken);
        var errors = new ValidationErrors();
        var valid = AssetValidation.Validate(request, catalog, holder, errors);
        if (valid is null)
        {
            return Outcome<Guid>.Invalid(errors);
        }

        var now = time.GetUtcNow().UtcDateTime;
        if (asset is null)
        {
            asset = new Asset { ClientUnitId = unitId, Code = valid.Code, Name = valid.Name, CreatedAt = now };
            db.Assets.Add(asset);
        }

        valid.ApplyTo(asset, now);
        if (assetId is not null)
        {
            asset.Revision++;
        }

        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException ex) when (ex.IsLostRace())
        {
            return Outcome<Guid>.Conflict();
        }
        catch (DbUpdateException)
        {
            // Another user may have taken the code between the check and the save.
            await using var check = await dbFactory.CreateDbContextAsync(cancellationToken);
            var taker = await check.Assets.Where(a => a.ClientUnitId == unitId && a.Code == code && a.Id != asset.Id)
                .Select(a => a.Name).FirstOrDefaultAsync(cancellationToken);
            if (taker is null)
            {
                throw;
            }

            return Outcome<Guid>.Invalid(new ValidationErrors().Add(nameof(request.Code), "Validation.Asset.CodeTaken", code, taker));
        }

        return Outcome<Guid>.Ok(asset.Id);
    }
}
