using Yunwei.Domain.Attendance;
using Yunwei.Domain.Sla;
using static Yunwei.Domain.Tests.Sla.SlaTestKit;

namespace Yunwei.Domain.Tests.Attendance;

public class AttendanceRulesTests
{
    private static readonly DateOnly Today = new(2026, 3, 20);

    private static WorkCalendar Calendar()
    {
        Yunwei.Domain.Units.WorkingHours.TryParse("08:00-12:00,14:00-18:00", out var periods).ShouldBeTrue();
        return WorkCalendar.WorkingHours(periods, [new DateOnly(2026, 3, 10)], [new DateOnly(2026, 3, 14)]);
    }

    private static AttendanceRecord Rec(DateOnly day, int? inH, int inM, int? outH, int outM = 0) => new()
    {
        Date = day,
        CheckInAt = inH is { } h ? L(day.Month, day.Day, h, inM) : null,
        CheckOutAt = outH is { } o ? L(day.Month, day.Day, o, outM) : null,
    };

    [Theory]
    [InlineData(9, 7, 55, 18, 0, DayStatus.Normal, 0, 0, 0)]
    [InlineData(9, 8, 20, 18, 0, DayStatus.Late, 20, 0, 0)]
    [InlineData(9, 7, 50, 17, 30, DayStatus.LeftEarly, 0, 30, 0)]
    [InlineData(9, 8, 5, 17, 55, DayStatus.LateAndLeftEarly, 5, 5, 0)]
    [InlineData(9, 8, 0, 20, 30, DayStatus.Normal, 0, 0, 150)]
    public void A_working_day_is_judged_against_the_first_and_last_working_period(int day, int inH, int inM, int outH, int outM, DayStatus status, int late, int early, int overtime)
    {
        var result = AttendanceRules.Evaluate(Calendar(), new DateOnly(2026, 3, day), Rec(new DateOnly(2026, 3, day), inH, inM, outH, outM), false, Today);

        (result.Status, result.LateMinutes, result.EarlyMinutes, result.OvertimeMinutes).ShouldBe((status, late, early, overtime));
    }

    [Fact]
    public void Holidays_and_weekends_rest_make_up_days_work_and_work_on_a_rest_day_is_overtime()
    {
        var calendar = Calendar();

        AttendanceRules.Evaluate(calendar, new DateOnly(2026, 3, 10), null, false, Today).Status.ShouldBe(DayStatus.Rest);
        AttendanceRules.Evaluate(calendar, new DateOnly(2026, 3, 14), null, false, Today).Status.ShouldBe(DayStatus.Absent, "a make-up Saturday is a working day");
        var sunday = AttendanceRules.Evaluate(calendar, new DateOnly(2026, 3, 15), Rec(new DateOnly(2026, 3, 15), 9, 0, 12), false, Today);
        (sunday.Status, sunday.OvertimeMinutes).ShouldBe((DayStatus.Rest, 180));
    }

    [Fact]
    public void Leave_absence_a_missing_check_out_and_days_not_over_yet()
    {
        var calendar = Calendar();

        AttendanceRules.Evaluate(calendar, new DateOnly(2026, 3, 11), null, true, Today).Status.ShouldBe(DayStatus.Leave);
        AttendanceRules.Evaluate(calendar, new DateOnly(2026, 3, 12), null, false, Today).Status.ShouldBe(DayStatus.Absent);
        AttendanceRules.Evaluate(calendar, new DateOnly(2026, 3, 13), Rec(new DateOnly(2026, 3, 13), 8, 0, null), false, Today).Status.ShouldBe(DayStatus.NoCheckOut);
        AttendanceRules.Evaluate(calendar, Today, null, false, Today).Status.ShouldBe(DayStatus.Pending);
        AttendanceRules.Evaluate(calendar, Today.AddDays(3), null, false, Today).Status.ShouldBe(DayStatus.Pending);
    }

    [Fact]
    public void Totals_count_what_the_days_say()
    {
        var calendar = Calendar();
        var days = Enumerable.Range(9, 5).Select(d => new DateOnly(2026, 3, d))
            .Select(d => AttendanceRules.Evaluate(calendar, d, d.Day == 9 ? Rec(d, 8, 30, 19) : null, d.Day == 11, Today)).ToList();

        AttendanceRules.Totals(days).ShouldBe(new AttendanceTotals(WorkingDays: 4, Present: 1, Late: 1, LateMinutes: 30, LeftEarly: 0, Absent: 2, Leave: 1, OvertimeMinutes: 60));
    }
}
