using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Running;
using Yunwei.Domain.Faults;
using Yunwei.Domain.Sla;
using Yunwei.Domain.Units;

namespace Yunwei.Bench;

/// <summary>BenchmarkDotNet entry: <c>micro</c> runs every benchmark class here (arguments pass through, e.g. --filter *Calendar*).</summary>
internal static class Micro
{
    public static int Run(string[] args)
    {
        var summaries = BenchmarkSwitcher.FromTypes([typeof(SlaEngineBenchmarks), typeof(CalendarBenchmarks)])
            .Run(args.Length == 0 ? ["--filter", "*"] : args, DefaultConfig.Instance.WithOptions(ConfigOptions.DisableOptimizationsValidator));
        return summaries.Any(s => s.HasCriticalValidationErrors || s.Reports.Any(r => !r.Success)) ? 1 : 0;
    }

    /// <summary>5×8 working hours with the 2026 National Day holiday (1–7 October off, 28 September and 10 October worked).</summary>
    public static WorkCalendar NationalDay2026()
    {
        if (!WorkingHours.TryParse(WorkingHours.Default, out var periods))
        {
            throw new InvalidOperationException("The default working hours do not parse.");
        }

        return WorkCalendar.WorkingHours(
            periods,
            Enumerable.Range(1, 7).Select(d => new DateOnly(2026, 10, d)),
            [new DateOnly(2026, 9, 28), new DateOnly(2026, 10, 10)]);
    }

    public static DateTime China(int month, int day, int hour, int minute = 0) =>
        Yunwei.Domain.ChinaTime.ToUtc(new DateTime(2026, month, day, hour, minute, 0, DateTimeKind.Unspecified));
}

/// <summary>The SLA engine: a fault's deadlines from its events, as every list refresh and monitor pass does.</summary>
[MemoryDiagnoser]
public class SlaEngineBenchmarks
{
    private SlaPolicy _allDay = null!;
    private SlaPolicy _workingHours = null!;
    private List<SlaEvent> _new = null!;
    private List<SlaEvent> _closed = null!;
    private DateTime _now;

    [GlobalSetup]
    public void Setup()
    {
        _allDay = new SlaPolicy { Calendar = WorkCalendar.AllDay };
        _workingHours = new SlaPolicy { Calendar = Micro.NationalDay2026() };
        var reported = Micro.China(9, 30, 16, 20);
        _now = Micro.China(10, 12, 9);
        _new = [new SlaEvent(SlaEventType.Reported, reported) { Level = FaultLevel.Level2 }];

        // A long life: answered, proposed, ruled up, a pause for parts across the holiday, restored, reopened, resolved.
        var pause = Guid.NewGuid();
        _closed =
        [
            new(SlaEventType.Reported, reported) { Level = FaultLevel.Level3 },
            new(SlaEventType.Answered, reported.AddMinutes(8)),
            new(SlaEventType.Proposed, reported.AddMinutes(12)) { Level = FaultLevel.Level3 },
            new(SlaEventType.Ruled, reported.AddMinutes(40)) { Level = FaultLevel.Level2 },
            new(SlaEventType.ArrivedOnSite, reported.AddMinutes(55)),
            new(SlaEventType.PauseStarted, reported.AddHours(1)) { Pause = PauseKind.Parts, PauseId = pause },
            new(SlaEventType.PauseEnded, Micro.China(10, 8, 10)) { PauseId = pause },
            new(SlaEventType.Restored, Micro.China(10, 8, 15)),
            new(SlaEventType.Reopened, Micro.China(10, 9, 9)),
            new(SlaEventType.Restored, Micro.China(10, 9, 11)),
            new(SlaEventType.Resolved, Micro.China(10, 10, 17)),
        ];
    }

    [Benchmark(Description = "new fault, 7x24")]
    public SlaOutcome NewAllDay() => SlaEngine.Compute(_allDay, _new, _now);

    [Benchmark(Description = "new fault, working hours across National Day")]
    public SlaOutcome NewWorkingHours() => SlaEngine.Compute(_workingHours, _new, _now);

    [Benchmark(Description = "replay 11 events (ruling, pause, reopen), working hours")]
    public SlaOutcome ReplayWorkingHours() => SlaEngine.Compute(_workingHours, _closed, _now);

    [Benchmark(Description = "replay 11 events, 7x24")]
    public SlaOutcome ReplayAllDay() => SlaEngine.Compute(_allDay, _closed, _now);
}

/// <summary>Calendar arithmetic: advancing and counting working time across a week-long holiday.</summary>
[MemoryDiagnoser]
public class CalendarBenchmarks
{
    private WorkCalendar _calendar = null!;
    private DateTime _start;
    private DateTime _end;

    [GlobalSetup]
    public void Setup()
    {
        _calendar = Micro.NationalDay2026();
        _start = Micro.China(9, 30, 16, 20);
        _end = Micro.China(10, 12, 9);
    }

    [Benchmark(Description = "advance 48 working hours over National Day")]
    public DateTime? Advance48h() => ClockMath.Advance(_calendar, _start, TimeSpan.FromHours(48), []);

    [Benchmark(Description = "count working time 30 Sep to 12 Oct")]
    public TimeSpan Count() => ClockMath.Counted(_calendar, _start, _end, []);
}
