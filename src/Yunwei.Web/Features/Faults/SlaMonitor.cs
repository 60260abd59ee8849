using Microsoft.EntityFrameworkCore;
using Yunwei.Data;
using Yunwei.Domain.Administration;
using Yunwei.Domain.Faults;
using Yunwei.Domain.Sla;
using Yunwei.Web.Features.Notifications;
using Yunwei.Web.Infrastructure;
using Yunwei.Web.Platform;

namespace Yunwei.Web.Features.Faults;

/// <summary>
/// One pass of the SLA monitor: asks the database only for faults whose next threshold is due
/// (an index range on NextDueAt), records warnings, breaches and escalations as fault events, and
/// writes the notifications (the outbox) in the same transaction. Exactly once: a threshold's key is
/// stored on the fault and the fault's revision guards the write, so a second instance (or a retry
/// after a crash) finds the work done or loses the race and writes nothing.
/// </summary>
public sealed class SlaSweepHandler(IDbContextFactory<YunweiDbContext> dbFactory, TimeProvider time, ILogger<SlaSweepHandler> logger)
{
    public const int Batch = 200;

    /// <summary>Processes every fault due now; returns how many were updated.</summary>
    public async Task<int> SweepAsync(CancellationToken cancellationToken = default)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var updated = 0;

