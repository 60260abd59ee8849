namespace Yunwei.Domain.Tests.Units;

public class ChinaTimeTests
{
    [Fact]
    public void Utc_evening_is_the_next_day_in_China()
    {
        var now = new DateTimeOffset(2026, 12, 31, 16, 30, 0, TimeSpan.Zero);

        ChinaTime.Today(now).ShouldBe(new DateOnly(2027, 1, 1));
    }

    [Fact]
    public void Local_and_utc_round_trip()
    {
        var local = new DateTime(2026, 10, 1, 8, 0, 0);

        var utc = ChinaTime.ToUtc(local);

        utc.ShouldBe(new DateTime(2026, 10, 1, 0, 0, 0, DateTimeKind.Utc));
        utc.Kind.ShouldBe(DateTimeKind.Utc);
        ChinaTime.ToLocal(utc).ShouldBe(local);
    }
}
