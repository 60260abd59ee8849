using Yunwei.Domain.Sla;

namespace Yunwei.Domain.Faults;

/// <summary>What can be recorded on a fault.</summary>
public enum FaultAction
{
    Answer,
    Propose,
    Rule,
    Arrive,
    Restore,
    Resolve,
    Confirm,
    Close,
    Reopen,
    Pause,
    Resume,
    ChangeTier,
    Note,

    /// <summary>A major operation performed: only with its approval (docs/contract.md §4).</summary>
    RecordOperation,

    /// <summary>A part replaced: only with its approval or a verbal confirmation (docs/contract.md §5).</summary>
    RecordPart,

    /// <summary>The reporter rates the service (1–5).</summary>
    Rate,
}

/// <summary>The order of a fault's milestones and who may record them (docs/contract.md §2–§4).</summary>
public static class FaultRules
{
    /// <summary>
    /// Why an action cannot be recorded at <paramref name="at"/> (a resource key), or null when it can.
    /// Milestones keep their order: answered ≤ arrived ≤ restored ≤ resolved ≤ confirmed ≤ closed.
    /// </summary>
    public static string? Check(Fault fault, FaultAction action, DateTime at, DateTime nowUtc)
    {
        ArgumentNullException.ThrowIfNull(fault);
        if (at > nowUtc.AddMinutes(1))
        {
            return "Fault.Error.InFuture";
        }

        if (at < fault.ReportedAt)
        {
            return "Fault.Error.BeforeReport";
        }

        if (fault.State == FaultState.Closed && action is not (FaultAction.Note or FaultAction.Rate))
        {
            return "Fault.Error.Closed";
        }

        var open = fault.IsOpen;
        return action switch
        {
            FaultAction.Answer when fault.AnsweredAt is not null => "Fault.Error.AlreadyAnswered",
            FaultAction.Propose or FaultAction.Rule when !open => "Fault.Error.NotOpen",
            FaultAction.Arrive when fault.ArrivedAt is not null => "Fault.Error.AlreadyArrived",
            FaultAction.Arrive when !open => "Fault.Error.NotOpen",
            FaultAction.Arrive when fault.AnsweredAt is { } answered && at < answered => "Fault.Error.ArrivedBeforeAnswered",
            FaultAction.Restore when !open => "Fault.Error.RestoredAfterResolved",
            FaultAction.Restore when fault.RestoredAt is not null => "Fault.Error.AlreadyRestored",
            FaultAction.Restore when fault.ArrivedAt is { } arrived && at < arrived => "Fault.Error.RestoredBeforeArrived",
            FaultAction.Resolve when !open => "Fault.Error.NotOpen",
            FaultAction.Resolve when fault.ArrivedAt is null && fault.Tier == ServiceTier.OnSite => "Fault.Error.ResolvedBeforeArrived",
            FaultAction.Resolve when fault.IsPaused => "Fault.Error.ResolvedWhilePaused",
            FaultAction.Resolve when Latest(fault.ArrivedAt, fault.RestoredAt) is { } before && at < before => "Fault.Error.ResolvedBeforeMilestone",
            FaultAction.Confirm when fault.State != FaultState.Resolved => "Fault.Error.NotResolved",
            FaultAction.Reopen when fault.State is not (FaultState.Resolved or FaultState.Confirmed) => "Fault.Error.NotResolved",
            FaultAction.Close when fault.State is not (FaultState.Resolved or FaultState.Confirmed) => "Fault.Error.NotResolved",
            FaultAction.Pause when !open => "Fault.Error.NotOpen",
            FaultAction.Pause when fault.IsPaused => "Fault.Error.AlreadyPaused",
            FaultAction.RecordOperation or FaultAction.RecordPart when !open => "Fault.Error.NotOpen",
            FaultAction.Rate when fault.State is not (FaultState.Resolved or FaultState.Confirmed or FaultState.Closed) => "Fault.Error.NotResolved",
            FaultAction.Resume when !fault.IsPaused => "Fault.Error.NotPaused",
            FaultAction.ChangeTier when !open => "Fault.Error.NotOpen",
            FaultAction.Confirm or FaultAction.Reopen or FaultAction.Close when fault.ResolvedAt is { } resolved && at < resolved => "Fault.Error.BeforeResolved",
            _ => null,
        };
    }

    private static DateTime? Latest(DateTime? a, DateTime? b) => a > b || b is null ? a : b;

    /// <summary>Moves the fault's milestone columns and state after an action was recorded.</summary>
    public static void Apply(Fault fault, FaultAction action, DateTime at)
    {
        ArgumentNullException.ThrowIfNull(fault);
        switch (action)
        {
            case FaultAction.Answer:
                fault.AnsweredAt = at;
                Advance(fault, FaultState.InProgress);
                break;
            case FaultAction.Propose or FaultAction.Rule:
                fault.AnsweredAt ??= at;
                Advance(fault, FaultState.InProgress);
                break;
            case FaultAction.Arrive:
                fault.ArrivedAt = at;
                fault.AnsweredAt ??= at;
                Advance(fault, FaultState.InProgress);
                break;
            case FaultAction.Restore:
                fault.RestoredAt = at;
                fault.State = FaultState.Restored;
                break;
            case FaultAction.Resolve:
                fault.ResolvedAt = at;
                fault.RestoredAt ??= at;
                fault.State = FaultState.Resolved;
                break;
            case FaultAction.Confirm:
                fault.ConfirmedAt = at;
                fault.State = FaultState.Confirmed;
                break;
            case FaultAction.Close:
                fault.ClosedAt = at;
                fault.State = FaultState.Closed;
                break;
            case FaultAction.Reopen:
                fault.ResolvedAt = null;
                fault.ConfirmedAt = null;
                fault.State = fault.RestoredAt is null ? FaultState.InProgress : FaultState.Restored;
                break;
            case FaultAction.Pause:
                fault.IsPaused = true;
                Advance(fault, FaultState.InProgress);
                break;
            case FaultAction.Resume:
                fault.IsPaused = false;
                break;
            default:
                break;
        }
    }

    private static void Advance(Fault fault, FaultState state)
    {
        if (fault.State < state)
        {
            fault.State = state;
        }
    }

    /// <summary>Writes what the engine computed onto the fault's indexed columns.</summary>
    public static void Project(Fault fault, SlaOutcome outcome)
    {
        ArgumentNullException.ThrowIfNull(fault);
        ArgumentNullException.ThrowIfNull(outcome);
        fault.Level = outcome.Level;
        fault.Unclassified = outcome.IsUnclassified;
        fault.ClassificationMinutes = outcome.ClassificationTime is { } c ? (int)Math.Ceiling(c.TotalMinutes) : null;
        fault.ArrivedLate = outcome.ArrivedLate;
        fault.MissedLevel = outcome.MissedLevel;
        fault.Breached = outcome.Clocks.Any(c => c.IsBreached);
        fault.NextDeadline = fault.IsOpen ? outcome.NextDeadline : null;
        fault.NextDueAt = fault.IsOpen ? outcome.NextDue(fault.DoneThresholds.ToHashSet(StringComparer.Ordinal)) : null;
    }
}
