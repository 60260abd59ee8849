namespace Yunwei.Domain.Training;

public enum TrainingKind
{
    /// <summary>现场技术培训 (docs/contract.md §8): the provider brings materials and teacher.</summary>
    OnSite = 0,

    /// <summary>巡检时培训 (docs/contract.md §6): the client's engineers trained during an inspection.</summary>
    DuringInspection = 1,

    /// <summary>保密培训 (docs/contract.md §8, §11): every dispatched engineer.</summary>
    Confidentiality = 2,
}

public sealed class TrainingAttendee
{
    public string Name { get; set; } = "";

    /// <summary>Set when the attendee is a user (an engineer's confidentiality training is recorded on the profile).</summary>
    public Guid? UserId { get; set; }
}

/// <summary>A training session (培训) given at a client unit.</summary>
public sealed class TrainingSession : IUnitOwned
{
    public const int MaxText = 2000;

    public Guid Id { get; set; } = Guid.CreateVersion7();

    public Guid ClientUnitId { get; set; }

    public TrainingKind Kind { get; set; }

    public string Topic { get; set; } = "";

    public Guid? SubsystemId { get; set; }

    public string Trainer { get; set; } = "";

    public Guid? TrainerId { get; set; }

    public DateTime At { get; set; }

    public decimal Hours { get; set; }

    public List<TrainingAttendee> Attendees { get; set; } = [];

    /// <summary>Materials: documents of the unit's archive.</summary>
    public List<Guid> DocumentIds { get; set; } = [];

    public string? Note { get; set; }

    public DateTime CreatedAt { get; set; }

    public string? CreatedBy { get; set; }
}
