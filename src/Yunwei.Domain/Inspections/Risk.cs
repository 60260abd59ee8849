namespace Yunwei.Domain.Inspections;

public enum RiskSeverity
{
    Low = 0,
    Medium = 1,
    High = 2,
}

public enum RiskState
{
    Open = 0,
    Closed = 1,
}

public sealed class RiskNote
{
    public DateTime At { get; set; }

    public string? By { get; set; }

    public string Text { get; set; } = "";
}

/// <summary>
/// A hidden risk (隐患, contract docs/contract.md §6): found on an inspection or noticed at any time, followed up with
/// notes until closed, and on every weekly inspection report until then.
/// </summary>
public sealed class Risk : IUnitOwned
{
    public const int MaxText = 2000;

    public Guid Id { get; set; } = Guid.CreateVersion7();

    public Guid ClientUnitId { get; set; }

    /// <summary>YH-yyyyMMdd-nnn.</summary>
    public string Number { get; set; } = "";

    public Guid? SubsystemId { get; set; }

    public Guid? AssetId { get; set; }

    public string Description { get; set; } = "";

    public RiskSeverity Severity { get; set; } = RiskSeverity.Medium;

    public string? Solution { get; set; }

    /// <summary>Who is to act: a person of either side, by name.</summary>
    public string? Owner { get; set; }

    public DateOnly? TargetDate { get; set; }

    public RiskState State { get; set; }

    public List<RiskNote> Notes { get; set; } = [];

    public DateTime? ClosedAt { get; set; }

    public string? ClosedBy { get; set; }

    public string? Closure { get; set; }

    /// <summary>The inspection it was found on, if any.</summary>
    public Guid? InspectionId { get; set; }

    public DateTime CreatedAt { get; set; }

    public string? CreatedBy { get; set; }

    public int Revision { get; set; }
}
