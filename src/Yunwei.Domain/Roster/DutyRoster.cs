using Yunwei.Domain.Sla;

namespace Yunwei.Domain.Roster;

/// <summary>白班 / 夜班 / 备班 (on call).</summary>
public enum ShiftKind
{
    Day = 0,
    Night = 1,
    OnCall = 2,
}

public enum RosterState
{
    Draft = 0,
    Published = 1,
}

/// <summary>A unit's duty roster for one month (docs/contract.md §7: a 7×24 hotline all year).</summary>
public sealed class DutyRoster : IUnitOwned
{
    public Guid Id { get; set; } = Guid.CreateVersion7();

    public Guid ClientUnitId { get; set; }

    /// <summary>The first day of the month.</summary>
    public DateOnly Month { get; set; }

    public RosterState State { get; set; }

    public DateTime? PublishedAt { get; set; }

    public string? PublishedBy { get; set; }

    /// <summary>Published with uncovered hours: who accepted that, and why (recorded, never silent).</summary>
    public string? GapsAcknowledgement { get; set; }

    public int Revision { get; set; }
}

/// <summary>One engineer on duty (or as a backup) for a span of time.</summary>
public sealed class Shift : IUnitOwned
{
    public Guid Id { get; set; } = Guid.CreateVersion7();

    public Guid ClientUnitId { get; set; }

    public Guid RosterId { get; set; }

    public ShiftKind Kind { get; set; }

    public DateTime StartsAt { get; set; }

    public DateTime EndsAt { get; set; }

    public Guid EngineerId { get; set; }

    public required string EngineerName { get; set; }

    /// <summary>The number to call during this shift (required for backups, docs/contract.md §7).</summary>
    public string? Phone { get; set; }

    /// <summary>替补: reachable during holidays and special periods besides the duty engineer.</summary>
    public bool IsBackup { get; set; }

    public string? Note { get; set; }

    public TimeInterval Span => new(StartsAt, EndsAt);
}

/// <summary>What a roster must satisfy before it is published.</summary>
public static class RosterRules
{
    /// <summary>The China-time standard hours of a kind of shift on a day: day 08:00–18:00, night 18:00–08:00 next day, on call all day.</summary>
    public static (DateTime StartUtc, DateTime EndUtc) DefaultSpan(DateOnly day, ShiftKind kind) => kind switch
    {
        ShiftKind.Day => (ChinaTime.ToUtc(day.ToDateTime(new TimeOnly(8, 0))), ChinaTime.ToUtc(day.ToDateTime(new TimeOnly(18, 0)))),
        ShiftKind.Night => (ChinaTime.ToUtc(day.ToDateTime(new TimeOnly(18, 0))), ChinaTime.ToUtc(day.AddDays(1).ToDateTime(new TimeOnly(8, 0)))),
        _ => (ChinaTime.ToUtc(day.ToDateTime(TimeOnly.MinValue)), ChinaTime.ToUtc(day.AddDays(1).ToDateTime(TimeOnly.MinValue))),
    };

    /// <summary>The month as a UTC span of China-time days.</summary>
    public static TimeInterval MonthSpan(DateOnly month) =>
        new(ChinaTime.ToUtc(month.ToDateTime(TimeOnly.MinValue)), ChinaTime.ToUtc(month.AddMonths(1).ToDateTime(TimeOnly.MinValue)));

    /// <summary>An engineer cannot be in two places: a shift overlapping another of theirs is refused.</summary>
    public static bool Overlaps(IEnumerable<Shift> shifts, Shift candidate) =>
        shifts.Any(s => s.Id != candidate.Id && s.EngineerId == candidate.EngineerId && s.StartsAt < candidate.EndsAt && candidate.StartsAt < s.EndsAt);

    /// <summary>Spans of the month without a duty engineer (backups do not count), merged.</summary>
    public static IReadOnlyList<TimeInterval> Gaps(DateOnly month, IEnumerable<Shift> shifts)
    {
        var span = MonthSpan(month);
        var covered = ClockMath.Merge(shifts.Where(s => !s.IsBackup).Select(s => s.Span));
        var gaps = new List<TimeInterval>();
        var cursor = span.Start;
        foreach (var c in covered.Where(c => c.End > span.Start && c.Start < span.End))
        {
            if (c.Start > cursor)
            {
                gaps.Add(new TimeInterval(cursor, c.Start));
            }

            cursor = c.End > cursor ? c.End : cursor;
        }

        if (cursor < span.End)
        {
            gaps.Add(new TimeInterval(cursor, span.End));
        }

        return gaps;
    }

    /// <summary>
    /// Days of the month that need a backup engineer (docs/contract.md §7): statutory holidays — with the
    /// weekend days that join them into one block — and days of special periods.
    /// </summary>
    public static IReadOnlyList<DateOnly> BackupDays(DateOnly month, IEnumerable<CalendarDay> days, IEnumerable<SpecialPeriod> periods)
    {
        var list = days.ToList();
        var holidays = list.Where(d => d.Kind == CalendarDayKind.Holiday).Select(d => d.Date).ToHashSet();
        var workdays = list.Where(d => d.Kind == CalendarDayKind.MakeUpWorkday).Select(d => d.Date).ToHashSet();
        var periodList = periods.ToList();
        var result = new List<DateOnly>();
        for (var day = month; day < month.AddMonths(1); day = day.AddDays(1))
        {
            // A make-up working day is a normal working day, even on a weekend next to the holiday.
            var weekendInBlock = day.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday && !workdays.Contains(day) && (JoinsHoliday(day, -1) || JoinsHoliday(day, 1));
            if (holidays.Contains(day) || weekendInBlock || periodList.Any(p => p.StartsOn <= day && day <= p.EndsOn))
            {
                result.Add(day);
            }
        }

        return result;

        // A weekend day next to a holiday (through the other weekend day) belongs to its block.
        bool JoinsHoliday(DateOnly day, int step)
        {
            var next = day.AddDays(step);
            return holidays.Contains(next) || (next.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday && holidays.Contains(next.AddDays(step)));
        }
    }

    /// <summary>The days among <paramref name="needed"/> with no backup shift (with a phone number) touching them.</summary>
    public static IReadOnlyList<DateOnly> MissingBackups(IEnumerable<DateOnly> needed, IEnumerable<Shift> shifts)
    {
        var backups = shifts.Where(s => s.IsBackup && !string.IsNullOrWhiteSpace(s.Phone)).ToList();
        return [.. needed.Where(day =>
        {
            var (start, end) = (ChinaTime.ToUtc(day.ToDateTime(TimeOnly.MinValue)), ChinaTime.ToUtc(day.AddDays(1).ToDateTime(TimeOnly.MinValue)));
            return !backups.Any(b => b.StartsAt < end && start < b.EndsAt);
        })];
    }

    /// <summary>Who is on duty at a moment, and the next duty shift after it.</summary>
    public static (IReadOnlyList<Shift> Now, IReadOnlyList<Shift> Backups, Shift? Next) OnDuty(IEnumerable<Shift> shifts, DateTime nowUtc)
    {
        var list = shifts.ToList();
        var now = list.Where(s => !s.IsBackup && s.StartsAt <= nowUtc && nowUtc < s.EndsAt).OrderBy(s => s.StartsAt).ToList();
        var backups = list.Where(s => s.IsBackup && s.StartsAt <= nowUtc && nowUtc < s.EndsAt).ToList();
        var next = list.Where(s => !s.IsBackup && s.StartsAt > nowUtc).OrderBy(s => s.StartsAt).FirstOrDefault();
        return (now, backups, next);
    }
}
