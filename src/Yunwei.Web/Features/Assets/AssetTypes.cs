using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Yunwei.Data;
using Yunwei.Domain.Assets;
using Yunwei.Web.Infrastructure;

namespace Yunwei.Web.Features.Assets;

public sealed record SaveAssetTypeRequest(string? Name, Guid? SubsystemId, int SortOrder, IReadOnlyList<AttributeDefinition>? Attributes, int? Revision = null);

public sealed record AssetTypeRow(Guid Id, string Name, Guid? SubsystemId, string? SubsystemName, int SortOrder, IReadOnlyList<AttributeDefinition> Attributes, int AssetCount, int Revision);

/// <summary>
/// The unit's asset types and their custom attributes, defined by an administrator. Attribute keys
/// are stable identifiers (letters and digits); a key in use by assets keeps its values when the
/// label changes. A type with assets cannot be deleted.
/// </summary>
public sealed partial class AssetTypesHandler(IDbContextFactory<YunweiDbContext> dbFactory)
{
    public async Task<IReadOnlyList<AssetTypeRow>?> ListAsync(Guid unitId, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        if (!await db.ClientUnits.AnyAsync(u => u.Id == unitId, cancellationToken))
        {
            return null;
        }

        var types = await db.AssetTypes.AsNoTracking().Where(t => t.ClientUnitId == unitId).OrderBy(t => t.SortOrder).ToListAsync(cancellationToken);
        var subsystems = await db.Subsystems.AsNoTracking().Where(s => s.ClientUnitId == unitId).ToDictionaryAsync(s => s.Id, s => s.Name, cancellationToken);
        var counts = await db.Assets.Where(a => a.ClientUnitId == unitId).GroupBy(a => a.AssetTypeId)
            .Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count, cancellationToken);
        return [.. types.Select(t => new AssetTypeRow(t.Id, t.Name, t.SubsystemId, t.SubsystemId is { } s ? subsystems.GetValueOrDefault(s) : null,
            t.SortOrder, t.Attributes, counts.GetValueOrDefault(t.Id), t.Revision))];
    }

    public Task<Outcome<Guid>> CreateAsync(Guid unitId, SaveAssetTypeRequest request, CancellationToken cancellationToken = default) =>
        SaveAsync(unitId, null, request, cancellationToken);

    public async Task<Outcome<Guid>> UpdateAsync(Guid id, SaveAssetTypeRequest request, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var unitId = await db.AssetTypes.Where(t => t.Id == id).Select(t => (Guid?)t.ClientUnitId).FirstOrDefaultAsync(cancellationToken);
        return unitId is null ? Outcome<Guid>.NotFound() : await SaveAsync(unitId.Value, id, request, cancellationToken);
    }

    public async Task<Outcome<bool>> DeleteAsync(Guid id, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var type = await db.AssetTypes.FirstOrDefaultAsync(t => t.Id == id, cancellationToken);
        if (type is null)
        {
            return Outcome<bool>.NotFound();
        }

        var assets = await db.Assets.CountAsync(a => a.AssetTypeId == id, cancellationToken);
        if (assets > 0)
        {
            return Outcome<bool>.Invalid(new ValidationErrors().Add("id", "Validation.AssetType.InUse", assets));
        }

        db.AssetTypes.Remove(type);
        await db.SaveChangesAsync(cancellationToken);
        return Outcome<bool>.Ok(true);
    }

    private async Task<Outcome<Guid>> SaveAsync(Guid unitId, Guid? id, SaveAssetTypeRequest request, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        if (!await db.ClientUnits.AnyAsync(u => u.Id == unitId, cancellationToken))
        {
            return Outcome<Guid>.NotFound();
        }

        var name = request.Name?.Trim() ?? string.Empty;
        var errors = new ValidationErrors().Required(nameof(request.Name), request.Name, AssetType.NameMaxLength);
        if (name.Length > 0 && await db.AssetTypes.AnyAsync(t => t.ClientUnitId == unitId && t.Name == name && t.Id != id, cancellationToken))
        {
            errors.Add(nameof(request.Name), "Validation.AssetType.NameTaken", name);
        }

        if (request.SubsystemId is { } s && !await db.Subsystems.AnyAsync(x => x.Id == s && x.ClientUnitId == unitId, cancellationToken))
        {
            errors.Add(nameof(request.SubsystemId), "Validation.Asset.UnknownSubsystem");
        }

        var attributes = new List<AttributeDefinition>();
        var list = request.Attributes ?? [];
        for (var i = 0; i < list.Count; i++)
        {
            var a = list[i];
            var field = $"Attributes[{i}]";
            var key = a.Key?.Trim() ?? string.Empty;
            if (!KeyPattern().IsMatch(key))
            {
                errors.Add(field + ".Key", "Validation.AssetType.Key");
            }
            else if (attributes.Any(x => x.Key == key))
            {
                errors.Add(field + ".Key", "Validation.AssetType.KeyTwice", key);
            }

            errors.Required(field + ".Label", a.Label, 50);
            if (!Enum.IsDefined(a.Kind))
            {
                errors.Add(field + ".Kind", "Validation.Invalid");
            }

            var options = (a.Options ?? []).Select(o => o.Trim()).Where(o => o.Length > 0).Distinct().ToList();
            if (a.Kind == AttributeKind.Choice && options.Count == 0)
            {
                errors.Add(field + ".Options", "Validation.AssetType.Options");
            }

            attributes.Add(new AttributeDefinition
            {
                Key = key,
                Label = a.Label?.Trim() ?? string.Empty,
                Kind = a.Kind,
                Required = a.Required,
                Options = a.Kind == AttributeKind.Choice ? options : [],
                Unit = string.IsNullOrWhiteSpace(a.Unit) ? null : a.Unit.Trim(),
            });
        }

        if (attributes.Select(a => a.Label).Distinct().Count() != attributes.Count)
        {
            errors.Add(nameof(request.Attributes), "Validation.AssetType.LabelTwice");
        }

        if (!errors.IsEmpty)
        {
            return Outcome<Guid>.Invalid(errors);
        }

        var type = id is null ? null : await db.AssetTypes.FirstAsync(t => t.Id == id, cancellationToken);
        if (type is null)
        {
            type = new AssetType { ClientUnitId = unitId, Name = name };
            db.AssetTypes.Add(type);
        }
        else if (request.Revision != type.Revision)
        {
            // An edit names the revision it was made on: a type changed since is not overwritten.
            return Outcome<Guid>.StaleEdit(request.Revision);
        }
        else
        {
            type.Revision++;
        }

        type.Name = name;
        type.SubsystemId = request.SubsystemId;
        type.SortOrder = request.SortOrder;
        type.Attributes = attributes;
        if (!await db.SavedAsync(cancellationToken))
        {
            return Outcome<Guid>.Conflict();
        }

        return Outcome<Guid>.Ok(type.Id);
    }

    [GeneratedRegex("^[A-Za-z][A-Za-z0-9]{0,29}$")]
    private static partial Regex KeyPattern();
}
