using System.Text.Json;
using Yunwei.Domain.Faults;
using Yunwei.Domain.Sla;
using Yunwei.Domain.Units;

namespace Yunwei.Domain.Tests.Sla;

/// <summary>Short hands for clock tests: instants are written in China time and stored as UTC.</summary>
internal static class SlaTestKit
{
    public static readonly SlaPolicy AllDay = new() { Calendar = WorkCalendar.AllDay };

    /// <summary>A China-time instant as UTC.</summary>
    public static DateTime L(int month, int day, int hour, int minute = 0, int year = 2026) =>
        ChinaTime.ToUtc(new DateTime(year, month, day, hour, minute, 0));

    public static SlaEvent Reported(DateTime at, FaultLevel? level = null) => new(SlaEventType.Reported, at) { Level = level };

    public static SlaEvent Answered(DateTime at) => new(SlaEventType.Answered, at);

    public static SlaEvent Proposed(DateTime at, FaultLevel level) => new(SlaEventType.Proposed, at) { Level = level };

    public static SlaEvent Ruled(DateTime at, FaultLevel level) => new(SlaEventType.Ruled, at) { Level = level };

    public static SlaEvent Arrived(DateTime at) => new(SlaEventType.ArrivedOnSite, at);

    public static SlaEvent Restored(DateTime at) => new(SlaEventType.Restored, at);

    public static SlaEvent Resolved(DateTime at) => new(SlaEventType.Resolved, at);

    public static SlaEvent Reopened(DateTime at) => new(SlaEventType.Reopened, at);

    public static SlaEvent Escalated(DateTime at, FaultLevel to) => new(SlaEventType.Escalated, at) { Level = to };

    public static SlaEvent Replaced(DateTime at, DateTime deadline) => new(SlaEventType.DeadlineReplaced, at) { Deadline = deadline };

    public static IEnumerable<SlaEvent> Pause(PauseKind kind, DateTime from, DateTime? to)
    {
        var id = Guid.NewGuid();
        yield return new SlaEvent(SlaEventType.PauseStarted, from) { Pause = kind, PauseId = id };
        if (to is { } end)
        {
            yield return new SlaEvent(SlaEventType.PauseEnded, end) { PauseId = id };
        }
    }

    /// <summary>5×8 working hours (08:00–12:00, 14:00–18:00) with the given holidays and make-up days.</summary>
    public static SlaPolicy WorkingHours(IEnumerable<DateOnly>? off = null, IEnumerable<DateOnly>? work = null)
    {
        Yunwei.Domain.Units.WorkingHours.TryParse(Yunwei.Domain.Units.WorkingHours.Default, out var periods).ShouldBeTrue();
        return new SlaPolicy { Calendar = WorkCalendar.WorkingHours(periods, off, work) };
    }

    /// <summary>The 2026 Spring Festival as the State Council set it: 15–23 February off, Saturdays 14 and 28 February worked.</summary>
    public static SlaPolicy SpringFestival2026() => WorkingHours(
        Enumerable.Range(15, 9).Select(d => new DateOnly(2026, 2, d)),
        [new DateOnly(2026, 2, 14), new DateOnly(2026, 2, 28)]);

    /// <summary>The holiday-cn file of a year (Data/holiday-cn: the published arrangements, 2023–2026).</summary>
    public static string HolidayCnText(int year) =>
        File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Data", "holiday-cn", $"{year}.json"));

    /// <summary>The days off and the adjusted working days of a year's holiday-cn file.</summary>
    public static (List<DateOnly> Off, List<DateOnly> Work) HolidayCn(int year)
    {
        using var doc = JsonDocument.Parse(HolidayCnText(year));
        var off = new List<DateOnly>();
        var work = new List<DateOnly>();
        foreach (var day in doc.RootElement.GetProperty("days").EnumerateArray())
        {
            var date = DateOnly.Parse(day.GetProperty("date").GetString()!, System.Globalization.CultureInfo.InvariantCulture);
            (day.GetProperty("isOffDay").GetBoolean() ? off : work).Add(date);
        }

        return (off, work);
    }
}
