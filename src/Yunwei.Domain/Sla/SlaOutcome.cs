using Yunwei.Domain.Faults;

namespace Yunwei.Domain.Sla;

public enum ClockStatus
{
    /// <summary>The contract sets no target for this clock at this level (restore at level 3).</summary>
    NotApplicable = 0,

    Running = 1,

    /// <summary>A pause stops this clock now; its deadline is unknown until the pause ends.</summary>
    Paused = 2,

    /// <summary>Past the deadline and not yet stopped.</summary>
    Overdue = 3,

    /// <summary>Stopped in time.</summary>
    Met = 4,

    /// <summary>Stopped after the deadline.</summary>
    Missed = 5,
}

/// <summary>One line of "why this deadline": a resource key and its arguments (instants UTC, spans, levels, pause kinds).</summary>
public sealed record SlaReason(string Key, IReadOnlyList<object?> Args)
{
    public SlaReason(string key, params object?[] args)
        : this(key, (IReadOnlyList<object?>)args)
    {
    }
}

/// <summary>
/// A moment the monitor acts on: a warning (percent &lt; 100) or the deadline (100). <see cref="Epoch"/>
/// counts the clock's target changes (escalations, rulings, a replaced deadline), so a new target
/// warns afresh while a pause never makes a warning repeat.
/// </summary>
public sealed record SlaThreshold(SlaClock Clock, int Epoch, int Percent, DateTime At, FaultLevel Level)
{
    /// <summary>A stable key, unique per fault, for exactly-once notices.</summary>
    public string Key => $"{Clock}:{Epoch}:{Percent}";
}

/// <summary>The state of one clock at a moment.</summary>
public sealed record ClockState(
    SlaClock Clock,
    ClockStatus Status,
    FaultLevel Level,
    int Epoch,
    DateTime Start,
    TimeSpan? Target,
    DateTime? Deadline,
    DateTime? StoppedAt,
    TimeSpan Counted,
    TimeSpan Paused,
    IReadOnlyList<SlaThreshold> Thresholds,
    IReadOnlyList<SlaReason> Why,
    IReadOnlyList<DateTime> EarlierMisses)
{
    /// <summary>Counted time left before the target is used up; negative when overdue; null without a target.</summary>
    public TimeSpan? Remaining => Target is { } t ? t - Counted : null;

    /// <summary>Overdue or missed now, or missed under an earlier target (before an escalation restarted it).</summary>
    public bool IsBreached => Status is ClockStatus.Overdue or ClockStatus.Missed || EarlierMisses.Count > 0;
}

/// <summary>A level rise. <see cref="Stored"/> is false while the monitor has not yet written it.</summary>
public sealed record SlaEscalation(DateTime At, FaultLevel From, FaultLevel To, bool Stored);

/// <summary>Everything the clocks say about a fault at a moment.</summary>
public sealed record SlaOutcome(
    FaultLevel Level,
    FaultLevel BaseLevel,
    bool IsClassified,
    TimeSpan? ClassificationTime,
    ClockState Response,
    ClockState Restore,
    ClockState Resolve,
    IReadOnlyList<SlaEscalation> Escalations)
{
    /// <summary>Reported with no level and none proposed or ruled yet (待定级): the clocks run on level 1's targets.</summary>
    public bool IsUnclassified { get; init; }

    /// <summary>Whether the engineer arrived after the response window of the level in force at arrival; null before arrival.</summary>
    public bool? ArrivedLate { get; init; }

    /// <summary>The level of the first deadline missed (a level-3 miss escalated to level 1 is a level-3 miss); null when none was.</summary>
    public FaultLevel? MissedLevel { get; init; }

    public IReadOnlyList<ClockState> Clocks => [Response, Restore, Resolve];

    /// <summary>Escalations that are due but not yet recorded.</summary>
    public IEnumerable<SlaEscalation> PendingEscalations => Escalations.Where(e => !e.Stored);

    /// <summary>Every threshold passed or ahead: earlier epochs' up to their end, the current epoch's while running.</summary>
    public IEnumerable<SlaThreshold> Thresholds => Clocks.SelectMany(c => c.Thresholds);

    /// <summary>The nearest deadline of a clock still running (for sorting lists by urgency).</summary>
    public DateTime? NextDeadline => Clocks
        .Where(c => c.Status is ClockStatus.Running or ClockStatus.Overdue && c.Deadline is not null)
        .Min(c => c.Deadline);

    /// <summary>The earliest threshold not in <paramref name="done"/>; null when nothing more is due.</summary>
    public DateTime? NextDue(IReadOnlySet<string> done) => Thresholds
        .Where(t => !done.Contains(t.Key))
        .Select(t => (DateTime?)t.At)
        .Min();
}
