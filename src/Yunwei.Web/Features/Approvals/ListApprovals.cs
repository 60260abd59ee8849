using Microsoft.EntityFrameworkCore;
using Yunwei.Data;
using Yunwei.Domain.Approvals;
using Yunwei.Web.Infrastructure;

namespace Yunwei.Web.Features.Approvals;

public enum ApprovalScope
{
    /// <summary>Pending requests the caller may decide.</summary>
    ToDecide,

    /// <summary>Requests the caller made.</summary>
    Mine,

    /// <summary>Every request of the units the caller sees.</summary>
    All,

    /// <summary>Work done on a verbal confirmation, still waiting for the signed approval (both sides see them).</summary>
    PaperworkDebts,
}

public sealed record ApprovalRow(
    Guid Id, Guid ClientUnitId, ApprovalKind Kind, string Title, string? Description, IReadOnlyDictionary<string, string> Fields,
    GatedRecordType GatedType, Guid? GatedId, string? RequestedByName, DateTime RequestedAt, DateTime? ExpiresAt,
    ApprovalState State, string? DecidedByName, DateTime? DecidedAt, string? DecisionComment,
    string? VerbalConfirmedBy, DateTime? VerbalConfirmedAt, string? VerbalChannel)
{
    public bool IsPaperworkDebt => VerbalConfirmedAt is not null && State == ApprovalState.Pending;
}

/// <summary>Approval requests by scope, newest first (at most 200); expired ones show as expired.</summary>
public sealed class ListApprovalsHandler(IDbContextFactory<YunweiDbContext> dbFactory, CurrentUser currentUser, TimeProvider time)
{
    public async Task<IReadOnlyList<ApprovalRow>> HandleAsync(ApprovalScope scope, Guid? unitId = null, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var query = Query(db, scope, unitId);
        // Debts: the oldest first, they matter most.
        query = scope == ApprovalScope.PaperworkDebts ? query.OrderBy(a => a.VerbalConfirmedAt) : query.OrderByDescending(a => a.RequestedAt);
        var rows = await query.Take(200).ToListAsync(cancellationToken);
        var now = time.GetUtcNow().UtcDateTime;
        return [.. rows.Select(a => ToRow(a, now))];
    }

    /// <summary>The requests that gate one record (shown on its page), newest first.</summary>
    public async Task<IReadOnlyList<ApprovalRow>> ForRecordAsync(GatedRecordType type, Guid id, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await ForRecordAsync(db, type, id, cancellationToken);
    }

    /// <summary>The same, on a context the caller already has open (a page that reads much else with it).</summary>
    public async Task<IReadOnlyList<ApprovalRow>> ForRecordAsync(YunweiDbContext db, GatedRecordType type, Guid id, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        var rows = await db.ApprovalRequests.AsNoTracking().Where(a => a.GatedType == type && a.GatedId == id)
            .OrderByDescending(a => a.RequestedAt).Take(50).ToListAsync(cancellationToken);
        var now = time.GetUtcNow().UtcDateTime;
        return [.. rows.Select(a => ToRow(a, now))];
    }

    private static ApprovalRow ToRow(ApprovalRequest a, DateTime now) => new(
        a.Id, a.ClientUnitId, a.Kind, a.Title, a.Description, a.Fields, a.GatedType, a.GatedId, a.RequestedByName, a.RequestedAt,
        a.ExpiresAt, ApprovalRules.Effective(a, now), a.DecidedByName, a.DecidedAt, a.DecisionComment,
        a.VerbalConfirmedBy, a.VerbalConfirmedAt, a.VerbalChannel);

    /// <summary>How many requests wait for the caller's decision (the header badge).</summary>
    public async Task<int> CountToDecideAsync(CancellationToken cancellationToken = default)
    {
        if (DecidableKinds().Count == 0)
        {
            return 0;
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await Query(db, ApprovalScope.ToDecide, null).CountAsync(cancellationToken);
    }

    private List<ApprovalKind> DecidableKinds() =>
        [.. Enum.GetValues<ApprovalKind>().Where(k => currentUser.Roles.Intersect(ApprovalRules.DeciderRoles(k)).Any())];

    private IQueryable<ApprovalRequest> Query(YunweiDbContext db, ApprovalScope scope, Guid? unitId)
    {
        var requests = db.ApprovalRequests.AsNoTracking();
        if (unitId is { } unit)
        {
            requests = requests.Where(a => a.ClientUnitId == unit);
        }

        var now = time.GetUtcNow().UtcDateTime;
        var me = currentUser.UserId;
        var kinds = DecidableKinds();
        return scope switch
        {
            ApprovalScope.ToDecide => requests.Where(a =>
                a.State == ApprovalState.Pending && (a.ExpiresAt == null || a.ExpiresAt > now) && kinds.Contains(a.Kind)),
            ApprovalScope.Mine => requests.Where(a => a.RequestedById == me),
            ApprovalScope.PaperworkDebts => requests.Where(a => a.State == ApprovalState.Pending && a.VerbalConfirmedAt != null),
            _ => requests,
        };
    }
}
