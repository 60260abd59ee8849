using Microsoft.EntityFrameworkCore;
using Yunwei.Data;
using Yunwei.Domain.Assets;
using Yunwei.Web.Infrastructure;

namespace Yunwei.Web.Features.Assets;

/// <param name="SortOrder">Position among siblings; null keeps it (0 for a new place).</param>
public sealed record SaveLocationRequest(Guid? ParentId, string? Name, LocationKind Kind, int? SortOrder = null, int? Revision = null);

/// <summary>
/// Adds a place to a unit's location tree or edits one (rename, change kind, move under another
/// parent). Names are unique among siblings; a place cannot move under itself or its descendants.
/// </summary>
public sealed class SaveLocationHandler(IDbContextFactory<YunweiDbContext> dbFactory)
{
    public Task<Outcome<Guid>> CreateAsync(Guid unitId, SaveLocationRequest request, CancellationToken cancellationToken = default) =>
        SaveAsync(unitId, null, request, cancellationToken);

    public async Task<Outcome<Guid>> UpdateAsync(Guid id, SaveLocationRequest request, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var unitId = await db.Locations.Where(l => l.Id == id).Select(l => (Guid?)l.ClientUnitId).FirstOrDefaultAsync(cancellationToken);
        return unitId is null ? Outcome<Guid>.NotFound() : await SaveAsync(unitId.Value, id, request, cancellationToken);
    }

    private async Task<Outcome<Guid>> SaveAsync(Guid unitId, Guid? id, SaveLocationRequest request, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        if (!await db.ClientUnits.AnyAsync(u => u.Id == unitId, cancellationToken))
        {
            return Outcome<Guid>.NotFound();
        }

        var all = await db.Locations.Where(l => l.ClientUnitId == unitId).ToListAsync(cancellationToken);
        var location = id is null ? null : all.First(l => l.Id == id);
        var name = request.Name?.Trim() ?? string.Empty;
        var errors = new ValidationErrors().Required(nameof(request.Name), request.Name, 100);
        if (!Enum.IsDefined(request.Kind))
        {
            errors.Add(nameof(request.Kind), "Validation.Invalid");
        }

        if (request.ParentId is { } parent)
        {
            if (all.All(l => l.Id != parent))
            {
                errors.Add(nameof(request.ParentId), "Validation.Asset.UnknownLocation");
            }
            else if (id is { } self && AssetGraph.WouldCreateCycle(all.Where(l => l.ParentId is not null).Select(l => (l.Id, l.ParentId!.Value)), self, parent))
            {
                errors.Add(nameof(request.ParentId), "Validation.Location.UnderItself");
            }
        }

        if (name.Length > 0 && all.Any(l => l.ParentId == request.ParentId && l.Id != id && string.Equals(l.Name, name, StringComparison.OrdinalIgnoreCase)))
        {
            errors.Add(nameof(request.Name), "Validation.Location.NameTaken", name);
        }

        if (!errors.IsEmpty)
        {
            return Outcome<Guid>.Invalid(errors);
        }

        if (location is null)
        {
            location = new Location { ClientUnitId = unitId, Name = name };
            db.Locations.Add(location);
        }
        else if (request.Revision != location.Revision)
        {
            // An edit names the revision it was made on: a place changed since is not overwritten.
            return Outcome<Guid>.StaleEdit(request.Revision);
        }
        else
        {
            location.Revision++;
        }

        location.ParentId = request.ParentId;
        location.Name = name;
        location.Kind = request.Kind;
        location.SortOrder = request.SortOrder ?? location.SortOrder;
        if (!await db.SavedAsync(cancellationToken))
        {
            return Outcome<Guid>.Conflict();
        }

        return Outcome<Guid>.Ok(location.Id);
    }
}
