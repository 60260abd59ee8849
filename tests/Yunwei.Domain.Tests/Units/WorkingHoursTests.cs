using Yunwei.Domain.Units;

namespace Yunwei.Domain.Tests.Units;

public class WorkingHoursTests
{
    [Fact]
    public void The_default_is_two_periods_around_lunch()
    {
        WorkingHours.TryParse(WorkingHours.Default, out var periods).ShouldBeTrue();

        periods.ShouldBe([new WorkingPeriod(new TimeOnly(8, 0), new TimeOnly(12, 0)), new WorkingPeriod(new TimeOnly(14, 0), new TimeOnly(18, 0))]);
    }

    [Theory]
    [InlineData("08:30-17:30")]
    [InlineData(" 08:00 - 12:00 , 13:30-17:30 ")]
    [InlineData("00:00-23:59")]
    public void Well_formed_periods_parse(string text) => WorkingHours.TryParse(text, out _).ShouldBeTrue();

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("8-12")]
    [InlineData("12:00-08:00")]
    [InlineData("08:00-08:00")]
    [InlineData("08:00-12:00,11:00-14:00")]
    [InlineData("14:00-18:00,08:00-12:00")]
    [InlineData("25:00-26:00")]
    [InlineData("08:00-12:00-14:00")]
    public void Malformed_overlapping_or_unordered_periods_are_rejected(string? text) =>
        WorkingHours.TryParse(text, out _).ShouldBeFalse();
}
