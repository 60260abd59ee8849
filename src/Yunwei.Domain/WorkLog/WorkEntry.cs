namespace Yunwei.Domain.WorkLog;

/// <summary>The kinds of work on the weekly workload list (docs/contract.md §13), in its order.</summary>
public enum WorkType
{
    /// <summary>故障处理.</summary>
    FaultHandling = 0,

    /// <summary>巡检.</summary>
    Inspection = 1,

    /// <summary>服务请求 (including tasks the client assigns beyond the contract, docs/contract.md §9).</summary>
    ServiceRequest = 2,

    /// <summary>技术咨询 (hotline questions, docs/contract.md §7).</summary>
    Consultation = 3,

    /// <summary>变更.</summary>
    Change = 4,

    /// <summary>培训.</summary>
    Training = 5,

    /// <summary>保障 (events, special periods).</summary>
    Assurance = 6,

    /// <summary>资料整理.</summary>
    Documentation = 7,
}

/// <summary>What made an entry, for entries the system writes itself (one per source).</summary>
public enum WorkSource
{
    Manual = 0,
    Fault = 1,
    Inspection = 2,
    Training = 3,
}

/// <summary>
/// One piece of work, recorded once (docs/contract.md §6: the workload list is generated from these, never
/// typed twice). Faults, inspections and training write their own entries; service requests,
/// consultations and the rest are quick entries.
/// </summary>
public sealed class WorkEntry : IUnitOwned
{
    public const int MaxText = 2000;
    public const decimal MaxHours = 24;

    public Guid Id { get; set; } = Guid.CreateVersion7();

    public Guid ClientUnitId { get; set; }

    /// <summary>The day the work was done (China time).</summary>
    public DateOnly Date { get; set; }

    public WorkType Type { get; set; }

    public Guid? SubsystemId { get; set; }

    /// <summary>The fault, inspection or request number it refers to.</summary>
    public string? Reference { get; set; }

    public WorkSource Source { get; set; }

    public Guid? SourceId { get; set; }

    public string Content { get; set; } = "";

    public Guid? HandlerId { get; set; }

    public string HandlerName { get; set; } = "";

    public decimal Hours { get; set; }

    public string? Result { get; set; }

    /// <summary>A task the client assigned beyond the contract's scope (docs/contract.md §9), and who asked.</summary>
    public bool OutOfScope { get; set; }

    public string? RequestedBy { get; set; }

    /// <summary>Consultations: who asked, the question, the answer and when it was asked (docs/contract.md §7).</summary>
    public string? AskedBy { get; set; }

    public string? Question { get; set; }

    public string? Answer { get; set; }

    public DateTime? AskedAt { get; set; }

    public DateTime CreatedAt { get; set; }

    public string? CreatedBy { get; set; }

    public int Revision { get; set; }
}

public static class WorkRules
{
    /// <summary>Hours as the list shows them: elapsed time rounded up to the half hour, at least half an hour.</summary>
    public static decimal Hours(TimeSpan elapsed) =>
        Math.Clamp(Math.Ceiling((decimal)Math.Max(elapsed.TotalHours, 0) * 2) / 2, 0.5m, WorkEntry.MaxHours);
}
