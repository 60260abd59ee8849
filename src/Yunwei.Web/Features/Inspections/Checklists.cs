using Microsoft.EntityFrameworkCore;
using Yunwei.Data;
using Yunwei.Domain.Administration;
using Yunwei.Domain.Inspections;
using Yunwei.Web.Infrastructure;

namespace Yunwei.Web.Features.Inspections;

public sealed record ChecklistSummary(Guid Id, Guid SubsystemId, string Subsystem, string Name, int Version, int ItemCount, DateTime CreatedAt, string? CreatedBy);

public sealed record ChecklistView(Guid Id, Guid SubsystemId, string Subsystem, string Name, int Version, bool IsCurrent, IReadOnlyList<ChecklistItem> Items, IReadOnlyList<ChecklistSummary> History);

/// <param name="BaseVersion">The version the editor started from; a newer one saved meanwhile is a conflict.</param>
public sealed record SaveChecklistRequest(string? Name, IReadOnlyList<ChecklistItem>? Items, int BaseVersion);

/// <summary>
/// Checklist templates (巡检项) per subsystem. Saving makes a new version and keeps the old ones;
/// inspections copy the items they use, so an edit never changes a finished inspection.
/// </summary>
public sealed class ChecklistsHandler(IDbContextFactory<YunweiDbContext> dbFactory, CurrentUser currentUser, TimeProvider time)
{
    public async Task<IReadOnlyList<ChecklistSummary>?> ListAsync(Guid unitId, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        if (!await db.ClientUnits.AnyAsync(u => u.Id == unitId, cancellationToken))
        {
            return null;
        }

        return await (from t in db.ChecklistTemplates.AsNoTracking()
                      where t.ClientUnitId == unitId && t.IsCurrent
                      join s in db.Subsystems on t.SubsystemId equals s.Id
                      orderby s.SortOrder, s.Name
                      select new { t, s.Name })
            .Select(x => new ChecklistSummary(x.t.Id, x.t.SubsystemId, x.Name, x.t.Name, x.t.Version, x.t.Items.Count, x.t.CreatedAt, x.t.CreatedBy))
            .ToListAsync(cancellationToken);
    }

    /// <summary>A subsystem's current checklist with its version history.</summary>
    public async Task<ChecklistView?> GetAsync(Guid subsystemId, int? version = null, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var subsystem = await db.Subsystems.AsNoTracking().FirstOrDefaultAsync(s => s.Id == subsystemId, cancellationToken);
        if (subsystem is null)
        {
            return null;
        }

        var all = await db.ChecklistTemplates.AsNoTracking().Where(t => t.SubsystemId == subsystemId).OrderByDescending(t => t.Version).ToListAsync(cancellationToken);
        var shown = version is { } v ? all.FirstOrDefault(t => t.Version == v) : all.FirstOrDefault(t => t.IsCurrent) ?? all.FirstOrDefault();
        return new ChecklistView(
            shown?.Id ?? Guid.Empty, subsystemId, subsystem.Name, shown?.Name ?? $"{subsystem.Name}巡检表", shown?.Version ?? 0, shown?.IsCurrent ?? true, shown?.Items ?? [],
            [.. all.Select(t => new ChecklistSummary(t.Id, t.SubsystemId, subsystem.Name, t.Name, t.Version, t.Items.Count, t.CreatedAt, t.CreatedBy))]);
    }

    /// <summary>Saves the subsystem's checklist as a new version (items keep their keys; new items get new ones).</summary>
    public async Task<Outcome<ChecklistView>> SaveAsync(Guid subsystemId, SaveChecklistRequest request, CancellationToken cancellationToken = default)
    {
        if (!currentUser.Can(Permissions.InspectionsPlan))
        {
            return Outcome<ChecklistView>.NotAllowed();
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var subsystem = await db.Subsystems.AsNoTracking().FirstOrDefaultAsync(s => s.Id == subsystemId, cancellationToken);
        if (subsystem is null)
        {
            return Outcome<ChecklistView>.NotFound();
        }

        var items = (request.Items ?? []).Select(Clean).ToList();
        var errors = new ValidationErrors().Required(nameof(request.Name), request.Name, 200);
        foreach (var (field, key) in ChecklistRules.Validate(items))
        {
            errors.Add(field, key);
        }

        if (!errors.IsEmpty)
        {
            return Outcome<ChecklistView>.Invalid(errors);
        }

        var history = await db.ChecklistTemplates.Where(t => t.SubsystemId == subsystemId).ToListAsync(cancellationToken);
        var latest = history.Count == 0 ? 0 : history.Max(t => t.Version);
        if (request.BaseVersion != latest)
        {
            return Outcome<ChecklistView>.Conflict();
        }

        ChecklistRules.AssignKeys(items, history.SelectMany(t => t.Items).Select(i => i.Key));
        foreach (var old in history.Where(t => t.IsCurrent))
        {
            old.IsCurrent = false;
        }

        db.ChecklistTemplates.Add(new ChecklistTemplate
        {
            ClientUnitId = subsystem.ClientUnitId,
            SubsystemId = subsystemId,
            Name = request.Name!.Trim(),
            Version = latest + 1,
            Items = items,
            CreatedAt = time.GetUtcNow().UtcDateTime,
            CreatedBy = currentUser.DisplayName,
        });
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            // Another editor saved the same version number first (the unique index says so).
            return Outcome<ChecklistView>.Conflict();
        }

        return Outcome<ChecklistView>.Ok((await GetAsync(subsystemId, null, cancellationToken))!);
    }

    private static ChecklistItem Clean(ChecklistItem item) => new()
    {
        Key = item.Key?.Trim() ?? "",
        Name = item.Name?.Trim() ?? "",
        Kind = item.Kind,
        Unit = string.IsNullOrWhiteSpace(item.Unit) ? null : item.Unit.Trim(),
        NormalMin = item.Kind == ChecklistItemKind.Reading ? item.NormalMin : null,
        NormalMax = item.Kind == ChecklistItemKind.Reading ? item.NormalMax : null,
        FaultMin = item.Kind == ChecklistItemKind.Reading ? item.FaultMin : null,
        FaultMax = item.Kind == ChecklistItemKind.Reading ? item.FaultMax : null,
        Choices = item.Kind == ChecklistItemKind.Choice ? [.. (item.Choices ?? []).Select(c => new ChoiceOption { Label = c.Label?.Trim() ?? "", Result = c.Result })] : [],
        PhotoRequired = item.PhotoRequired,
        AssetTypes = [.. (item.AssetTypes ?? []).Where(t => !string.IsNullOrWhiteSpace(t)).Select(t => t.Trim()).Distinct(StringComparer.Ordinal)],
    };
}
