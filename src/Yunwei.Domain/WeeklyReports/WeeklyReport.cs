namespace Yunwei.Domain.WeeklyReports;

public enum WeeklyReportKind
{
    /// <summary>信息化系统设备巡检报告 (docs/contract.md §6).</summary>
    InspectionReport = 0,

    /// <summary>信息化系统维保工作量清单 (docs/contract.md §6).</summary>
    WorkloadList = 1,
}

public enum WeeklyReportState
{
    Draft = 0,

    /// <summary>The engineer signed and submitted it; the content is frozen; waiting for the client.</summary>
    Submitted = 1,

    /// <summary>The client signed: locked and archived.</summary>
    ClientSigned = 2,
}

/// <summary>
/// A weekly deliverable for a unit and week (Monday). Generated from the week's work; the engineer
/// adds the written parts, signs and submits (the generated content is frozen then), the client
/// reviews and signs or returns it. A signed version is never edited: a change is a new version,
/// and the signed one stays archived.
/// </summary>
public sealed class WeeklyReport : IUnitOwned
{
    public const int MaxText = 4000;

    public Guid Id { get; set; } = Guid.CreateVersion7();

    public Guid ClientUnitId { get; set; }

    public WeeklyReportKind Kind { get; set; }

    public DateOnly WeekStart { get; set; }

    public int Version { get; set; } = 1;

    /// <summary>The version shown for the week; older versions are the archive.</summary>
    public bool IsCurrent { get; set; } = true;

    public WeeklyReportState State { get; set; }

    /// <summary>运行状况总结.</summary>
    public string? Summary { get; set; }

    /// <summary>维护建议.</summary>
    public string? Advice { get; set; }

    /// <summary>性能优化方案.</summary>
    public string? Optimisation { get; set; }

    /// <summary>The generated content (JSON) as submitted and signed; null while a draft (generated live).</summary>
    public string? Snapshot { get; set; }

    public Guid? EngineerSignatureId { get; set; }

    public Guid? ClientSignatureId { get; set; }

    /// <summary>Why the client returned the last submission, if it did.</summary>
    public string? ReturnReason { get; set; }

    public DateTime UpdatedAt { get; set; }

    public string? UpdatedBy { get; set; }

    public int Revision { get; set; }
}
