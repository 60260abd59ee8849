using Yunwei.Domain.Faults;
using Yunwei.Domain.Units;

namespace Yunwei.Domain.Sla;

/// <summary>The three clocks of docs/contract.md §3.</summary>
public enum SlaClock
{
    /// <summary>响应: answer and classify.</summary>
    Response = 0,

    /// <summary>恢复业务: the core business runs again, at least on a single node.</summary>
    Restore = 1,

    /// <summary>解决故障: root cause fixed, full normal state.</summary>
    Resolve = 2,
}

/// <summary>The event a clock starts from.</summary>
public enum ClockStart
{
    /// <summary>The report (报修) time.</summary>
    Reported = 0,

    /// <summary>The moment the engineer answered the call; the report time until then.</summary>
    Answered = 1,

    /// <summary>
    /// Arrival on site, but no later than the report time plus the level's response target: a late
    /// arrival never buys extra time, and a remote fix still has a clock.
    /// </summary>
    ArrivedOnSite = 2,
}

/// <summary>Why a fault's clocks stop for a while (docs/contract.md §3, §4). Each pause is evidence with a reason.</summary>
public enum PauseKind
{
    /// <summary>Waiting for the client's approval (a major operation, a part).</summary>
    ClientApproval = 0,

    /// <summary>Waiting for parts to arrive.</summary>
    Parts = 1,

    /// <summary>Waiting for a third party (vendor).</summary>
    ThirdParty = 2,

    /// <summary>Storage data re-import: never counted in the restore time (docs/contract.md §3).</summary>
    DataReimport = 3,
}

/// <summary>Everything the clocks need from a unit's contract and calendar.</summary>
public sealed class SlaPolicy
{
    public required WorkCalendar Calendar { get; init; }

    public IReadOnlyList<SlaTarget> Targets { get; init; } = SlaTarget.Defaults();

    public ClockStart ResponseStart { get; init; } = ClockStart.Reported;

    public ClockStart RestoreStart { get; init; } = ClockStart.Reported;

    public ClockStart ResolveStart { get; init; } = ClockStart.ArrivedOnSite;

    /// <summary>Warn when this share (percent) of a target has been used; default 75 % and 90 %.</summary>
    public IReadOnlyList<int> WarningPercents { get; init; } = [75, 90];

    /// <summary>The clocks each kind of pause stops.</summary>
    public IReadOnlyDictionary<PauseKind, IReadOnlyList<SlaClock>> PauseStops { get; init; } = DefaultPauseStops;

    /// <summary>
    /// Defaults: the client's approval stops restore and resolve (the provider cannot act without it);
    /// parts and third parties stop resolve only (business must be restored with a workaround first);
    /// a data re-import stops restore only. The response clock never pauses.
    /// </summary>
    public static IReadOnlyDictionary<PauseKind, IReadOnlyList<SlaClock>> DefaultPauseStops { get; } =
        new Dictionary<PauseKind, IReadOnlyList<SlaClock>>
        {
            [PauseKind.ClientApproval] = [SlaClock.Restore, SlaClock.Resolve],
            [PauseKind.Parts] = [SlaClock.Resolve],
            [PauseKind.ThirdParty] = [SlaClock.Resolve],
            [PauseKind.DataReimport] = [SlaClock.Restore],
        };

    public SlaTarget TargetFor(FaultLevel level) =>
        Targets.FirstOrDefault(t => t.Level == level) ?? SlaTarget.Defaults().First(t => t.Level == level);

    /// <summary>The target of a clock at a level; null where the contract sets none (restore at level 3).</summary>
    public TimeSpan? Target(SlaClock clock, FaultLevel level)
    {
        var target = TargetFor(level);
        int? minutes = clock switch
        {
            SlaClock.Response => target.ResponseMinutes,
            SlaClock.Restore => target.RestoreMinutes,
            _ => target.ResolveMinutes,
        };
        return minutes is { } m ? TimeSpan.FromMinutes(m) : null;
    }

    public bool Stops(PauseKind kind, SlaClock clock) =>
        PauseStops.TryGetValue(kind, out var clocks) && clocks.Contains(clock);

    /// <summary>The policy of a contract on a calendar.</summary>
    public static SlaPolicy For(ServiceContract contract, WorkCalendar calendar)
    {
        ArgumentNullException.ThrowIfNull(contract);
        return new SlaPolicy
        {
            Calendar = calendar,
            Targets = contract.SlaTargets.Count > 0 ? contract.SlaTargets : SlaTarget.Defaults(),
            ResponseStart = contract.ResponseStart,
            RestoreStart = contract.RestoreStart,
            ResolveStart = contract.ResolveStart,
            WarningPercents = contract.WarningPercents.Count > 0 ? contract.WarningPercents : [75, 90],
        };
    }
}
