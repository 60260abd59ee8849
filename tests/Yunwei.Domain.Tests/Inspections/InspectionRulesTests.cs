using FsCheck.Xunit;
using Shouldly;
using Yunwei.Domain.Inspections;
using Yunwei.Domain.WorkLog;

namespace Yunwei.Domain.Tests.Inspections;

public class ChecklistRulesTests
{
    private static readonly ChecklistItem Temperature = new() { Key = "t", Name = "冷通道温度", Kind = ChecklistItemKind.Reading, Unit = "℃", NormalMin = 18, NormalMax = 27, FaultMin = 15, FaultMax = 32 };

    [Theory]
    [InlineData("22", ItemResult.Normal)]
    [InlineData("18", ItemResult.Normal)]
    [InlineData("27", ItemResult.Normal)]
    [InlineData("27.1", ItemResult.Warning)]
    [InlineData("29,5", ItemResult.Warning)]
    [InlineData("１７", ItemResult.Warning)]
    [InlineData("32 ℃", ItemResult.Warning)]
    [InlineData("32.5", ItemResult.Fault)]
    [InlineData("-3", ItemResult.Fault)]
    public void A_reading_is_judged_against_the_normal_range_and_the_fault_limits(string value, ItemResult expected) =>
        ChecklistRules.Evaluate(Temperature, value).ShouldBe((expected, null));

    [Theory]
    [InlineData("二十五")]
    [InlineData("25度左右")]
    [InlineData("1e3")]
    public void A_reading_that_is_not_a_number_is_refused(string value) =>
        ChecklistRules.Evaluate(Temperature, value).ShouldBe((null, "Inspection.Error.NotANumber"));

    [Fact]
    public void An_empty_answer_is_refused_whatever_the_kind()
    {
        foreach (var kind in Enum.GetValues<ChecklistItemKind>())
        {
            ChecklistRules.Evaluate(new ChecklistItem { Kind = kind }, "  ").Error.ShouldBe("Validation.Required");
        }
    }

    [Fact]
    public void A_reading_with_only_an_upper_limit_warns_above_it_and_faults_above_the_fault_limit()
    {
        var load = new ChecklistItem { Kind = ChecklistItemKind.Reading, NormalMax = 70, FaultMax = 90 };
        ChecklistRules.Evaluate(load, "0").Result.ShouldBe(ItemResult.Normal);
        ChecklistRules.Evaluate(load, "85").Result.ShouldBe(ItemResult.Warning);
        ChecklistRules.Evaluate(load, "91").Result.ShouldBe(ItemResult.Fault);
    }

    [Fact]
    public void Pass_fail_and_choices_carry_their_results()
    {
        ChecklistRules.Evaluate(new ChecklistItem { Kind = ChecklistItemKind.PassFail }, "pass").Result.ShouldBe(ItemResult.Normal);
        ChecklistRules.Evaluate(new ChecklistItem { Kind = ChecklistItemKind.PassFail }, "fail").Result.ShouldBe(ItemResult.Fault);
        ChecklistRules.Evaluate(new ChecklistItem { Kind = ChecklistItemKind.PassFail }, "maybe").Error.ShouldBe("Validation.Invalid");
        var mode = ChecklistDefaults.For("机房").Single(i => i.Name == "UPS 运行模式");
        ChecklistRules.Evaluate(mode, "旁路").Result.ShouldBe(ItemResult.Warning);
        ChecklistRules.Evaluate(mode, "电池供电").Result.ShouldBe(ItemResult.Fault);
        ChecklistRules.Evaluate(mode, "市电").Error.ShouldBe("Validation.Invalid");
    }

    [Fact]
    public void Every_default_checklist_is_valid_with_unique_keys()
    {
        foreach (var name in Domain.Assets.Subsystem.DefaultNames)
        {
            var items = ChecklistDefaults.For(name);
            ChecklistRules.Validate(items).ShouldBeEmpty(name);
            items.Select(i => i.Key).ShouldBeUnique();
            items.ShouldAllBe(i => i.Key.Length > 0);
        }

        ChecklistDefaults.For("机房").Count(i => i.Name.StartsWith("冷通道温度", StringComparison.Ordinal)).ShouldBe(3, "GB 50174: at least three heights along the cold aisle");
    }

