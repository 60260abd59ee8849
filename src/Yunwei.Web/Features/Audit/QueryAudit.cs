using Microsoft.EntityFrameworkCore;
using Yunwei.Data;
using Yunwei.Domain;
using Yunwei.Domain.Audit;

namespace Yunwei.Web.Features.Audit;

public sealed record AuditQuery(
    Guid? UnitId = null,
    string? User = null,
    string? Entity = null,
    string? EntityKey = null,
    DateOnly? From = null,
    DateOnly? To = null,
    long? Before = null,
    int PageSize = 50);

public sealed record AuditRow(long Id, DateTime At, Guid? UserId, string? UserName, Guid? ClientUnitId, string Entity, string EntityKey, AuditAction Action, string Changes);

/// <summary>One page of audit rows, newest first; <see cref="NextBefore"/> continues the keyset; <see cref="Names"/>: the records the changes refer to, by key.</summary>
public sealed record AuditResultPage(IReadOnlyList<AuditRow> Rows, long? NextBefore, IReadOnlyDictionary<Guid, string> Names);

/// <summary>
/// Reads the audit trail of the units the caller may see, newest first, with keyset paging over the
/// id (inserted in time order). Dates are days in China time.
/// </summary>
public sealed class QueryAuditHandler(IDbContextFactory<YunweiDbContext> dbFactory)
{
    public const int MaxPageSize = 200;

    public async Task<AuditResultPage> HandleAsync(AuditQuery query, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var rows = db.AuditEntries.AsNoTracking();
        if (query.UnitId is { } unit)
        {
            rows = rows.Where(a => a.ClientUnitId == unit);
        }

        if (!string.IsNullOrWhiteSpace(query.User))
        {
            var user = query.User.Trim();
            rows = rows.Where(a => a.UserName == user);
        }

        if (!string.IsNullOrWhiteSpace(query.Entity))
        {
            var entity = query.Entity.Trim();
            rows = rows.Where(a => a.Entity == entity);
        }

        if (!string.IsNullOrWhiteSpace(query.EntityKey))
        {
            var key = query.EntityKey.Trim();
            rows = rows.Where(a => a.EntityKey == key);
        }

        if (query.From is { } from)
        {
            var fromUtc = ChinaTime.DayStartUtc(from);
            rows = rows.Where(a => a.At >= fromUtc);
        }

        if (query.To is { } to)
        {
            var toUtc = ChinaTime.DayEndUtc(to);
            rows = rows.Where(a => a.At < toUtc);
        }

        if (query.Before is { } before)
        {
            rows = rows.Where(a => a.Id < before);
        }

        var size = Math.Clamp(query.PageSize, 1, MaxPageSize);
        var page = await rows.OrderByDescending(a => a.Id)
            .Take(size + 1)
            .Select(a => new AuditRow(a.Id, a.At, a.UserId, a.UserName, a.ClientUnitId, a.Entity, a.EntityKey, a.Action, a.Changes))
            .ToListAsync(cancellationToken);
        var more = page.Count > size;
        if (more)
        {
            page.RemoveAt(size);
        }

        return new AuditResultPage(page, more ? page[^1].Id : null, await AuditNames.ResolveAsync(db, page.Select(r => r.Changes), cancellationToken));
    }

    /// <summary>The entity names present, for the filter list.</summary>
    public async Task<IReadOnlyList<string>> EntitiesAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.AuditEntries.AsNoTracking().Select(a => a.Entity).Distinct().OrderBy(e => e).ToListAsync(cancellationToken);
    }
}
