using Yunwei.Domain.Faults;

namespace Yunwei.Domain.Sla;

/// <summary>The events of a fault that move its clocks.</summary>
public enum SlaEventType
{
    /// <summary>报修: the fault was reported; <see cref="SlaEvent.Level"/> is the level suggested at intake, if any.</summary>
    Reported = 0,

    /// <summary>The engineer answered the call.</summary>
    Answered = 1,

    /// <summary>The engineer proposed a level (classification).</summary>
    Proposed = 2,

    /// <summary>The client ruled a level; the client's level stands (docs/contract.md §2).</summary>
    Ruled = 3,

    ArrivedOnSite = 4,

    /// <summary>Business restored, at least on a single node.</summary>
    Restored = 5,

    /// <summary>Root cause fixed.</summary>
    Resolved = 6,

    /// <summary>The client found the fault not resolved after all.</summary>
    Reopened = 7,

    PauseStarted = 8,

    PauseEnded = 9,

    /// <summary>Automatic escalation to <see cref="SlaEvent.Level"/> (docs/contract.md §3).</summary>
    Escalated = 10,

    /// <summary>A consented third-party time replaces the resolve deadline (docs/contract.md §3).</summary>
    DeadlineReplaced = 11,
}

/// <summary>One clock-relevant event of a fault, in UTC.</summary>
public sealed record SlaEvent(SlaEventType Type, DateTime At)
{
    public FaultLevel? Level { get; init; }

    public PauseKind? Pause { get; init; }

    /// <summary>Pairs a pause's start with its end.</summary>
    public Guid? PauseId { get; init; }

    /// <summary>The new resolve deadline of <see cref="SlaEventType.DeadlineReplaced"/>.</summary>
    public DateTime? Deadline { get; init; }

    /// <summary>Who recorded it (the person who proposed, ruled or consented), for "why this deadline".</summary>
    public string? By { get; init; }
}
