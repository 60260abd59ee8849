namespace Yunwei.Domain;

/// <summary>
/// China Standard Time (Asia/Shanghai): UTC+8 all year, no daylight saving since 1991. Storage is
/// UTC; dates the users see and the calendar's days are in this zone.
/// </summary>
public static class ChinaTime
{
    public static readonly TimeSpan Offset = TimeSpan.FromHours(8);

    public static DateTime ToLocal(DateTime utc) => DateTime.SpecifyKind(utc, DateTimeKind.Utc).Add(Offset);

    public static DateTime ToUtc(DateTime local) => DateTime.SpecifyKind(local - Offset, DateTimeKind.Utc);

    public static DateOnly Today(DateTimeOffset now) => DateOnly.FromDateTime(now.UtcDateTime.Add(Offset));

    /// <summary>The first instant (UTC) of a China day; the calendar's first day has no earlier bound.</summary>
    public static DateTime DayStartUtc(DateOnly day) =>
        day == DateOnly.MinValue ? DateTime.SpecifyKind(DateTime.MinValue, DateTimeKind.Utc) : ToUtc(day.ToDateTime(TimeOnly.MinValue));

    /// <summary>The first instant (UTC) after a China day; the calendar's last day has no later bound.</summary>
    public static DateTime DayEndUtc(DateOnly day) =>
        day == DateOnly.MaxValue ? DateTime.SpecifyKind(DateTime.MaxValue, DateTimeKind.Utc) : ToUtc(day.AddDays(1).ToDateTime(TimeOnly.MinValue));
}
