namespace Yunwei.Domain.Inspections;

public enum SchedulePeriod
{
    Daily = 0,
    Weekly = 1,
    Monthly = 2,
    Quarterly = 3,
}

/// <summary>
/// When a subsystem (or a group of its assets) is inspected: weekly by default (docs/contract.md §6), daily
/// for core devices, monthly or quarterly for the rest. Inspections are generated from it per period.
/// </summary>
public sealed class InspectionSchedule : IUnitOwned
{
    public Guid Id { get; set; } = Guid.CreateVersion7();

    public Guid ClientUnitId { get; set; }

    public Guid SubsystemId { get; set; }

    public string Name { get; set; } = "";

    public SchedulePeriod Period { get; set; } = SchedulePeriod.Weekly;

    /// <summary>Weekly: the day it is due.</summary>
    public DayOfWeek Weekday { get; set; } = DayOfWeek.Friday;

    /// <summary>Monthly and quarterly: the day of the (first) month it is due, 1–28.</summary>
    public int DayOfMonth { get; set; } = 1;

    /// <summary>An asset group: only these assets; empty: every asset of the subsystem.</summary>
    public List<Guid> AssetIds { get; set; } = [];

    public Guid? AssigneeId { get; set; }

    public bool Active { get; set; } = true;

    public DateTime CreatedAt { get; set; }

    public int Revision { get; set; }
}

public enum InspectionState
{
    Planned = 0,
    InProgress = 1,
    Done = 2,
}

/// <summary>An asset an inspection covers, copied when it starts (name and type as they were).</summary>
public sealed class InspectionTarget
{
    public Guid AssetId { get; set; }

    public string Code { get; set; } = "";

    public string Name { get; set; } = "";

    public string AssetType { get; set; } = "";
}

/// <summary>
/// One inspection (巡检) of a subsystem for one period. It starts with a copy of the checklist and
/// of the assets it covers; answers are saved one by one (<see cref="InspectionEntry"/>), so closing
/// the page loses nothing; it finishes once every item is answered and every required photo taken.
/// </summary>
public sealed class Inspection : IUnitOwned
{
    public Guid Id { get; set; } = Guid.CreateVersion7();

    public Guid ClientUnitId { get; set; }

    /// <summary>XJ-yyyyMMdd-nnn.</summary>
    public string Number { get; set; } = "";

    public Guid? ScheduleId { get; set; }

    public Guid SubsystemId { get; set; }

    /// <summary>The first day of the period it belongs to (the week's Monday for weekly).</summary>
    public DateOnly PeriodStart { get; set; }

    public DateOnly DueOn { get; set; }

    public InspectionState State { get; set; }

    public Guid? TemplateId { get; set; }

    public int TemplateVersion { get; set; }

    /// <summary>The checklist as it was when the inspection started.</summary>
    public List<ChecklistItem> Items { get; set; } = [];

    public List<InspectionTarget> Targets { get; set; } = [];

    public Guid? AssigneeId { get; set; }

    public string? InspectorName { get; set; }

    public Guid? InspectorId { get; set; }

    public DateTime? StartedAt { get; set; }

    public DateTime? FinishedAt { get; set; }

    /// <summary>The engineer's note on the whole inspection.</summary>
    public string? Summary { get; set; }

    public decimal? Hours { get; set; }

    public int Revision { get; set; }
}

/// <summary>An answer to one item for one asset (<see cref="Guid.Empty"/> for items answered once).</summary>
public sealed class InspectionEntry : IUnitOwned
{
    public Guid Id { get; set; } = Guid.CreateVersion7();

    public Guid ClientUnitId { get; set; }

    public Guid InspectionId { get; set; }

    public string ItemKey { get; set; } = "";

    public Guid AssetId { get; set; }

    public string Value { get; set; } = "";

    public ItemResult Result { get; set; }

    public string? Note { get; set; }

    /// <summary>File store keys of the photos taken.</summary>
    public List<string> Photos { get; set; } = [];

    /// <summary>The fault opened from this finding, if any.</summary>
    public Guid? FaultId { get; set; }

    /// <summary>The risk registered from this finding, if any.</summary>
    public Guid? RiskId { get; set; }

    public DateTime RecordedAt { get; set; }

    public string? RecordedBy { get; set; }
}

