using Yunwei.Domain.Faults;
using Yunwei.Domain.Roster;
using Yunwei.Domain.Sla;
using Yunwei.Domain.Units;
using static Yunwei.Domain.Tests.Sla.SlaTestKit;

namespace Yunwei.Domain.Tests.Roster;

public class HolidayCnFileTests
{
    [Theory]
    [InlineData(2024, 36, 8)]
    [InlineData(2025, 33, 5)]
    [InlineData(2026, 39, 6)]
    public void The_real_files_import_whole(int year, int days, int makeUpDays)
    {
        var (parsedYear, parsed, errors) = HolidayCnFile.Parse(HolidayCnText(year));

        errors.ShouldBeEmpty();
        parsedYear.ShouldBe(year);
        parsed.Count.ShouldBe(days);
        parsed.Count(d => d.Kind == CalendarDayKind.MakeUpWorkday).ShouldBe(makeUpDays);
    }

    [Fact]
    public void A_file_may_hold_a_day_of_the_neighbouring_year()
    {
        var (_, days, errors) = HolidayCnFile.Parse(HolidayCnText(2023));

        errors.ShouldBeEmpty();
        days.ShouldContain(d => d.Date == new DateOnly(2022, 12, 31) && d.Name == "元旦");
    }

    [Fact]
    public void Bad_entries_are_named_by_position_and_nothing_is_taken()
    {
        const string json = """
            {"year": 2026, "days": [
              {"name": "元旦", "date": "2026-01-01", "isOffDay": true},
              {"name": "春节", "date": "2026-02-30", "isOffDay": true},
              {"name": "元旦", "date": "2026-01-01", "isOffDay": true},
              {"name": "", "date": "2026-03-01", "isOffDay": true},
              {"name": "远年", "date": "2029-01-01", "isOffDay": true}
            ]}
            """;

        var (_, days, errors) = HolidayCnFile.Parse(json);

        days.ShouldBeEmpty();
        errors.Select(e => (e.Key, e.Args[0])).ShouldBe([("Calendar.Error.Date", (object)2), ("Calendar.Error.Duplicate", 3), ("Calendar.Error.Entry", 4), ("Calendar.Error.Date", 5)]);
    }

    [Theory]
    [InlineData("not json")]
    [InlineData("[1,2,3]")]
    [InlineData("""{"year": "2026", "days": []}""")]
    [InlineData("""{"year": 2026, "holidays": []}""")]
    public void Another_format_is_refused_as_a_whole(string json)
    {
        var (_, days, errors) = HolidayCnFile.Parse(json);

        days.ShouldBeEmpty();
        errors.ShouldHaveSingleItem().Key.ShouldBeOneOf("Calendar.Error.NotJson", "Calendar.Error.Format");
    }

    [Fact]
    public void A_working_hours_contract_counts_on_the_units_days_and_a_7x24_one_ignores_them()
    {
        var days = new[]
        {
            new CalendarDay { Name = "元旦", Date = new DateOnly(2026, 1, 1), Kind = CalendarDayKind.Holiday },
            new CalendarDay { Name = "元旦", Date = new DateOnly(2026, 1, 2), Kind = CalendarDayKind.Holiday },
            new CalendarDay { Name = "元旦", Date = new DateOnly(2026, 1, 4), Kind = CalendarDayKind.MakeUpWorkday },
        };
        var working = new ServiceContract { Title = "t", CalendarMode = CalendarMode.WorkingHours, WorkingHours = "08:00-12:00,14:00-18:00" };
        var allDay = new ServiceContract { Title = "t" };

        // New Year's Eve 17:30, level 3 (60 min): 30 min on the 31st, then nothing until Sunday the 4th, a make-up day.
        var reported = L(12, 31, 17, 30, year: 2025);
        var outcome = SlaEngine.Compute(new SlaPolicy { Calendar = UnitCalendar.For(working, days) }, [Reported(reported, FaultLevel.Level3)], reported);
        var ignored = SlaEngine.Compute(new SlaPolicy { Calendar = UnitCalendar.For(allDay, days) }, [Reported(reported, FaultLevel.Level3)], reported);

        outcome.Response.Deadline.ShouldBe(L(1, 4, 8, 30, year: 2026));
        ignored.Response.Deadline.ShouldBe(reported.AddHours(1));
    }
}
