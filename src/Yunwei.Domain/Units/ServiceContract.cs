using Yunwei.Domain.Faults;
using Yunwei.Domain.Sla;

namespace Yunwei.Domain.Units;

/// <summary>How deadlines are counted for a contract (docs/contract.md §3, §7).</summary>
public enum CalendarMode
{
    /// <summary>7×24: every minute counts (the default).</summary>
    AllDay = 0,

    /// <summary>Only the unit's working hours count, with holidays and make-up working days.</summary>
    WorkingHours = 1,
}

/// <summary>The service contract between the provider and one client unit.</summary>
public sealed class ServiceContract : IUnitOwned
{
    public Guid Id { get; set; } = Guid.CreateVersion7();

    public Guid ClientUnitId { get; set; }

    public required string Title { get; set; }

    public DateOnly StartsOn { get; set; }

    public DateOnly EndsOn { get; set; }

    public CalendarMode CalendarMode { get; set; } = CalendarMode.AllDay;

    /// <summary>Working periods of a working day, e.g. "08:00-12:00,14:00-18:00" (see <see cref="WorkingHours"/>).</summary>
    public string WorkingHours { get; set; } = Units.WorkingHours.Default;

    public List<SlaTarget> SlaTargets { get; set; } = [];

    /// <summary>Where the response clock starts (docs/contract.md §3 reading: the report time).</summary>
    public ClockStart ResponseStart { get; set; } = ClockStart.Reported;

    /// <summary>Where the restore clock starts (docs/contract.md §3 reading: the report time).</summary>
    public ClockStart RestoreStart { get; set; } = ClockStart.Reported;

    /// <summary>Where the resolve clock starts (docs/contract.md §3 reading: arrival on site).</summary>
    public ClockStart ResolveStart { get; set; } = ClockStart.ArrivedOnSite;

    /// <summary>Warn at these shares (percent) of each target.</summary>
    public List<int> WarningPercents { get; set; } = [75, 90];

    /// <summary>Provider leadership the client may contact directly (docs/contract.md §10).</summary>
    public List<LeadershipContact> LeadershipContacts { get; set; } = [];

    /// <summary>A complaint's first reply within this many hours of receipt (docs/contract.md §10: 8).</summary>
    public int ComplaintReplyHours { get; set; } = Complaints.ComplaintRules.DefaultReplyHours;

    /// <summary>A complaint closed within this many days (docs/contract.md §10: half a month).</summary>
    public int ComplaintCloseDays { get; set; } = Complaints.ComplaintRules.DefaultCloseDays;

    /// <summary>Optimistic concurrency: the contract form and the assessment template edit the same record.</summary>
    public int Revision { get; set; }

    /// <summary>The quarterly assessment's items (《信息化系统季度考核表》); empty: <see cref="Assessment.AssessmentDefaults"/>.</summary>
    public List<Assessment.AssessmentItem> AssessmentItems { get; set; } = [];

    public decimal BandExcellent { get; set; } = 90;

    public decimal BandGood { get; set; } = 75;

    public decimal BandPass { get; set; } = 60;

    /// <summary>The assessment template in force: the contract's items, or the defaults.</summary>
    public IReadOnlyList<Assessment.AssessmentItem> AssessmentTemplate() =>
        AssessmentItems.Count > 0 ? AssessmentItems : Assessment.AssessmentDefaults.Items();

    public Assessment.AssessmentBands Bands() => new() { Excellent = BandExcellent, Good = BandGood, Pass = BandPass };

    /// <summary>The contract in force on <paramref name="today"/>, else the latest one (by start): the one every feature reads.</summary>
    public static ServiceContract? InForce(IEnumerable<ServiceContract> contracts, DateOnly today)
    {
        var ordered = contracts.OrderByDescending(c => c.StartsOn).ToList();
        return ordered.FirstOrDefault(c => c.StartsOn <= today && today <= c.EndsOn) ?? ordered.FirstOrDefault();
    }

    public SlaTarget TargetFor(FaultLevel level) =>
        SlaTargets.FirstOrDefault(t => t.Level == level)
        ?? SlaTarget.Defaults().First(t => t.Level == level);
}

/// <summary>Deadlines for one fault level, in minutes (docs/contract.md §3).</summary>
public sealed class SlaTarget
{
    public FaultLevel Level { get; set; }

    /// <summary>Answer and classify within this many minutes.</summary>
    public int ResponseMinutes { get; set; }

    /// <summary>Restore business within this many minutes; null where the contract sets none (level 3).</summary>
    public int? RestoreMinutes { get; set; }

    /// <summary>Resolve the fault within this many minutes.</summary>
    public int ResolveMinutes { get; set; }

    /// <summary>The contract's defaults: response 10/30/60 min, restore 4 h/8 h/–, resolve 12/24/48 h.</summary>
    public static IReadOnlyList<SlaTarget> Defaults() =>
    [
        new() { Level = FaultLevel.Level1, ResponseMinutes = 10, RestoreMinutes = 4 * 60, ResolveMinutes = 12 * 60 },
        new() { Level = FaultLevel.Level2, ResponseMinutes = 30, RestoreMinutes = 8 * 60, ResolveMinutes = 24 * 60 },
        new() { Level = FaultLevel.Level3, ResponseMinutes = 60, RestoreMinutes = null, ResolveMinutes = 48 * 60 },
    ];

    /// <summary>Returns the problems of a target as resource keys; empty when valid.</summary>
    public IEnumerable<string> Validate()
    {
        if (ResponseMinutes <= 0)
        {
            yield return "Validation.Sla.ResponsePositive";
        }

        if (RestoreMinutes is <= 0)
        {
            yield return "Validation.Sla.RestorePositive";
        }

        if (ResolveMinutes <= 0)
        {
            yield return "Validation.Sla.ResolvePositive";
        }

        if (RestoreMinutes is { } restore && restore > ResolveMinutes)
        {
            yield return "Validation.Sla.RestoreAfterResolve";
        }

        if (ResponseMinutes > ResolveMinutes)
        {
            yield return "Validation.Sla.ResponseAfterResolve";
        }
    }
}

/// <summary>A provider leader's contact details, shown to the client for escalations.</summary>
public sealed class LeadershipContact
{
    public required string Name { get; set; }

    public string? Title { get; set; }

    public string? Phone { get; set; }

    public string? Email { get; set; }
}
