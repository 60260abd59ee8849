using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Yunwei.Data;
using Yunwei.Domain;
using Yunwei.Domain.Inspections;

namespace Yunwei.Web.Features.Inspections;

/// <param name="Open">True: not finished, earliest due first (overdue ones on top); false: finished, latest first; null: all, latest first.</param>
public sealed record InspectionQuery(Guid UnitId, bool? Open = true, bool? Overdue = null, Guid? SubsystemId = null, DateOnly? From = null, DateOnly? To = null, string? After = null, int Take = 50);

public sealed record InspectionRow(
    Guid Id, string Number, Guid SubsystemId, string Subsystem, DateOnly PeriodStart, DateOnly DueOn, InspectionState State,
    bool Overdue, string? InspectorName, DateTime? FinishedAt, int Warnings, int Faults);

public sealed record InspectionPage(IReadOnlyList<InspectionRow> Rows, string? NextAfter);

/// <summary>A unit's inspections by due date with keyset paging; overdue = not finished and due before today.</summary>
public sealed class ListInspectionsHandler(IDbContextFactory<YunweiDbContext> dbFactory, TimeProvider time)
{
    public async Task<InspectionPage?> HandleAsync(InspectionQuery query, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        if (!await db.ClientUnits.AnyAsync(u => u.Id == query.UnitId, cancellationToken))
        {
            return null;
        }

        var today = ChinaTime.Today(time.GetUtcNow());
        var take = Math.Clamp(query.Take, 1, 200);
        var rows = db.Inspections.AsNoTracking().Where(i => i.ClientUnitId == query.UnitId);
        rows = query.Open switch
        {
            true => rows.Where(i => i.State != InspectionState.Done),
            false => rows.Where(i => i.State == InspectionState.Done),
            _ => rows,
        };
        if (query.Overdue == true)
        {
            rows = rows.Where(i => i.State != InspectionState.Done && i.DueOn < today);
        }

        if (query.SubsystemId is { } subsystemId)
        {
            rows = rows.Where(i => i.SubsystemId == subsystemId);
        }

        if (query.From is { } from)
        {
            rows = rows.Where(i => i.DueOn >= from);
        }

        if (query.To is { } to)
        {
            rows = rows.Where(i => i.DueOn <= to);
        }

        var ascending = query.Open == true;
        if (TryCursor(query.After, out var afterDue, out var afterId))
        {
            rows = ascending
                ? rows.Where(i => i.DueOn > afterDue || (i.DueOn == afterDue && i.Id.CompareTo(afterId) > 0))
                : rows.Where(i => i.DueOn < afterDue || (i.DueOn == afterDue && i.Id.CompareTo(afterId) < 0));
        }

        rows = ascending ? rows.OrderBy(i => i.DueOn).ThenBy(i => i.Id) : rows.OrderByDescending(i => i.DueOn).ThenByDescending(i => i.Id);
        var page = await rows.Take(take + 1)
            .Select(i => new { i.Id, i.Number, i.SubsystemId, i.PeriodStart, i.DueOn, i.State, i.InspectorName, i.FinishedAt })
            .ToListAsync(cancellationToken);
        var shown = page.Take(take).ToList();
        var ids = shown.Select(i => i.Id).ToList();
        var subsystemIds = shown.Select(i => i.SubsystemId).Distinct().ToList();
        var subsystems = await db.Subsystems.AsNoTracking().Where(s => subsystemIds.Contains(s.Id)).ToDictionaryAsync(s => s.Id, s => s.Name, cancellationToken);
        var findings = await db.InspectionEntries.AsNoTracking().Where(e => ids.Contains(e.InspectionId) && e.Result != ItemResult.Normal)
            .GroupBy(e => new { e.InspectionId, e.Result }).Select(g => new { g.Key.InspectionId, g.Key.Result, Count = g.Count() })
            .ToListAsync(cancellationToken);
        int Count(Guid id, ItemResult result) => findings.FirstOrDefault(f => f.InspectionId == id && f.Result == result)?.Count ?? 0;
        var result = shown.Select(i => new InspectionRow(
            i.Id, i.Number, i.SubsystemId, subsystems.GetValueOrDefault(i.SubsystemId, ""), i.PeriodStart, i.DueOn, i.State,
            i.State != InspectionState.Done && i.DueOn < today, i.InspectorName, i.FinishedAt, Count(i.Id, ItemResult.Warning), Count(i.Id, ItemResult.Fault))).ToList();
        var last = shown.LastOrDefault();
        return new InspectionPage(result, page.Count > take && last is not null ? $"{last.DueOn:yyyyMMdd}:{last.Id:N}" : null);
    }

    private static bool TryCursor(string? after, out DateOnly due, out Guid id)
    {
        (due, id) = (default, default);
        var parts = after?.Split(':');
        return parts is [var d, var g]
            && DateOnly.TryParseExact(d, "yyyyMMdd", CultureInfo.InvariantCulture, DateTimeStyles.None, out due)
            && Guid.TryParseExact(g, "N", out id);
    }
}
