using Yunwei.Domain.Units;

namespace Yunwei.Domain.Sla;

/// <summary>A span of UTC time, end exclusive. <see cref="DateTime.MaxValue"/> as end means "still open".</summary>
public readonly record struct TimeInterval(DateTime Start, DateTime End)
{
    public TimeSpan Length => End - Start;

    public bool IsOpen => End == DateTime.MaxValue;
}

/// <summary>
/// The time that counts towards a deadline (docs/contract.md §3, §7): every minute (7×24, the default), or
/// the working periods of working days in China time, where statutory holidays are off and make-up
/// working days (调休补班, usually a Saturday or Sunday) are on.
/// </summary>
public sealed class WorkCalendar
{
    /// <summary>How far ahead a working minute is searched for before the calendar is called empty.</summary>
    private const int MaxDaysAhead = 3 * 366;

    private readonly HashSet<DateOnly> _offDays;
    private readonly HashSet<DateOnly> _workDays;

    private WorkCalendar(bool allDay, IReadOnlyList<WorkingPeriod> periods, IEnumerable<DateOnly> offDays, IEnumerable<DateOnly> workDays)
    {
        IsAllDay = allDay;
        Periods = periods;
        _offDays = [.. offDays];
        _workDays = [.. workDays];
    }

    /// <summary>7×24: every minute counts, holidays included.</summary>
    public static WorkCalendar AllDay { get; } = new(true, [], [], []);

    public bool IsAllDay { get; }

    public IReadOnlyList<WorkingPeriod> Periods { get; }

    /// <summary>A working-hours calendar: Monday to Friday plus <paramref name="workDays"/>, minus <paramref name="offDays"/>.</summary>
    public static WorkCalendar WorkingHours(IReadOnlyList<WorkingPeriod> periods, IEnumerable<DateOnly>? offDays = null, IEnumerable<DateOnly>? workDays = null)
    {
        ArgumentNullException.ThrowIfNull(periods);
        if (periods.Count == 0)
        {
            throw new ArgumentException("A working-hours calendar needs at least one period.", nameof(periods));
        }

        return new WorkCalendar(false, periods, offDays ?? [], workDays ?? []);
    }

    /// <summary>Whether a day (in China time) is a working day: make-up days work, holidays rest, otherwise Monday to Friday.</summary>
    public bool IsWorkingDay(DateOnly day) =>
        IsAllDay
        || _workDays.Contains(day)
        || (!_offDays.Contains(day) && day.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday));

    /// <summary>The counting intervals from <paramref name="fromUtc"/> onwards, in order.</summary>
    public IEnumerable<TimeInterval> IntervalsFrom(DateTime fromUtc)
    {
        if (IsAllDay)
        {
            yield return new TimeInterval(fromUtc, DateTime.MaxValue);
            yield break;
        }

        var day = DateOnly.FromDateTime(ChinaTime.ToLocal(fromUtc));
        for (var i = 0; i < MaxDaysAhead; i++, day = day.AddDays(1))
        {
            if (!IsWorkingDay(day))
            {
                continue;
            }

            foreach (var period in Periods)
            {
                var start = ChinaTime.ToUtc(day.ToDateTime(period.Start));
                var end = ChinaTime.ToUtc(day.ToDateTime(period.End));
                if (end <= fromUtc)
                {
                    continue;
                }

                yield return new TimeInterval(start < fromUtc ? fromUtc : start, end);
            }
        }
    }
}
