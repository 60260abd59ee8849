using Yunwei.Domain.Sla;

namespace Yunwei.Domain.Faults;

/// <summary>Where a fault was reported from; every path creates the same record.</summary>
public enum FaultChannel
{
    /// <summary>值班电话: taken by the duty engineer.</summary>
    Hotline = 0,

    /// <summary>自助报修: an end user in the portal.</summary>
    Portal = 1,

    /// <summary>扫码报修: from an asset's QR label.</summary>
    Scan = 2,

    Api = 3,

    Email = 4,

    Monitoring = 5,

    /// <summary>巡检发现: a finding of an inspection turned into a fault.</summary>
    Inspection = 6,
}

/// <summary>Where a fault stands. The clocks read the events; the state is for people and lists.</summary>
public enum FaultState
{
    /// <summary>待响应: reported, nobody has answered.</summary>
    New = 0,

    /// <summary>处理中.</summary>
    InProgress = 1,

    /// <summary>已恢复: business back, root cause not yet fixed.</summary>
    Restored = 2,

    /// <summary>已解决: waiting for the client's confirmation.</summary>
    Resolved = 3,

    /// <summary>已确认: the client confirmed.</summary>
    Confirmed = 4,

    /// <summary>已关闭.</summary>
    Closed = 5,
}

/// <summary>Support tiers of docs/contract.md §4, in order.</summary>
public enum ServiceTier
{
    /// <summary>驻点工程师现场处理.</summary>
    OnSite = 0,

    /// <summary>公司远程支持 (phone, remote login).</summary>
    Remote = 1,

    /// <summary>公司派支持工程师.</summary>
    CompanyEngineer = 2,

    /// <summary>第三方 (the client agrees the time).</summary>
    ThirdParty = 3,
}

/// <summary>A fault (故障) of a client unit.</summary>
public sealed class Fault : IUnitOwned
{
    public Guid Id { get; set; } = Guid.CreateVersion7();

    public Guid ClientUnitId { get; set; }

    /// <summary>Unit-unique number people quote on the phone, e.g. GZ-20261127-003.</summary>
    public required string Number { get; set; }

    public required string Title { get; set; }

    public string? Description { get; set; }

    public FaultChannel Channel { get; set; }

    public Guid? AssetId { get; set; }

    public Guid? LocationId { get; set; }

    public Guid? SubsystemId { get; set; }

    public required string CallerName { get; set; }

    public string? CallerPhone { get; set; }

    public Guid? CallerUserId { get; set; }

    /// <summary>Reported by mail from an address that is no person of the unit: the duty engineer checks who it is.</summary>
    public bool UnverifiedReporter { get; set; }

    /// <summary>The reporter's mail address (mail reports), for replies.</summary>
    public string? CallerEmail { get; set; }

    public DateTime ReportedAt { get; set; }

    /// <summary>The level suggested at intake (by the reporter or the engineer taking the call).</summary>
    public FaultLevel? SuggestedLevel { get; set; }

    public FaultLevel? ProposedLevel { get; set; }

    public string? ProposedBy { get; set; }

    public DateTime? ProposedAt { get; set; }

    /// <summary>The client's ruling; it stands over the engineer's proposal (docs/contract.md §2).</summary>
    public FaultLevel? RuledLevel { get; set; }

    public string? RuledBy { get; set; }

    public DateTime? RuledAt { get; set; }

    /// <summary>The level in force now (after rulings and escalations), as the engine computed it.</summary>
    public FaultLevel Level { get; set; } = FaultLevel.Level3;

    /// <summary>待定级: reported with no level and none proposed or ruled yet; <see cref="Level"/> is then level 1, whose targets run (docs/contract.md §2).</summary>
    public bool Unclassified { get; set; }

    /// <summary>Minutes from the answer (or the report, when nobody answered) to the first level proposed or ruled, from the events; null until classified.</summary>
    public int? ClassificationMinutes { get; set; }

    /// <summary>Whether the engineer arrived after the response window of the level in force at arrival (the engine's reading); null before arrival.</summary>
    public bool? ArrivedLate { get; set; }

    /// <summary>The level of the first deadline the fault missed (the engine's reading); null while none was.</summary>
    public FaultLevel? MissedLevel { get; set; }

    public FaultState State { get; set; }

    public ServiceTier Tier { get; set; }

    public Guid? AssigneeId { get; set; }

    public string? AssigneeName { get; set; }

    public DateTime? AnsweredAt { get; set; }

    public DateTime? ArrivedAt { get; set; }

    public DateTime? RestoredAt { get; set; }

    public DateTime? ResolvedAt { get; set; }

    public DateTime? ConfirmedAt { get; set; }

    public DateTime? ClosedAt { get; set; }

    /// <summary>Whether a pause is running now.</summary>
    public bool IsPaused { get; set; }

    /// <summary>The nearest deadline of a running clock: lists sort by it.</summary>
    public DateTime? NextDeadline { get; set; }

    /// <summary>
    /// The open-fault lists' sort key, stored and indexed with the unit: an open fault's nearest deadline
    /// (<see cref="NoDeadline"/> when no clock runs, so it sorts last), null once the fault is no longer open.
    /// Derived from <see cref="State"/> and <see cref="NextDeadline"/>; the setter only lets the database load it.
    /// </summary>
    public DateTime? OpenDeadline
    {
        get => IsOpen ? NextDeadline ?? NoDeadline : null;
        private set => _ = value;
    }

