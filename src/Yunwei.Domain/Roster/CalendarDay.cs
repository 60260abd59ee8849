using Yunwei.Domain.Sla;
using Yunwei.Domain.Units;

namespace Yunwei.Domain.Roster;

/// <summary>An exception to the Monday-to-Friday week in a unit's working calendar.</summary>
public enum CalendarDayKind
{
    /// <summary>法定节假日: a day off (also when it falls on a weekday).</summary>
    Holiday = 0,

    /// <summary>调休上班: a weekend day worked instead.</summary>
    MakeUpWorkday = 1,
}

/// <summary>One holiday or make-up working day of a unit, imported from a holiday-cn file or entered by hand.</summary>
public sealed class CalendarDay : IUnitOwned
{
    public const int NameMaxLength = 50;

    public Guid Id { get; set; } = Guid.CreateVersion7();

    public Guid ClientUnitId { get; set; }

    public DateOnly Date { get; set; }

    public CalendarDayKind Kind { get; set; }

    /// <summary>e.g. 春节, 国庆节.</summary>
    public required string Name { get; set; }

    /// <summary>Where it came from: "holiday-cn 2026", "manual".</summary>
    public string? Source { get; set; }

    /// <summary>Optimistic concurrency: a change by hand names the revision it was made on.</summary>
    public int Revision { get; set; }
}

/// <summary>A designated special period (重大活动保障期, 节假日): the roster needs backup engineers then (docs/contract.md §7).</summary>
public sealed class SpecialPeriod : IUnitOwned
{
    public Guid Id { get; set; } = Guid.CreateVersion7();

    public Guid ClientUnitId { get; set; }

    public required string Name { get; set; }

    public DateOnly StartsOn { get; set; }

    public DateOnly EndsOn { get; set; }

    public string? Note { get; set; }
}

/// <summary>Builds the calendar the SLA clocks count on from a contract and the unit's calendar days.</summary>
public static class UnitCalendar
{
    public static WorkCalendar For(ServiceContract? contract, IEnumerable<CalendarDay> days) =>
        contract is { CalendarMode: CalendarMode.WorkingHours } && WorkingHours.TryParse(contract.WorkingHours, out _)
            ? Working(contract, days)
            : WorkCalendar.AllDay;

    /// <summary>
    /// The client's working calendar whatever the SLA counts on (attendance follows it): the
    /// contract's working hours, or the default 08:00–12:00, 14:00–18:00, with the unit's days.
    /// </summary>
    public static WorkCalendar Working(ServiceContract? contract, IEnumerable<CalendarDay> days)
    {
        if (!WorkingHours.TryParse(contract?.WorkingHours, out var periods) && !WorkingHours.TryParse(WorkingHours.Default, out periods))
        {
            throw new InvalidOperationException("The default working hours do not parse.");
        }

        var list = days.ToList();
        return WorkCalendar.WorkingHours(
            periods,
            list.Where(d => d.Kind == CalendarDayKind.Holiday).Select(d => d.Date),
            list.Where(d => d.Kind == CalendarDayKind.MakeUpWorkday).Select(d => d.Date));
    }
}
