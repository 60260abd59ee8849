namespace Yunwei.Domain.Staff;

/// <summary>A certificate an engineer holds (e.g. 网络工程师, 电工证), with its expiry.</summary>
public sealed class Certificate
{
    public required string Name { get; set; }

    public string? Number { get; set; }

    public DateOnly? ExpiresOn { get; set; }
}

/// <summary>
/// The provider's engineer as the client sees them (docs/contract.md §8, §9): contact numbers, skills per
/// subsystem, certificates with expiry, and the confidentiality training every dispatched engineer
/// must have had.
/// </summary>
public sealed class EngineerProfile
{
    public Guid Id { get; set; } = Guid.CreateVersion7();

    public Guid UserId { get; set; }

    public string? Phone { get; set; }

    public string? BackupPhone { get; set; }

    /// <summary>Subsystem names the engineer is skilled in (the twelve defaults or a unit's own).</summary>
    public List<string> Skills { get; set; } = [];

    public List<Certificate> Certificates { get; set; } = [];

    /// <summary>保密培训: date of the confidentiality training (docs/contract.md §8).</summary>
    public DateOnly? ConfidentialityTrainedOn { get; set; }

    public string? Note { get; set; }

    public DateTime UpdatedAt { get; set; }

    /// <summary>Optimistic concurrency: an edit on an older revision is refused (0 before the first save).</summary>
    public int Revision { get; set; }
}

/// <summary>驻点派驻: who served which unit, in which role, from when to when, on which approval.</summary>
public sealed class Assignment : IUnitOwned
{
    public Guid Id { get; set; } = Guid.CreateVersion7();

    public Guid ClientUnitId { get; set; }

    public Guid UserId { get; set; }

    public required string EngineerName { get; set; }

    public DateOnly StartsOn { get; set; }

    /// <summary>Open while serving.</summary>
    public DateOnly? EndsOn { get; set; }

    /// <summary>The client's consent (docs/contract.md §9: every staffing change needs it).</summary>
    public Guid? ApprovalId { get; set; }

    public string? Note { get; set; }
}

/// <summary>What a staffing approval asks for (the approval's "change" field).</summary>
public enum StaffingChange
{
    /// <summary>派驻: the engineer starts serving the unit.</summary>
    Dispatch = 0,

    /// <summary>更换: the engineer replaces the unit's current resident engineer.</summary>
    Replace = 1,

    /// <summary>留任: the engineer stays (recorded, nothing changes).</summary>
    Retain = 2,
}

public static class StaffRules
{
    /// <summary>Certificates that expire within <paramref name="days"/> days of <paramref name="today"/> (or already have).</summary>
    public static IEnumerable<Certificate> Expiring(EngineerProfile profile, DateOnly today, int days = 60) =>
        profile?.Certificates.Where(c => c.ExpiresOn is { } e && e <= today.AddDays(days)) ?? [];

    /// <summary>Reads a staffing approval's "change" field: Dispatch/Replace/Retain or 派驻/更换/留任 (also inside a longer text).</summary>
    public static StaffingChange? ParseChange(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        if (Enum.TryParse<StaffingChange>(text.Trim(), ignoreCase: true, out var change) && Enum.IsDefined(change))
        {
            return change;
        }

        return text.Contains("更换", StringComparison.Ordinal) ? StaffingChange.Replace
            : text.Contains("派驻", StringComparison.Ordinal) ? StaffingChange.Dispatch
            : text.Contains("留任", StringComparison.Ordinal) ? StaffingChange.Retain
            : null;
    }

    /// <summary>Without confidentiality training an engineer is not to be dispatched (docs/contract.md §8, §11).</summary>
    public static bool MayBeDispatched(EngineerProfile? profile) => profile?.ConfidentialityTrainedOn is not null;
}
