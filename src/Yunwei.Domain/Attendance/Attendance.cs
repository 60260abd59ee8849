using Yunwei.Domain.Sla;

namespace Yunwei.Domain.Attendance;

/// <summary>One engineer's check-in and check-out on one day (China time) at a unit (docs/contract.md §9).</summary>
public sealed class AttendanceRecord : IUnitOwned
{
    public Guid Id { get; set; } = Guid.CreateVersion7();

    public Guid ClientUnitId { get; set; }

    public Guid UserId { get; set; }

    public DateOnly Date { get; set; }

    public DateTime? CheckInAt { get; set; }

    public DateTime? CheckOutAt { get; set; }
}

/// <summary>A month's attendance sheet of one engineer, signed by the client.</summary>
public sealed class AttendanceSheet : IUnitOwned
{
    public Guid Id { get; set; } = Guid.CreateVersion7();

    public Guid ClientUnitId { get; set; }

    public Guid UserId { get; set; }

    public DateOnly Month { get; set; }

    public Guid? SignatureId { get; set; }
}

public enum DayStatus
{
    /// <summary>Not a working day, nothing recorded.</summary>
    Rest = 0,

    /// <summary>Today, not checked in yet; or a day still ahead.</summary>
    Pending = 1,

    Normal = 2,

    Late = 3,

    LeftEarly = 4,

    LateAndLeftEarly = 5,

    /// <summary>A past working day without a check-in and without leave.</summary>
    Absent = 6,

    /// <summary>Checked in, never out.</summary>
    NoCheckOut = 7,

    /// <summary>On approved leave.</summary>
    Leave = 8,

    /// <summary>Outside the engineer's assignment to the unit: nothing was expected.</summary>
    NotServing = 9,
}

public sealed record AttendanceDay(DateOnly Date, bool WorkingDay, DateTime? In, DateTime? Out, DayStatus Status, int LateMinutes, int EarlyMinutes, int OvertimeMinutes);

public sealed record AttendanceTotals(int WorkingDays, int Present, int Late, int LateMinutes, int LeftEarly, int Absent, int Leave, int OvertimeMinutes);

/// <summary>Lateness, absence and overtime against the unit's working calendar (the client's hours).</summary>
public static class AttendanceRules
{
    public static AttendanceDay Evaluate(WorkCalendar calendar, DateOnly date, AttendanceRecord? record, bool onLeave, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(calendar);
        var working = calendar.IsWorkingDay(date) && calendar.Periods.Count > 0;
        var (checkIn, checkOut) = (record?.CheckInAt, record?.CheckOutAt);
        if (!working)
        {
            var extra = checkIn is { } i && checkOut is { } o && o > i ? (int)(o - i).TotalMinutes : 0;
            return new AttendanceDay(date, false, checkIn, checkOut, DayStatus.Rest, 0, 0, extra);
        }

        var start = ChinaTime.ToUtc(date.ToDateTime(calendar.Periods[0].Start));
        var end = ChinaTime.ToUtc(date.ToDateTime(calendar.Periods[^1].End));
        if (onLeave)
        {
            return new AttendanceDay(date, true, checkIn, checkOut, DayStatus.Leave, 0, 0, 0);
        }

        if (checkIn is not { } inAt)
        {
            return new AttendanceDay(date, true, null, checkOut, date < today ? DayStatus.Absent : DayStatus.Pending, 0, 0, 0);
        }

        var late = inAt > start ? (int)Math.Ceiling((inAt - start).TotalMinutes) : 0;
        if (checkOut is not { } outAt)
        {
            return new AttendanceDay(date, true, inAt, null, date < today ? DayStatus.NoCheckOut : (late > 0 ? DayStatus.Late : DayStatus.Pending), late, 0, 0);
        }

        var early = outAt < end ? (int)Math.Ceiling((end - outAt).TotalMinutes) : 0;
        var overtime = outAt > end ? (int)(outAt - end).TotalMinutes : 0;
        var status = (late > 0, early > 0) switch
        {
            (true, true) => DayStatus.LateAndLeftEarly,
            (true, false) => DayStatus.Late,
            (false, true) => DayStatus.LeftEarly,
            _ => DayStatus.Normal,
        };
        return new AttendanceDay(date, true, inAt, outAt, status, late, early, overtime);
    }

    public static AttendanceTotals Totals(IReadOnlyCollection<AttendanceDay> days)
    {
        ArgumentNullException.ThrowIfNull(days);
        return new AttendanceTotals(
            days.Count(d => d.WorkingDay),
            days.Count(d => d.WorkingDay && d.In is not null),
            days.Count(d => d.Status is DayStatus.Late or DayStatus.LateAndLeftEarly),
            days.Sum(d => d.LateMinutes),
            days.Count(d => d.Status is DayStatus.LeftEarly or DayStatus.LateAndLeftEarly),
            days.Count(d => d.Status == DayStatus.Absent),
            days.Count(d => d.Status == DayStatus.Leave),
            days.Sum(d => d.OvertimeMinutes));
    }
}