    [Fact]
    public void Inconsistent_items_are_refused_with_their_field()
    {
        var errors = ChecklistRules.Validate(
        [
            new ChecklistItem { Key = "a", Name = "温度", Kind = ChecklistItemKind.Reading, NormalMin = 30, NormalMax = 20 },
            new ChecklistItem { Key = "a", Name = "", Kind = ChecklistItemKind.PassFail },
            new ChecklistItem { Key = "c", Name = "模式", Kind = ChecklistItemKind.Choice, Choices = [new() { Label = "正常" }] },
            new ChecklistItem { Key = "d", Name = "湿度", Kind = ChecklistItemKind.Reading, NormalMax = 60, FaultMax = 50 },
        ]).ToList();
        errors.ShouldContain(("Items[0].NormalMin", "Checklist.Error.Range"));
        errors.ShouldContain(("Items[1].Name", "Validation.Required"));
        errors.ShouldContain(("Items[1].Key", "Checklist.Error.DuplicateKey"));
        errors.ShouldContain(("Items[2].Choices", "Checklist.Error.Choices"));
        errors.ShouldContain(("Items[3].NormalMin", "Checklist.Error.Range"));
        ChecklistRules.Validate([]).ShouldContain(("Items", "Checklist.Error.NoItems"));
    }

    [Fact]
    public void New_items_get_keys_never_used_by_an_earlier_version()
    {
        List<ChecklistItem> items = [new() { Key = "i1", Name = "a" }, new() { Name = "b" }, new() { Name = "c" }];
        ChecklistRules.AssignKeys(items, ["i2", "i3"]);
        items.Select(i => i.Key).ShouldBe(["i1", "i4", "i5"]);
    }

    [Fact]
    public void Choices_edit_as_one_line_and_read_back_with_their_results()
    {
        var choices = ChecklistRules.ParseChoices("正常， 降级:故障,重建中：警告,旁路:warning");
        choices.Select(c => (c.Label, c.Result)).ShouldBe([("正常", ItemResult.Normal), ("降级", ItemResult.Fault), ("重建中", ItemResult.Warning), ("旁路", ItemResult.Warning)]);
        ChecklistRules.ChoicesText(choices).ShouldBe("正常，降级:故障，重建中:警告，旁路:警告");
    }

    [Fact]
    public void The_range_prints_as_the_report_shows_it()
    {
        Temperature.RangeText().ShouldBe("18–27 ℃");
        new ChecklistItem { Kind = ChecklistItemKind.Reading, NormalMax = 80, Unit = "%" }.RangeText().ShouldBe("≤ 80 %");
        new ChecklistItem { Kind = ChecklistItemKind.Reading, NormalMin = 5.5m, Unit = "℃" }.RangeText().ShouldBe("≥ 5.5 ℃");
    }
}

