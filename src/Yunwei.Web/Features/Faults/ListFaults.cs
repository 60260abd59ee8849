using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Yunwei.Data;
using Yunwei.Domain.Faults;
using Yunwei.Web.Infrastructure;

namespace Yunwei.Web.Features.Faults;

public enum FaultListScope
{
    /// <summary>Open faults, nearest deadline first.</summary>
    Open,

    /// <summary>Open faults assigned to me (an end user: the ones I reported), nearest deadline first.</summary>
    Mine,

    /// <summary>Every fault, newest first.</summary>
    All,
}

/// <summary>
/// The fault list's filters, bound from the query string. Init properties rather than a positional record:
/// the compile-time request delegate generator cannot bind a constructor with nullable reference parameters.
/// </summary>
public sealed record FaultQuery
{
    public Guid? UnitId { get; init; }

    /// <summary>Open when not given.</summary>
    public FaultListScope? Scope { get; init; }

    /// <summary>Faults whose level was chosen and is this one (待定级 faults are not at a level).</summary>
    public FaultLevel? Level { get; init; }

    /// <summary>true: only 待定级 faults (no level chosen yet).</summary>
    public bool? Unclassified { get; init; }

    public FaultState? State { get; init; }

    public Guid? SubsystemId { get; init; }

    public Guid? AssigneeId { get; init; }

    public bool? Breached { get; init; }

    public string? Search { get; init; }

    public string? After { get; init; }

    /// <summary>50 when not given; at most 200.</summary>
    public int? Take { get; init; }
}

public sealed record FaultRow(
    Guid Id, Guid ClientUnitId, string Number, string Title, FaultLevel Level, FaultState State,
    string? AssetCode, string? AssetName, string? LocationName, string? SubsystemName, string CallerName,
    DateTime ReportedAt, string? AssigneeName, DateTime? NextDeadline, bool Breached, bool IsPaused, bool Unclassified, int? ClassificationMinutes);

/// <summary>One page; <see cref="NextAfter"/> continues the keyset.</summary>
public sealed record FaultPage(IReadOnlyList<FaultRow> Rows, string? NextAfter);

/// <summary>
/// Fault lists with filters and keyset paging: open lists by nearest deadline (faults without a
/// running deadline last; <see cref="Fault.OpenDeadline"/>), the full list newest first; both walk an
/// index of the unit in order. Never counts or loads the table.
/// </summary>
public sealed class ListFaultsHandler(IDbContextFactory<YunweiDbContext> dbFactory, CurrentUser currentUser)
{
    public async Task<FaultPage> HandleAsync(FaultQuery query, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var take = Math.Clamp(query.Take ?? 50, 1, 200);
        var scope = query.Scope ?? FaultListScope.Open;
        var faults = FaultAccess.Visible(db, currentUser).AsNoTracking();
        if (query.UnitId is { } unitId)
        {
            faults = faults.Where(f => f.ClientUnitId == unitId);
        }

        if (scope != FaultListScope.All)
        {
            faults = faults.Where(f => f.OpenDeadline != null);
        }

        if (scope == FaultListScope.Mine && !FaultAccess.OwnOnly(currentUser))
        {
            var me = currentUser.UserId;
            faults = faults.Where(f => f.AssigneeId == me);
        }

        if (query.Level is { } level)
        {
            faults = faults.Where(f => f.Level == level && !f.Unclassified);
        }

        if (query.Unclassified == true)
        {
            faults = faults.Where(f => f.Unclassified);
        }

        if (query.State is { } state)
        {
            faults = faults.Where(f => f.State == state);
        }

        if (query.SubsystemId is { } subsystem)
        {
            faults = faults.Where(f => f.SubsystemId == subsystem);
        }

        if (query.AssigneeId is { } assignee)
        {
            faults = faults.Where(f => f.AssigneeId == assignee);
        }

        if (query.Breached is { } breached)
        {
            faults = faults.Where(f => f.Breached == breached);
        }

        if (!string.IsNullOrWhiteSpace(query.Search))
        {
            var s = query.Search.Trim();
            faults = faults.Where(f => f.Number.Contains(s) || f.Title.Contains(s) || f.CallerName.Contains(s));
        }

        faults = scope == FaultListScope.All ? NewestFirst(faults, query.After) : NearestDeadlineFirst(faults, query.After);
        var rows = await (
                from f in faults.Take(take + 1)
                join a in db.Assets on f.AssetId equals a.Id into assets
                from a in assets.DefaultIfEmpty()
                join l in db.Locations on f.LocationId equals l.Id into locations
                from l in locations.DefaultIfEmpty()
                join s in db.Subsystems on f.SubsystemId equals s.Id into subsystems
                from s in subsystems.DefaultIfEmpty()
                select new FaultRow(
                    f.Id, f.ClientUnitId, f.Number, f.Title, f.Level, f.State,
                    a == null ? null : a.Code, a == null ? null : a.Name, l == null ? null : l.Name, s == null ? null : s.Name, f.CallerName,
                    f.ReportedAt, f.AssigneeName, f.NextDeadline, f.Breached, f.IsPaused, f.Unclassified, f.ClassificationMinutes))
            .ToListAsync(cancellationToken);

        // The joins keep the order of the paged subquery only on some providers: restore it here.
        rows = scope == FaultListScope.All
            ? [.. rows.OrderByDescending(r => r.ReportedAt).ThenByDescending(r => r.Id)]
            : [.. rows.OrderBy(r => r.NextDeadline ?? Fault.NoDeadline).ThenBy(r => r.Id)];
        string? next = null;
        if (rows.Count > take)
        {
            rows.RemoveAt(take);
            var last = rows[^1];
            next = scope == FaultListScope.All
                ? Cursor(last.ReportedAt, last.Id)
                : Cursor(last.NextDeadline ?? Fault.NoDeadline, last.Id);
        }

        return new FaultPage(rows, next);
    }

    private static string Cursor(DateTime at, Guid id) => $"{at.Ticks.ToString(CultureInfo.InvariantCulture)}:{id:N}";

    private static IQueryable<Fault> NewestFirst(IQueryable<Fault> faults, string? after)
    {
        if (TryCursor(after, out var at, out var id))
        {
            faults = faults.Where(f => f.ReportedAt < at || (f.ReportedAt == at && f.Id.CompareTo(id) < 0));
        }

        return faults.OrderByDescending(f => f.ReportedAt).ThenByDescending(f => f.Id);
    }

    private static IQueryable<Fault> NearestDeadlineFirst(IQueryable<Fault> faults, string? after)
    {
        if (TryCursor(after, out var at, out var id))
        {
            faults = faults.Where(f => f.OpenDeadline > at || (f.OpenDeadline == at && f.Id.CompareTo(id) > 0));
        }

        return faults.OrderBy(f => f.OpenDeadline).ThenBy(f => f.Id);
    }

    private static bool TryCursor(string? after, out DateTime at, out Guid id)
    {
        at = default;
        id = default;
        var parts = after?.Split(':');
        if (parts is not { Length: 2 } || !long.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var ticks)
            || ticks < DateTime.MinValue.Ticks || ticks > DateTime.MaxValue.Ticks || !Guid.TryParseExact(parts[1], "N", out id))
        {
            return false;
        }

        at = new DateTime(ticks, DateTimeKind.Utc);
        return true;
    }
}
