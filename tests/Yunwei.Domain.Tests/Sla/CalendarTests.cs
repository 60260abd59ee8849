using Yunwei.Domain.Faults;
using Yunwei.Domain.Sla;
using static Yunwei.Domain.Tests.Sla.SlaTestKit;

namespace Yunwei.Domain.Tests.Sla;

public class CalendarTests
{
    [Fact]
    public void Working_hours_skip_lunch_the_night_and_the_weekend()
    {
        // Friday 17:30, level 3: 30 minutes on Friday, the other 30 on Monday morning.
        var reported = L(3, 6, 17, 30);

        var outcome = SlaEngine.Compute(WorkingHours(), [Reported(reported, FaultLevel.Level3)], reported);

        outcome.Response.Deadline.ShouldBe(L(3, 9, 8, 30));
        outcome.Response.Why.ShouldContain(w => w.Key == "Sla.Why.WorkingHours");
    }

    [Fact]
    public void A_call_at_midnight_counts_from_the_next_morning()
    {
        var reported = L(3, 4, 23, 50);

        var outcome = SlaEngine.Compute(WorkingHours(), [Reported(reported, FaultLevel.Level2)], reported);

        outcome.Response.Deadline.ShouldBe(L(3, 5, 8, 30));
    }

    [Fact]
    public void Midnight_is_nothing_special_on_a_7x24_calendar()
    {
        var reported = L(3, 4, 23, 55);

        var outcome = SlaEngine.Compute(AllDay, [Reported(reported, FaultLevel.Level1)], reported);

        outcome.Response.Deadline.ShouldBe(L(3, 5, 0, 5));
    }

    [Fact]
    public void The_lunch_break_is_not_counted()
    {
        var reported = L(3, 4, 11, 40);

        var outcome = SlaEngine.Compute(WorkingHours(), [Reported(reported, FaultLevel.Level2)], reported);

        outcome.Response.Deadline.ShouldBe(L(3, 4, 14, 10));
    }

    [Fact]
    public void A_make_up_working_Saturday_counts_and_the_Spring_Festival_does_not()
    {
        // Friday 13 February 2026, 16:00, level 3, nobody on site: the resolve clock starts when the
        // 60-minute response window closes (17:00) and needs 48 working hours: 1 h on Friday, 8 h on
        // the make-up Saturday 14th, nothing from the 15th to the 23rd, 4 × 8 h from Tuesday 24th to
        // Friday 27th, and the last 7 h on the make-up Saturday 28th.
        var reported = L(2, 13, 16);

        var outcome = SlaEngine.Compute(SpringFestival2026(), [Reported(reported, FaultLevel.Level3), Proposed(reported.AddMinutes(5), FaultLevel.Level3)], reported.AddMinutes(10));

        outcome.Resolve.Start.ShouldBe(L(2, 13, 17));
        outcome.Resolve.Deadline.ShouldBe(L(2, 28, 17));
    }

    [Fact]
    public void A_pause_across_a_holiday_is_not_subtracted_twice()
    {
        // National Day 2026: 1–7 October off. Level 2 reported 30 September 09:00, waiting for the
        // client's approval from 10:00 until 8 October 10:00: one hour before, seven after.
        var off = Enumerable.Range(1, 7).Select(d => new DateOnly(2026, 10, d));
        var reported = L(9, 30, 9);
        IEnumerable<SlaEvent> events =
        [
            Reported(reported, FaultLevel.Level2), Proposed(reported.AddMinutes(5), FaultLevel.Level2),
            .. Pause(PauseKind.ClientApproval, L(9, 30, 10), L(10, 8, 10)),
        ];

        var outcome = SlaEngine.Compute(WorkingHours(off), events, L(10, 8, 11));

        outcome.Restore.Deadline.ShouldBe(L(10, 9, 9));
        outcome.Restore.Counted.ShouldBe(TimeSpan.FromHours(2));
    }

    [Fact]
    public void Reading_2026_from_holiday_cn_gives_the_same_Spring_Festival()
    {
        var year = HolidayCn(2026);
        Yunwei.Domain.Units.WorkingHours.TryParse(Yunwei.Domain.Units.WorkingHours.Default, out var periods).ShouldBeTrue();
        var calendar = WorkCalendar.WorkingHours(periods, year.Off, year.Work);

        calendar.IsWorkingDay(new DateOnly(2026, 2, 14)).ShouldBeTrue();
        calendar.IsWorkingDay(new DateOnly(2026, 2, 16)).ShouldBeFalse();
        calendar.IsWorkingDay(new DateOnly(2026, 2, 28)).ShouldBeTrue();
        calendar.IsWorkingDay(new DateOnly(2026, 10, 10)).ShouldBeTrue();
        calendar.IsWorkingDay(new DateOnly(2026, 10, 11)).ShouldBeFalse();

        var reported = L(2, 13, 16);
        var fromFile = SlaEngine.Compute(new SlaPolicy { Calendar = calendar }, [Reported(reported, FaultLevel.Level3), Proposed(reported.AddMinutes(5), FaultLevel.Level3)], reported);
        fromFile.Resolve.Deadline.ShouldBe(L(2, 28, 17));
    }

    [Fact]
    public void A_calendar_without_working_days_gives_no_deadline_instead_of_looping()
    {
        Yunwei.Domain.Units.WorkingHours.TryParse("08:00-12:00", out var periods).ShouldBeTrue();
        var everyDayOff = Enumerable.Range(0, 4000).Select(d => new DateOnly(2026, 1, 1).AddDays(d));
        var policy = new SlaPolicy { Calendar = WorkCalendar.WorkingHours(periods, everyDayOff) };

        var outcome = SlaEngine.Compute(policy, [Reported(L(3, 2, 10), FaultLevel.Level1)], L(3, 2, 11));

        outcome.Response.Deadline.ShouldBeNull();
    }
}
