namespace Yunwei.Domain.Assessment;

public sealed class GoalProgress
{
    public DateTime At { get; set; }

    public string? By { get; set; }

    public string Text { get; set; } = "";

    /// <summary>The provider's estimate of completion, 0–100.</summary>
    public int? Percent { get; set; }
}

/// <summary>
/// A goal the client sets for a quarter (docs/contract.md §12): text, a measurable target and a weight (a quarter's
/// weights sum to 100). The provider reports progress; the client assesses completion at quarter end.
/// </summary>
public sealed class QuarterlyGoal : IUnitOwned
{
    public const int MaxText = 1000;

    public Guid Id { get; set; } = Guid.CreateVersion7();

    public Guid ClientUnitId { get; set; }

    public int Year { get; set; }

    public int Quarter { get; set; }

    public int SortOrder { get; set; }

    public string Title { get; set; } = "";

    /// <summary>What counts as done, measurably.</summary>
    public string Target { get; set; } = "";

    public int Weight { get; set; }

    public List<GoalProgress> Progress { get; set; } = [];

    /// <summary>The client's assessment of completion, 0–100 (null: not assessed yet).</summary>
    public decimal? Completion { get; set; }

    public string? AssessmentComment { get; set; }

    public string? AssessedBy { get; set; }

    public int Revision { get; set; }
}

public enum AssessmentState
{
    /// <summary>Computed live; the client enters scores and adjustments.</summary>
    Draft = 0,

    /// <summary>The client signed: the figures are frozen; waiting for the provider's acknowledgement.</summary>
    ClientSigned = 1,

    /// <summary>Both signed: locked and archived.</summary>
    Acknowledged = 2,
}

/// <summary>A client's entry on the form: a score (weighted items, manual bonuses) and/or an adjustment with its reason.</summary>
public sealed class AssessmentInput
{
    public string Key { get; set; } = "";

    public decimal? Value { get; set; }

    public decimal Adjustment { get; set; }

    public string? Reason { get; set; }
}

/// <summary>
/// The quarterly assessment form (《信息化系统季度考核表》) of a unit: computed from the quarter's data
/// while a draft, reviewed and adjusted by the client with reasons, signed by the client (frozen)
/// and acknowledged by the provider (locked). A change after signing is a new version.
/// </summary>
public sealed class QuarterlyAssessment : IUnitOwned
{
    public Guid Id { get; set; } = Guid.CreateVersion7();

    public Guid ClientUnitId { get; set; }

    public int Year { get; set; }

    public int Quarter { get; set; }

    public int Version { get; set; } = 1;

    public bool IsCurrent { get; set; } = true;

    public AssessmentState State { get; set; }

    public List<AssessmentInput> Inputs { get; set; } = [];

    public string? Comment { get; set; }

    /// <summary>The computed form (JSON) as the client signed it; null while a draft.</summary>
    public string? Snapshot { get; set; }

    public Guid? ClientSignatureId { get; set; }

    public Guid? ProviderSignatureId { get; set; }

    public DateTime UpdatedAt { get; set; }

    public string? UpdatedBy { get; set; }

    public int Revision { get; set; }
}
