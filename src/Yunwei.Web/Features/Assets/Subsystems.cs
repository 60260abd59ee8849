using Microsoft.EntityFrameworkCore;
using Yunwei.Data;
using Yunwei.Domain.Administration;
using Yunwei.Domain.Assets;
using Yunwei.Domain.Documents;
using Yunwei.Web.Infrastructure;

namespace Yunwei.Web.Features.Assets;

/// <param name="RequiredDocuments">Document kinds the archive must hold for the subsystem; null keeps them as they are.</param>
public sealed record SaveSubsystemRequest(string? Name, int SortOrder, Guid? ClientOwnerId, Guid? ProviderOwnerId, IReadOnlyList<DocumentKind>? RequiredDocuments = null, int? Revision = null);

public sealed record SubsystemRow(
    Guid Id, string Name, int SortOrder, Guid? ClientOwnerId, string? ClientOwner, Guid? ProviderOwnerId, string? ProviderOwner, int AssetCount,
    IReadOnlyList<DocumentKind> RequiredDocuments,
    int Revision);

/// <summary>A person who may own a subsystem: a member of the unit, client or provider side.</summary>
public sealed record OwnerOption(Guid Id, string DisplayName, Party Party);

/// <summary>
/// The unit's subsystems with their owners on both sides: the client's person (a client member of
/// the unit) and the provider's (a provider member serving the unit).
/// </summary>
public sealed class SubsystemsHandler(IDbContextFactory<YunweiDbContext> dbFactory)
{
    public async Task<IReadOnlyList<SubsystemRow>?> ListAsync(Guid unitId, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        if (!await db.ClientUnits.AnyAsync(u => u.Id == unitId, cancellationToken))
        {
            return null;
        }

        return await db.Subsystems.AsNoTracking().Where(s => s.ClientUnitId == unitId).OrderBy(s => s.SortOrder)
            .Select(s => new SubsystemRow(
                s.Id, s.Name, s.SortOrder,
                s.ClientOwnerId, db.Users.Where(u => u.Id == s.ClientOwnerId).Select(u => u.DisplayName).FirstOrDefault(),
                s.ProviderOwnerId, db.Users.Where(u => u.Id == s.ProviderOwnerId).Select(u => u.DisplayName).FirstOrDefault(),
                db.Assets.Count(a => a.SubsystemId == s.Id),
                s.RequiredDocuments,
                s.Revision))
            .ToListAsync(cancellationToken);
    }

    public async Task<IReadOnlyList<OwnerOption>> OwnersAsync(Guid unitId, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.Users.AsNoTracking()
            .Where(u => u.IsActive && db.UnitMemberships.Any(m => m.UserId == u.Id && m.ClientUnitId == unitId))
            .OrderBy(u => u.Party).ThenBy(u => u.DisplayName)
            .Select(u => new OwnerOption(u.Id, u.DisplayName, u.Party))
            .ToListAsync(cancellationToken);
    }

    public Task<Outcome<Guid>> CreateAsync(Guid unitId, SaveSubsystemRequest request, CancellationToken cancellationToken = default) =>
        SaveAsync(unitId, null, request, cancellationToken);

    public async Task<Outcome<Guid>> UpdateAsync(Guid id, SaveSubsystemRequest request, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var unitId = await db.Subsystems.Where(s => s.Id == id).Select(s => (Guid?)s.ClientUnitId).FirstOrDefaultAsync(cancellationToken);
        return unitId is null ? Outcome<Guid>.NotFound() : await SaveAsync(unitId.Value, id, request, cancellationToken);
    }

    private async Task<Outcome<Guid>> SaveAsync(Guid unitId, Guid? id, SaveSubsystemRequest request, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        if (!await db.ClientUnits.AnyAsync(u => u.Id == unitId, cancellationToken))
        {
            return Outcome<Guid>.NotFound();
        }

        var name = request.Name?.Trim() ?? string.Empty;
        var errors = new ValidationErrors().Required(nameof(request.Name), request.Name, 50);
        if (name.Length > 0 && await db.Subsystems.AnyAsync(s => s.ClientUnitId == unitId && s.Name == name && s.Id != id, cancellationToken))
        {
            errors.Add(nameof(request.Name), "Validation.Subsystem.NameTaken", name);
        }

        await CheckOwnerAsync(db, unitId, request.ClientOwnerId, Party.Client, nameof(request.ClientOwnerId), errors, cancellationToken);
        await CheckOwnerAsync(db, unitId, request.ProviderOwnerId, Party.Provider, nameof(request.ProviderOwnerId), errors, cancellationToken);
        if (!errors.IsEmpty)
        {
            return Outcome<Guid>.Invalid(errors);
        }

        var subsystem = id is null ? null : await db.Subsystems.FirstAsync(s => s.Id == id, cancellationToken);
        if (subsystem is null)
        {
            subsystem = new Subsystem { ClientUnitId = unitId, Name = name };
            db.Subsystems.Add(subsystem);
        }
        else if (request.Revision != subsystem.Revision)
        {
            // An edit names the revision it was made on: a subsystem changed since is not overwritten.
            return Outcome<Guid>.StaleEdit(request.Revision);
        }
        else
        {
            subsystem.Revision++;
        }

        subsystem.Name = name;
        subsystem.SortOrder = request.SortOrder;
        subsystem.ClientOwnerId = request.ClientOwnerId;
        subsystem.ProviderOwnerId = request.ProviderOwnerId;
        if (request.RequiredDocuments is { } required)
        {
            subsystem.RequiredDocuments = [.. required.Where(Enum.IsDefined).Distinct().Order()];
        }

        if (!await db.SavedAsync(cancellationToken))
        {
            return Outcome<Guid>.Conflict();
        }

        return Outcome<Guid>.Ok(subsystem.Id);
    }

    private static async Task CheckOwnerAsync(YunweiDbContext db, Guid unitId, Guid? owner, Party party, string field, ValidationErrors errors, CancellationToken cancellationToken)
    {
        if (owner is { } id && !await db.Users.AnyAsync(
                u => u.Id == id && u.Party == party && db.UnitMemberships.Any(m => m.UserId == id && m.ClientUnitId == unitId), cancellationToken))
        {
            errors.Add(field, party == Party.Client ? "Validation.Subsystem.ClientOwner" : "Validation.Subsystem.ProviderOwner");
        }
    }
}
