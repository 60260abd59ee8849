using Yunwei.Domain.Roster;
using static Yunwei.Domain.Tests.Sla.SlaTestKit;

namespace Yunwei.Domain.Tests.Roster;

public class RosterRulesTests
{
    private static readonly Guid Sun = Guid.NewGuid(), Liu = Guid.NewGuid();

    private static Shift On(Guid engineer, DateOnly day, ShiftKind kind, bool backup = false, string? phone = null)
    {
        var (start, end) = RosterRules.DefaultSpan(day, kind);
        return new Shift { EngineerId = engineer, EngineerName = "x", Kind = kind, StartsAt = start, EndsAt = end, IsBackup = backup, Phone = phone };
    }

    /// <summary>Day and night shifts for every day of the month, two engineers alternating.</summary>
    private static List<Shift> FullMonth(DateOnly month) =>
        [.. Enumerable.Range(0, month.AddMonths(1).DayNumber - month.DayNumber).SelectMany(i => new[]
        {
            On(i % 2 == 0 ? Sun : Liu, month.AddDays(i), ShiftKind.Day),
            On(i % 2 == 0 ? Liu : Sun, month.AddDays(i), ShiftKind.Night),
        })];

    [Fact]
    public void A_month_of_day_and_night_shifts_leaves_only_the_first_nights_early_hours()
    {
        var month = new DateOnly(2026, 3, 1);

        var gaps = RosterRules.Gaps(month, FullMonth(month));

        // 1 March 00:00–08:00 belongs to the night shift of 28 February, which is another month's roster.
        gaps.ShouldHaveSingleItem().ShouldBe(new(L(3, 1, 0), L(3, 1, 8)));
    }

    [Fact]
    public void A_missing_night_is_an_uncovered_span_and_backups_do_not_cover_it()
    {
        var month = new DateOnly(2026, 3, 1);
        var shifts = FullMonth(month).Where(s => !(s.Kind == ShiftKind.Night && s.StartsAt == L(3, 10, 18))).ToList();
        shifts.Add(On(Sun, new DateOnly(2026, 3, 10), ShiftKind.OnCall, backup: true, phone: "13800000000"));

        var gaps = RosterRules.Gaps(month, shifts);

        gaps.ShouldContain(new Yunwei.Domain.Sla.TimeInterval(L(3, 10, 18), L(3, 11, 8)));
    }

    [Fact]
    public void One_engineer_cannot_hold_two_overlapping_shifts()
    {
        var day = new DateOnly(2026, 3, 10);
        var existing = new[] { On(Sun, day, ShiftKind.Day) };

        RosterRules.Overlaps(existing, On(Sun, day, ShiftKind.OnCall, backup: true)).ShouldBeTrue();
        RosterRules.Overlaps(existing, On(Liu, day, ShiftKind.Day)).ShouldBeFalse("another engineer may share the hours");
        RosterRules.Overlaps(existing, On(Sun, day, ShiftKind.Night)).ShouldBeFalse("18:00 starts when the day shift ends");
    }

    [Fact]
    public void The_Spring_Festival_block_needs_backups_but_its_make_up_Saturdays_do_not()
    {
        var month = new DateOnly(2026, 2, 1);
        var days = Enumerable.Range(15, 9).Select(d => new CalendarDay { Name = "春节", Date = new DateOnly(2026, 2, d), Kind = CalendarDayKind.Holiday })
            .Append(new CalendarDay { Name = "春节", Date = new DateOnly(2026, 2, 14), Kind = CalendarDayKind.MakeUpWorkday })
            .Append(new CalendarDay { Name = "春节", Date = new DateOnly(2026, 2, 28), Kind = CalendarDayKind.MakeUpWorkday });

        var needed = RosterRules.BackupDays(month, days, []);

        needed.ShouldBe(Enumerable.Range(15, 9).Select(d => new DateOnly(2026, 2, d)));
    }

    [Fact]
    public void Weekends_joining_a_holiday_belong_to_its_block_and_special_periods_count_too()
    {
        // A Monday holiday with its weekend unlisted, and a designated event week.
        var days = new[] { new CalendarDay { Name = "清明节", Date = new DateOnly(2026, 4, 6), Kind = CalendarDayKind.Holiday } };
        var periods = new[] { new SpecialPeriod { Name = "重大活动保障", StartsOn = new DateOnly(2026, 4, 20), EndsOn = new DateOnly(2026, 4, 21) } };

        var needed = RosterRules.BackupDays(new DateOnly(2026, 4, 1), days, periods);

        needed.ShouldBe([new(2026, 4, 4), new(2026, 4, 5), new(2026, 4, 6), new(2026, 4, 20), new(2026, 4, 21)]);
    }

    [Fact]
    public void A_backup_without_a_phone_number_is_no_backup()
    {
        var day = new DateOnly(2026, 2, 16);

        RosterRules.MissingBackups([day], [On(Sun, day, ShiftKind.OnCall, backup: true)]).ShouldBe([day]);
        RosterRules.MissingBackups([day], [On(Sun, day, ShiftKind.OnCall, backup: true, phone: "13800000000")]).ShouldBeEmpty();
    }

    [Fact]
    public void On_duty_now_and_next()
    {
        var day = new DateOnly(2026, 3, 10);
        var shifts = new[] { On(Sun, day, ShiftKind.Day), On(Liu, day, ShiftKind.Night), On(Liu, day, ShiftKind.OnCall, backup: true, phone: "1") };

        var (now, backups, next) = RosterRules.OnDuty(shifts, L(3, 10, 9));

        now.ShouldHaveSingleItem().EngineerId.ShouldBe(Sun);
        backups.ShouldHaveSingleItem().EngineerId.ShouldBe(Liu);
        next!.Kind.ShouldBe(ShiftKind.Night);
    }
}
