using Microsoft.EntityFrameworkCore;
using Yunwei.Data;
using Yunwei.Domain.Approvals;
using Yunwei.Domain.Faults;
using Yunwei.Domain.Sla;
using Yunwei.Web.Features.Approvals;
using Yunwei.Web.Infrastructure;

namespace Yunwei.Web.Features.Faults;

public sealed record TimelineItem(FaultEventType Type, DateTime At, DateTime RecordedAt, string? ActorName, FaultLevel? Level, PauseKind? Pause,
    DateTime? Deadline, ServiceTier? Tier, Guid? ApprovalId, string? Text);

public sealed record PastFault(Guid Id, string Number, string Title, FaultLevel Level, FaultState State, DateTime ReportedAt, string? LastNote);

/// <summary>The fault's own fields as readers see them.</summary>
public sealed record FaultInfo(
    Guid Id, Guid ClientUnitId, string Number, string Title, string? Description, FaultChannel Channel,
    Guid? AssetId, Guid? LocationId, Guid? SubsystemId, string CallerName, string? CallerPhone, DateTime ReportedAt,
    FaultLevel? SuggestedLevel, FaultLevel? ProposedLevel, string? ProposedBy, DateTime? ProposedAt,
    FaultLevel? RuledLevel, string? RuledBy, DateTime? RuledAt, FaultLevel Level, FaultState State, ServiceTier Tier,
    string? AssigneeName, DateTime? AnsweredAt, DateTime? ArrivedAt, DateTime? RestoredAt, DateTime? ResolvedAt,
    DateTime? ConfirmedAt, DateTime? ClosedAt, bool IsPaused, bool Breached, int? Rating, string? RatingComment, int Revision,
    bool UnverifiedReporter = false, string? CallerEmail = null, bool Unclassified = false, int? ClassificationMinutes = null)
{
    public static FaultInfo From(Fault f) => new(
        f.Id, f.ClientUnitId, f.Number, f.Title, f.Description, f.Channel, f.AssetId, f.LocationId, f.SubsystemId, f.CallerName, f.CallerPhone,
        f.ReportedAt, f.SuggestedLevel, f.ProposedLevel, f.ProposedBy, f.ProposedAt, f.RuledLevel, f.RuledBy, f.RuledAt, f.Level, f.State, f.Tier,
        f.AssigneeName, f.AnsweredAt, f.ArrivedAt, f.RestoredAt, f.ResolvedAt, f.ConfirmedAt, f.ClosedAt, f.IsPaused, f.Breached, f.Rating,
        f.RatingComment, f.Revision, f.UnverifiedReporter, f.CallerEmail, f.Unclassified, f.ClassificationMinutes);
}

public sealed record FaultDetail(
    FaultInfo Fault,
    string UnitName,
    string? AssetCode,
    string? AssetName,
    string? LocationName,
    string? SubsystemName,
    SlaOutcome Clocks,
    IReadOnlyList<TimelineItem> Timeline,
    IReadOnlyList<PastFault> AssetHistory,
    IReadOnlyList<ApprovalRow> Approvals,
    IReadOnlyList<FaultAction> Allowed);

/// <summary>A fault with its clocks computed now, its timeline, the asset's past faults (read before going on site, docs/contract.md §4) and its approvals.</summary>
public sealed class GetFaultHandler(IDbContextFactory<YunweiDbContext> dbFactory, CurrentUser currentUser, TimeProvider time, ListApprovalsHandler approvals)
{
    // The detail's fixed reads, translated once (CompiledQuery); the units' filters apply as to any query.
    private static readonly CompiledQuery<Func<YunweiDbContext, Guid, IAsyncEnumerable<FaultEvent>>> EventsOf =
        new(() => EF.CompileAsyncQuery((YunweiDbContext db, Guid id) => db.FaultEvents.AsNoTracking().Where(e => e.FaultId == id)));