public class InspectionRulesTests
{
    // A week in October with a holiday block (Thu 1st to Wed 7th, 2026) and a make-up Saturday on the 10th.
    private static bool Working(DateOnly d) =>
        d.Month == 10 && d.Day is >= 1 and <= 7 ? false
        : d == new DateOnly(2026, 10, 10) || d.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday);

    private static InspectionSchedule Weekly(DayOfWeek day) => new() { Period = SchedulePeriod.Weekly, Weekday = day };

    [Fact]
    public void A_weekly_inspection_falls_due_on_its_weekday()
    {
        var due = InspectionRules.Occurrences(Weekly(DayOfWeek.Friday), new DateOnly(2026, 3, 2), new DateOnly(2026, 3, 15), Working).ToList();
        due.ShouldBe([(new DateOnly(2026, 3, 2), new DateOnly(2026, 3, 6)), (new DateOnly(2026, 3, 9), new DateOnly(2026, 3, 13))]);
    }

    [Fact]
    public void A_due_day_on_a_holiday_moves_to_the_next_working_day_of_the_period_or_else_back()
    {
        // Friday 2 October is a holiday: the week's last working days are Mon–Wed before it (28–30 Sept).
        InspectionRules.Occurrences(Weekly(DayOfWeek.Friday), new DateOnly(2026, 9, 28), new DateOnly(2026, 10, 4), Working)
            .ShouldBe([(new DateOnly(2026, 9, 28), new DateOnly(2026, 9, 30))]);
        // Monday 5 October is a holiday: the next working day in that week is Thursday the 8th.
        InspectionRules.Occurrences(Weekly(DayOfWeek.Monday), new DateOnly(2026, 10, 5), new DateOnly(2026, 10, 11), Working)
            .ShouldBe([(new DateOnly(2026, 10, 5), new DateOnly(2026, 10, 8))]);
    }

    [Fact]
    public void Daily_inspections_skip_days_off_and_use_make_up_days()
    {
        var due = InspectionRules.Occurrences(new InspectionSchedule { Period = SchedulePeriod.Daily }, new DateOnly(2026, 10, 5), new DateOnly(2026, 10, 11), Working)
            .Select(o => o.DueOn).ToList();
        due.ShouldBe([new DateOnly(2026, 10, 8), new DateOnly(2026, 10, 9), new DateOnly(2026, 10, 10)]);
    }

    [Fact]
    public void Monthly_and_quarterly_inspections_start_with_their_period()
    {
        var monthly = new InspectionSchedule { Period = SchedulePeriod.Monthly, DayOfMonth = 1 };
        InspectionRules.Occurrences(monthly, new DateOnly(2026, 9, 15), new DateOnly(2026, 10, 31), Working)
            .ShouldBe([(new DateOnly(2026, 9, 1), new DateOnly(2026, 9, 1)), (new DateOnly(2026, 10, 1), new DateOnly(2026, 10, 8))]);
        var quarterly = new InspectionSchedule { Period = SchedulePeriod.Quarterly, DayOfMonth = 10 };
        InspectionRules.Occurrences(quarterly, new DateOnly(2026, 5, 1), new DateOnly(2026, 12, 31), Working)
            .Select(o => o.PeriodStart).ShouldBe([new DateOnly(2026, 4, 1), new DateOnly(2026, 7, 1), new DateOnly(2026, 10, 1)]);
    }

    [Property]
    public bool Every_due_date_is_a_working_day_inside_its_period(int offset, byte periodByte, byte weekday, byte day)
    {
        var schedule = new InspectionSchedule { Period = (SchedulePeriod)(periodByte % 4), Weekday = (DayOfWeek)(weekday % 7), DayOfMonth = (day % 28) + 1 };
        var from = new DateOnly(2026, 1, 1).AddDays(Math.Abs(offset % 600));
        return InspectionRules.Occurrences(schedule, from, from.AddDays(120), Working).All(o =>
            Working(o.DueOn) && o.DueOn >= o.PeriodStart && o.DueOn < InspectionRules.NextPeriod(schedule.Period, o.PeriodStart)
            && InspectionRules.PeriodStart(schedule.Period, o.DueOn) == o.PeriodStart);
    }

    [Fact]
    public void Per_asset_items_are_answered_for_each_asset_of_their_types_and_the_rest_once()
    {
        List<ChecklistItem> items = [new() { Key = "room" }, new() { Key = "ups", AssetTypes = ["UPS"], PhotoRequired = true }];
        List<InspectionTarget> targets = [new() { AssetId = Guid.NewGuid(), AssetType = "UPS" }, new() { AssetId = Guid.NewGuid(), AssetType = "UPS" }, new() { AssetId = Guid.NewGuid(), AssetType = "精密空调" }];
        InspectionRules.Pairs(items, targets).Count().ShouldBe(3);

        var inspection = new Inspection { Items = items, Targets = targets };
        List<InspectionEntry> entries =
        [
            new() { ItemKey = "room", AssetId = Guid.Empty, Value = "pass" },
            new() { ItemKey = "ups", AssetId = targets[0].AssetId, Value = "pass", Photos = ["p1"] },
            new() { ItemKey = "ups", AssetId = targets[1].AssetId, Value = "pass" },
        ];
        InspectionRules.Incomplete(inspection, entries).ShouldBe([("ups", targets[1].AssetId, "Inspection.Error.PhotoRequired")]);
        InspectionRules.Incomplete(inspection, entries.Take(2)).ShouldBe([("ups", targets[1].AssetId, "Inspection.Error.Unanswered")]);
    }

    [Theory]
    [InlineData(0, 0.5)]
    [InlineData(20, 0.5)]
    [InlineData(31, 1.0)]
    [InlineData(95, 2.0)]
    [InlineData(3000, 24.0)]
    public void Work_hours_round_up_to_the_half_hour(int minutes, double hours) =>
        WorkRules.Hours(TimeSpan.FromMinutes(minutes)).ShouldBe((decimal)hours);

    [Fact]
    public void Weeks_start_on_Monday() =>
        Week.Monday(new DateOnly(2026, 11, 29)).ShouldBe(new DateOnly(2026, 11, 23));
}