/// <summary>What an inspection must answer, and when inspections fall due.</summary>
public static class InspectionRules
{
    /// <summary>Every (item, asset) pair to answer: per-asset items for each matching target, the others once.</summary>
    public static IEnumerable<(ChecklistItem Item, InspectionTarget? Target)> Pairs(IReadOnlyList<ChecklistItem> items, IReadOnlyList<InspectionTarget> targets)
    {
        ArgumentNullException.ThrowIfNull(items);
        ArgumentNullException.ThrowIfNull(targets);
        foreach (var item in items)
        {
            if (item.AssetTypes.Count == 0)
            {
                yield return (item, null);
                continue;
            }

            foreach (var target in targets.Where(t => item.AssetTypes.Contains(t.AssetType, StringComparer.Ordinal)))
            {
                yield return (item, target);
            }
        }
    }

    /// <summary>
    /// What stops an inspection from finishing: unanswered pairs and answers without their required
    /// photo, as (item key, asset id, resource key).
    /// </summary>
    public static IEnumerable<(string ItemKey, Guid AssetId, string Error)> Incomplete(Inspection inspection, IEnumerable<InspectionEntry> entries)
    {
        ArgumentNullException.ThrowIfNull(inspection);
        var answered = entries.ToDictionary(e => (e.ItemKey, e.AssetId));
        foreach (var (item, target) in Pairs(inspection.Items, inspection.Targets))
        {
            var asset = target?.AssetId ?? Guid.Empty;
            if (!answered.TryGetValue((item.Key, asset), out var entry))
            {
                yield return (item.Key, asset, "Inspection.Error.Unanswered");
            }
            else if (item.PhotoRequired && entry.Photos.Count == 0)
            {
                yield return (item.Key, asset, "Inspection.Error.PhotoRequired");
            }
        }
    }

    /// <summary>The first day of the period containing <paramref name="day"/>.</summary>
    public static DateOnly PeriodStart(SchedulePeriod period, DateOnly day) => period switch
    {
        SchedulePeriod.Daily => day,
        SchedulePeriod.Weekly => Week.Monday(day),
        SchedulePeriod.Monthly => new DateOnly(day.Year, day.Month, 1),
        _ => new DateOnly(day.Year, (((day.Month - 1) / 3) * 3) + 1, 1),
    };

    public static DateOnly NextPeriod(SchedulePeriod period, DateOnly start) => period switch
    {
        SchedulePeriod.Daily => start.AddDays(1),
        SchedulePeriod.Weekly => start.AddDays(7),
        SchedulePeriod.Monthly => start.AddMonths(1),
        _ => start.AddMonths(3),
    };

    /// <summary>
    /// The periods from <paramref name="from"/> to <paramref name="to"/> (inclusive) with their due
    /// dates on the client's calendar: a due day that is not a working day moves to the next working
    /// day, and back to the last working day of the period when none is left in it. Daily inspections
    /// happen on working days only; a period without any working day has no inspection.
    /// </summary>
    public static IEnumerable<(DateOnly PeriodStart, DateOnly DueOn)> Occurrences(InspectionSchedule schedule, DateOnly from, DateOnly to, Func<DateOnly, bool> isWorkingDay)
    {
        ArgumentNullException.ThrowIfNull(schedule);
        ArgumentNullException.ThrowIfNull(isWorkingDay);
        for (var start = PeriodStart(schedule.Period, from); start <= to; start = NextPeriod(schedule.Period, start))
        {
            var end = NextPeriod(schedule.Period, start).AddDays(-1);
            var nominal = schedule.Period switch
            {
                SchedulePeriod.Daily => start,
                SchedulePeriod.Weekly => start.AddDays(((int)schedule.Weekday + 6) % 7),
                _ => start.AddDays(Math.Clamp(schedule.DayOfMonth, 1, 28) - 1),
            };
            DateOnly? due = null;
            for (var d = nominal; d <= end && due is null; d = d.AddDays(1))
            {
                due = isWorkingDay(d) ? d : null;
            }

            for (var d = nominal.AddDays(-1); d >= start && due is null; d = d.AddDays(-1))
            {
                due = isWorkingDay(d) ? d : null;
            }

            if (due is { } day && start >= PeriodStart(schedule.Period, from))
            {
                yield return (start, day);
            }
        }
    }
}

/// <summary>Weeks run Monday to Sunday (as Chinese work weeks and the weekly deliverables do).</summary>
public static class Week
{
    public static DateOnly Monday(DateOnly day) => day.AddDays(-(((int)day.DayOfWeek + 6) % 7));
}