        // One policy per unit per sweep: a batch is often many faults of few units.
        var policies = new Dictionary<Guid, SlaPolicy>();
        while (true)
        {
            List<Guid> due;
            await using (var db = await dbFactory.CreateDbContextAsync(cancellationToken))
            {
                due = await db.Faults.AsNoTracking()
                    .Where(f => f.NextDueAt != null && f.NextDueAt <= now)
                    .OrderBy(f => f.NextDueAt)
                    .Select(f => f.Id)
                    .Take(Batch)
                    .ToListAsync(cancellationToken);
            }

            var done = 0;
            foreach (var id in due)
            {
                if (await ProcessAsync(id, now, policies, cancellationToken))
                {
                    done++;
                }
            }

            updated += done;
            // A full batch may have more behind it; a batch that moved nothing would only repeat.
            if (due.Count < Batch || done == 0)
            {
                return updated;
            }
        }
    }

    private async Task<bool> ProcessAsync(Guid faultId, DateTime now, Dictionary<Guid, SlaPolicy> policies, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var fault = await db.Faults.FirstOrDefaultAsync(f => f.Id == faultId, cancellationToken);
        if (fault is null || fault.NextDueAt is null || fault.NextDueAt > now)
        {
            return false;
        }

        if (!policies.TryGetValue(fault.ClientUnitId, out var policy))
        {
            policies[fault.ClientUnitId] = policy = await FaultClocks.PolicyAsync(db, fault.ClientUnitId, now, cancellationToken);
        }

        var events = await db.FaultEvents.AsNoTracking().Where(e => e.FaultId == fault.Id).ToListAsync(cancellationToken);
        var outcome = FaultClocks.Compute(policy, events, now);
        var added = new List<FaultEvent>();
        var notices = new List<(string Key, string Message, bool Leadership, string[] Args)>();

        foreach (var escalation in outcome.PendingEscalations)
        {
            added.Add(Event(fault, FaultEventType.Escalated, escalation.At, now, escalation.To, $"{escalation.From}"));
            notices.Add(($"escalated:{escalation.To}", "Notify.Fault.Escalated", false, [fault.Number, fault.Title, Level(escalation.From), Level(escalation.To)]));
        }

        if (added.Count > 0)
        {
            outcome = FaultClocks.Compute(policy, events.Concat(added), now);
        }

        // After downtime only what is true now is said: a warning overtaken by a later warning, its deadline or a new target is not sent.
        bool Overtaken(SlaThreshold t) => t.Percent < 100 && outcome.Thresholds.Any(o =>
            o.Clock == t.Clock && o.At <= now && (o.Epoch > t.Epoch || (o.Epoch == t.Epoch && o.Percent > t.Percent)));

        foreach (var threshold in outcome.Thresholds.Where(t => t.At <= now && !fault.DoneThresholds.Contains(t.Key)))
        {
            fault.DoneThresholds.Add(threshold.Key);
            if (Overtaken(threshold))
            {
                continue;
            }

            if (threshold is { Clock: SlaClock.Resolve, Percent: 100 } && outcome.Escalations.Any(e => e.At == threshold.At))
            {
                // This breach is the escalation itself, already on the timeline.
                continue;
            }

            if (threshold.Percent < 100)
            {
                added.Add(Event(fault, FaultEventType.Warning, threshold.At, now, threshold.Level, threshold.Key));
                notices.Add((threshold.Key, "Notify.Fault.Warning", false, [fault.Number, fault.Title, $"Clock.{threshold.Clock}", $"{threshold.Percent}"]));
            }
            else if (threshold.Clock == SlaClock.Resolve && threshold.Level == FaultLevel.Level1)
            {
                // A level-1 breach goes to provider leadership (docs/contract.md §3): notify, dispatch a support engineer.
                added.Add(Event(fault, FaultEventType.LeadershipAlerted, threshold.At, now, threshold.Level, threshold.Key));
                notices.Add((threshold.Key, "Notify.Fault.Leadership", true, [fault.Number, fault.Title]));
            }
            else
            {
                added.Add(Event(fault, FaultEventType.Breach, threshold.At, now, threshold.Level, threshold.Key));
                notices.Add((threshold.Key, "Notify.Fault.Breach", false, [fault.Number, fault.Title, $"Clock.{threshold.Clock}"]));
            }
        }

        FaultRules.Project(fault, outcome);
        if (added.Count == 0)
        {
            // Nothing due after all (e.g. the contract changed): only the next-due column moves.
            return await SaveAsync(db, fault, cancellationToken);
        }

        db.FaultEvents.AddRange(added);
        await NotifyAsync(db, fault, notices, now, cancellationToken);
        fault.Revision++;
        return await SaveAsync(db, fault, cancellationToken);
    }

    private async Task<bool> SaveAsync(YunweiDbContext db, Fault fault, CancellationToken cancellationToken)
    {
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return true;
        }
        catch (DbUpdateException ex)
        {
            // Another instance or a person changed the fault first; the next sweep looks again.
            logger.LogInformation(ex, "SLA monitor skipped fault {Number}: changed concurrently", fault.Number);
            return false;
        }
    }

    private static string Level(FaultLevel level) => $"FaultLevel.{level}";

    private static FaultEvent Event(Fault fault, FaultEventType type, DateTime at, DateTime now, FaultLevel? level, string? text)
    {
        var e = FaultEvent.Create(fault.Id, fault.ClientUnitId, type, at, now, null, "system", text);
        e.Level = level;
        return e;
    }

    /// <summary>The provider's engineers of the unit and the assignee; leadership and the account manager too when it is urgent (level 1, or a level-1 breach).</summary>
    private static async Task NotifyAsync(YunweiDbContext db, Fault fault, List<(string Key, string Message, bool Leadership, string[] Args)> notices,
        DateTime now, CancellationToken cancellationToken)
    {
        if (notices.Count == 0)
        {
            return;
        }

        var engineers = await NotificationWriter.MembersAsync(db, fault.ClientUnitId, [Roles.ResidentEngineer, Roles.DutyEngineer], cancellationToken);
        var leaders = await NotificationWriter.MembersAsync(db, fault.ClientUnitId, [Roles.Leadership, Roles.AccountManager], cancellationToken);
        foreach (var (key, message, leadership, args) in notices)
        {
            var urgent = leadership || fault.Level == FaultLevel.Level1;
            IEnumerable<Guid?> recipients = [.. engineers.Cast<Guid?>(), fault.AssigneeId, .. urgent ? leaders.Cast<Guid?>() : []];
            NotificationWriter.Add(db, recipients, fault.ClientUnitId, message, args, $"/faults/{fault.Id}", $"fault:{fault.Id}:{key}", urgent, now);
        }
    }
}

/// <summary>Runs the SLA sweep every few seconds (Sla:MonitorSeconds, default 15; Sla:Monitor=false turns it off).</summary>
public sealed class SlaMonitorService(IServiceScopeFactory scopes, IConfiguration configuration, TimeProvider time, ILogger<SlaMonitorService> logger)
    : PeriodicJob(scopes, time, logger)
{
    protected override bool Enabled => configuration.GetValue("Sla:Monitor", true);

    protected override TimeSpan Interval => TimeSpan.FromSeconds(Math.Max(1, configuration.GetValue("Sla:MonitorSeconds", 15)));

    protected override async Task RunOnceAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        await services.GetRequiredService<SlaSweepHandler>().SweepAsync(cancellationToken);
    }
}