    // The unit's, asset's, location's and subsystem's names in one statement.
    private static readonly CompiledQuery<Func<YunweiDbContext, Guid, Guid?, Guid?, Guid?, CancellationToken, Task<Names?>>> NamesOf =
        new(() => EF.CompileAsyncQuery((YunweiDbContext db, Guid unitId, Guid? assetId, Guid? locationId, Guid? subsystemId, CancellationToken ct) =>
            db.ClientUnits.Where(u => u.Id == unitId).Select(u => new Names(
                u.Name,
                db.Assets.Where(a => a.Id == assetId).Select(a => a.Code).FirstOrDefault(),
                db.Assets.Where(a => a.Id == assetId).Select(a => a.Name).FirstOrDefault(),
                db.Locations.Where(l => l.Id == locationId).Select(l => l.Name).FirstOrDefault(),
                db.Subsystems.Where(s => s.Id == subsystemId).Select(s => s.Name).FirstOrDefault())).FirstOrDefault()));

    public async Task<FaultDetail?> HandleAsync(Guid id, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);

        // One open for the detail's ten or so statements (see ReportFault).
        await db.Database.OpenConnectionAsync(cancellationToken);
        var fault = await FaultAccess.Visible(db, currentUser).AsNoTracking().FirstOrDefaultAsync(f => f.Id == id, cancellationToken);
        if (fault is null)
        {
            return null;
        }

        var now = time.GetUtcNow().UtcDateTime;
        var events = await EventsOf.For(db)(db, id).ToListAsync(cancellationToken);
        var policy = await FaultClocks.PolicyAsync(db, fault.ClientUnitId, now, cancellationToken);
        var clocks = FaultClocks.Compute(policy, events, now);
        // The fault is visible, so its unit is.
        var names = await NamesOf.For(db)(db, fault.ClientUnitId, fault.AssetId, fault.LocationId, fault.SubsystemId, cancellationToken);

        var history = new List<PastFault>();
        if (fault.AssetId is not null && !FaultAccess.OwnOnly(currentUser))
        {
            var past = await db.Faults.AsNoTracking()
                .Where(f => f.AssetId == fault.AssetId && f.Id != fault.Id)
                .OrderByDescending(f => f.ReportedAt)
                .Take(10)
                .Select(f => new { f.Id, f.Number, f.Title, f.Level, f.State, f.ReportedAt })
                .ToListAsync(cancellationToken);
            var pastIds = past.Select(p => p.Id).ToList();
            var notes = await db.FaultEvents.AsNoTracking()
                .Where(e => pastIds.Contains(e.FaultId) && (e.Type == FaultEventType.Resolved || e.Type == FaultEventType.Note) && e.Text != null)
                .Select(e => new { e.FaultId, e.At, e.Text })
                .ToListAsync(cancellationToken);
            history.AddRange(past.Select(p => new PastFault(p.Id, p.Number, p.Title, p.Level, p.State, p.ReportedAt,
                notes.Where(n => n.FaultId == p.Id).OrderByDescending(n => n.At).Select(n => n.Text).FirstOrDefault())));
        }

        var timeline = events
            .OrderBy(e => e.At).ThenBy(e => e.RecordedAt).ThenBy(e => e.Type).ThenBy(e => e.Id)
            .Select(e => new TimelineItem(e.Type, e.At, e.RecordedAt, e.ActorName, e.Level, e.Pause, e.Deadline, e.Tier, e.ApprovalId, e.Text))
            .ToList();
        // Approvals on the fault itself and on its asset (a reboot is often asked for the asset).
        var gated = new List<ApprovalRow>();
        if (!FaultAccess.OwnOnly(currentUser))
        {
            gated.AddRange(await approvals.ForRecordAsync(db, GatedRecordType.Fault, id, cancellationToken));
            if (fault.AssetId is { } gatedAsset)
            {
                gated.AddRange(await approvals.ForRecordAsync(db, GatedRecordType.Asset, gatedAsset, cancellationToken));
            }
        }

        var allowed = Enum.GetValues<FaultAction>().Where(a => FaultRules.Check(fault, a, now, now) is null && RecordFaultActionHandler.Allowed(currentUser, fault, a)).ToList();
        return new FaultDetail(FaultInfo.From(fault), names?.Unit ?? "", names?.AssetCode, names?.AssetName, names?.Location, names?.Subsystem, clocks, timeline, history, gated, allowed);
    }

    /// <summary>What the detail names: the fault's unit, asset, location and subsystem.</summary>
    private sealed record Names(string Unit, string? AssetCode, string? AssetName, string? Location, string? Subsystem);
}