    /// <summary>The sort key of an open fault without a running deadline.</summary>
    public static readonly DateTime NoDeadline = new(9999, 12, 31, 0, 0, 0, DateTimeKind.Utc);

    /// <summary>When the SLA monitor must look at this fault next (a warning or a deadline); indexed.</summary>
    public DateTime? NextDueAt { get; set; }

    /// <summary>Thresholds the monitor has acted on (<see cref="SlaThreshold.Key"/>): each fires once.</summary>
    public List<string> DoneThresholds { get; set; } = [];

    /// <summary>Whether any clock has been breached.</summary>
    public bool Breached { get; set; }

    /// <summary>1–5 from the reporter, with a comment.</summary>
    public int? Rating { get; set; }

    public string? RatingComment { get; set; }

    public Guid? CreatedById { get; set; }

    /// <summary>The API client's Idempotency-Key: a retried request never creates a second fault.</summary>
    public string? IdempotencyKey { get; set; }

    /// <summary>SHA-256 (hex) of the request that the key first came with: the same key with another request is refused.</summary>
    public string? IdempotencyFingerprint { get; set; }

    /// <summary>Optimistic concurrency: two engineers updating at once, one gets a conflict.</summary>
    public int Revision { get; set; }

    public bool IsOpen => State is FaultState.New or FaultState.InProgress or FaultState.Restored;
}

/// <summary>What happened to a fault. Types 0–11 move the clocks (<see cref="SlaEventType"/>); the rest are the record.</summary>
public enum FaultEventType
{
    Reported = SlaEventType.Reported,
    Answered = SlaEventType.Answered,
    Proposed = SlaEventType.Proposed,
    Ruled = SlaEventType.Ruled,
    ArrivedOnSite = SlaEventType.ArrivedOnSite,
    Restored = SlaEventType.Restored,
    Resolved = SlaEventType.Resolved,
    Reopened = SlaEventType.Reopened,
    PauseStarted = SlaEventType.PauseStarted,
    PauseEnded = SlaEventType.PauseEnded,
    Escalated = SlaEventType.Escalated,
    DeadlineReplaced = SlaEventType.DeadlineReplaced,

    Note = 20,
    TierChanged = 21,
    Assigned = 22,
    Confirmed = 23,
    Closed = 24,

    /// <summary>A warning threshold passed (75 %, 90 %).</summary>
    Warning = 25,

    /// <summary>A deadline passed.</summary>
    Breach = 26,

    /// <summary>A level-1 breach went to provider leadership.</summary>
    LeadershipAlerted = 27,

    Rated = 28,

    /// <summary>A major operation recorded as performed (needs its approval).</summary>
    OperationPerformed = 29,

    /// <summary>A part replaced (needs its approval or a verbal confirmation).</summary>
    PartReplaced = 30,

    ApprovalDecided = 31,

    /// <summary>The engineer signed the fault handling report.</summary>
    ReportSigned = 32,

    /// <summary>The client's maintenance staff confirmed the report with their signature.</summary>
    ReportConfirmed = 33,

    /// <summary>An approval gated on this fault was asked for.</summary>
    ApprovalRequested = 34,
}

/// <summary>One line of a fault's timeline. Append-only.</summary>
public sealed class FaultEvent : IUnitOwned
{
    public Guid Id { get; set; } = Guid.CreateVersion7();

    public Guid FaultId { get; set; }

    public Guid ClientUnitId { get; set; }

    public FaultEventType Type { get; set; }

    /// <summary>When it happened (may be earlier than recorded, e.g. an arrival noted afterwards).</summary>
    public DateTime At { get; set; }

    /// <summary>When it was written.</summary>
    public DateTime RecordedAt { get; set; }

    public Guid? ActorId { get; set; }

    public string? ActorName { get; set; }

    public FaultLevel? Level { get; set; }

    public PauseKind? Pause { get; set; }

    public Guid? PauseId { get; set; }

    public DateTime? Deadline { get; set; }

    public ServiceTier? Tier { get; set; }

    public Guid? ApprovalId { get; set; }

    /// <summary>Reason, note or threshold key.</summary>
    public string? Text { get; set; }

    public bool MovesClocks => (int)Type <= (int)FaultEventType.DeadlineReplaced;

    /// <summary>An event of a fault: what, when it happened, when it was written, by whom (null: the system).</summary>
    public static FaultEvent Create(Guid faultId, Guid unitId, FaultEventType type, DateTime at, DateTime recordedAt, Guid? actorId, string? actorName, string? text = null) => new()
    {
        FaultId = faultId,
        ClientUnitId = unitId,
        Type = type,
        At = at,
        RecordedAt = recordedAt,
        ActorId = actorId,
        ActorName = actorName,
        Text = text,
    };

    public SlaEvent ToSla() => new((SlaEventType)Type, At)
    {
        Level = Level,
        Pause = Pause,
        PauseId = PauseId,
        Deadline = Deadline,
        By = ActorName,
    };
}
