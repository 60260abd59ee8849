using Yunwei.Domain.Faults;
using Yunwei.Domain.Sla;
using static Yunwei.Domain.Tests.Sla.SlaTestKit;

namespace Yunwei.Domain.Tests.Sla;

/// <summary>One row per line of docs/contract.md §3's table, and one test per reading below it.</summary>
public class ContractTableTests
{
    [Theory]
    [InlineData(FaultLevel.Level1, 10, 4 * 60, 12 * 60)]
    [InlineData(FaultLevel.Level2, 30, 8 * 60, 24 * 60)]
    [InlineData(FaultLevel.Level3, 60, null, 48 * 60)]
    public void Each_level_has_the_contract_deadlines_on_a_7x24_calendar(FaultLevel level, int response, int? restore, int resolve)
    {
        var reported = L(3, 2, 10);
        var arrived = reported.AddMinutes(8);

        var outcome = SlaEngine.Compute(AllDay, [Reported(reported, level), Answered(reported.AddMinutes(1)), Proposed(reported.AddMinutes(3), level), Arrived(arrived)], reported.AddMinutes(9));

        outcome.Level.ShouldBe(level);
        outcome.Response.Deadline.ShouldBe(reported.AddMinutes(response));
        outcome.Response.Status.ShouldBe(ClockStatus.Met);
        if (restore is { } r)
        {
            outcome.Restore.Deadline.ShouldBe(reported.AddMinutes(r));
            outcome.Restore.Status.ShouldBe(ClockStatus.Running);
        }
        else
        {
            outcome.Restore.Status.ShouldBe(ClockStatus.NotApplicable);
            outcome.Restore.Deadline.ShouldBeNull();
        }

        // The resolve clock runs from the arrival on site, which came before the response window closed.
        outcome.Resolve.Start.ShouldBe(arrived);
        outcome.Resolve.Deadline.ShouldBe(arrived.AddMinutes(resolve));
    }

    [Theory]
    [InlineData(FaultLevel.Level1, 9, ClockStatus.Met)]
    [InlineData(FaultLevel.Level1, 10, ClockStatus.Met)]
    [InlineData(FaultLevel.Level1, 11, ClockStatus.Missed)]
    [InlineData(FaultLevel.Level2, 30, ClockStatus.Met)]
    [InlineData(FaultLevel.Level2, 31, ClockStatus.Missed)]
    [InlineData(FaultLevel.Level3, 60, ClockStatus.Met)]
    [InlineData(FaultLevel.Level3, 61, ClockStatus.Missed)]
    public void Response_is_met_when_the_level_is_agreed_within_the_target(FaultLevel level, int classifiedAfter, ClockStatus expected)
    {
        var reported = L(3, 2, 10);

        var outcome = SlaEngine.Compute(AllDay, [Reported(reported, level), Proposed(reported.AddMinutes(classifiedAfter), level)], reported.AddHours(2));

        outcome.Response.Status.ShouldBe(expected);
        outcome.Response.StoppedAt.ShouldBe(reported.AddMinutes(classifiedAfter));
    }

    [Fact]
    public void An_unclassified_fault_is_overdue_for_response_once_the_target_passes()
    {
        var reported = L(3, 2, 10);

        var outcome = SlaEngine.Compute(AllDay, [Reported(reported, FaultLevel.Level2)], reported.AddMinutes(31));

        outcome.IsClassified.ShouldBeFalse();
        outcome.Response.Status.ShouldBe(ClockStatus.Overdue);
        outcome.Response.Remaining.ShouldBe(TimeSpan.FromMinutes(-1));
    }

    [Fact]
    public void Without_an_arrival_the_resolve_clock_starts_when_the_response_window_closes()
    {
        var reported = L(3, 2, 10);

        var outcome = SlaEngine.Compute(AllDay, [Reported(reported, FaultLevel.Level2), Proposed(reported.AddMinutes(5), FaultLevel.Level2)], reported.AddHours(1));

        outcome.Resolve.Start.ShouldBe(reported.AddMinutes(30));
        outcome.Resolve.Deadline.ShouldBe(reported.AddMinutes(30).AddHours(24));
        outcome.Resolve.Why[0].Key.ShouldBe("Sla.Why.StartResponseWindow");
    }

    [Fact]
    public void A_late_arrival_never_buys_extra_resolve_time()
    {
        var reported = L(3, 2, 10);

        var outcome = SlaEngine.Compute(AllDay, [Reported(reported, FaultLevel.Level3), Proposed(reported.AddMinutes(5), FaultLevel.Level3), Arrived(reported.AddHours(5))], reported.AddHours(6));

        outcome.Resolve.Start.ShouldBe(reported.AddMinutes(60));
        outcome.Resolve.Deadline.ShouldBe(reported.AddMinutes(60).AddHours(48));
    }

    [Fact]
    public void The_clients_level_stands_and_applies_from_the_report()
    {
        var reported = L(3, 2, 10);

        var outcome = SlaEngine.Compute(AllDay, [Reported(reported, FaultLevel.Level3), Proposed(reported.AddMinutes(4), FaultLevel.Level3), Ruled(reported.AddMinutes(8), FaultLevel.Level1)], reported.AddMinutes(20));

        outcome.Level.ShouldBe(FaultLevel.Level1);
        outcome.BaseLevel.ShouldBe(FaultLevel.Level1);
        outcome.Restore.Deadline.ShouldBe(reported.AddHours(4));

        // Response stops at the first agreed level: the engineer's proposal at 4 minutes.
        outcome.Response.StoppedAt.ShouldBe(reported.AddMinutes(4));
        outcome.Response.Status.ShouldBe(ClockStatus.Met);
    }

    [Fact]
    public void Classification_time_runs_from_the_answer_not_the_report()
    {
        var reported = L(3, 2, 10);

        var outcome = SlaEngine.Compute(AllDay, [Reported(reported, FaultLevel.Level3), Answered(reported.AddMinutes(3)), Proposed(reported.AddMinutes(15), FaultLevel.Level3)], reported.AddMinutes(20));

        outcome.ClassificationTime.ShouldBe(TimeSpan.FromMinutes(12));
    }

    [Fact]
    public void The_response_clock_can_start_at_the_answer()
    {
        var policy = new SlaPolicy { Calendar = WorkCalendar.AllDay, ResponseStart = ClockStart.Answered };
        var reported = L(3, 2, 10);

        var outcome = SlaEngine.Compute(policy, [Reported(reported, FaultLevel.Level1), Answered(reported.AddMinutes(5))], reported.AddMinutes(6));

        outcome.Response.Start.ShouldBe(reported.AddMinutes(5));
        outcome.Response.Deadline.ShouldBe(reported.AddMinutes(15));
        outcome.Response.Why[0].Key.ShouldBe("Sla.Why.StartAnswered");
    }

    [Fact]
    public void The_restore_clock_never_counts_data_reimport_time()
    {
        var reported = L(3, 2, 10);
        IEnumerable<SlaEvent> events =
        [
            Reported(reported, FaultLevel.Level1), Proposed(reported.AddMinutes(5), FaultLevel.Level1),
            .. Pause(PauseKind.DataReimport, reported.AddHours(1), reported.AddHours(4)),
        ];

        var outcome = SlaEngine.Compute(AllDay, events, reported.AddHours(5));

        outcome.Restore.Deadline.ShouldBe(reported.AddHours(7));
        outcome.Restore.Paused.ShouldBe(TimeSpan.FromHours(3));
        outcome.Restore.Counted.ShouldBe(TimeSpan.FromHours(2));

        // Re-import does not stop the resolve clock.
        outcome.Resolve.Paused.ShouldBe(TimeSpan.Zero);
    }

    [Fact]
    public void Waiting_for_parts_stops_resolve_but_not_restore()
    {
        var reported = L(3, 2, 10);
        IEnumerable<SlaEvent> events =
        [
            Reported(reported, FaultLevel.Level2), Proposed(reported.AddMinutes(5), FaultLevel.Level2), Arrived(reported.AddMinutes(20)),
            .. Pause(PauseKind.Parts, reported.AddHours(2), reported.AddHours(12)),
        ];

        var outcome = SlaEngine.Compute(AllDay, events, reported.AddHours(13));

        outcome.Restore.Deadline.ShouldBe(reported.AddHours(8));
        outcome.Restore.Status.ShouldBe(ClockStatus.Overdue);
        outcome.Resolve.Deadline.ShouldBe(reported.AddMinutes(20).AddHours(24 + 10));
        outcome.Resolve.Why.ShouldContain(w => w.Key == "Sla.Why.Paused");
    }

    [Fact]
    public void A_running_pause_leaves_the_deadline_unknown_and_the_clock_paused()
    {
        var reported = L(3, 2, 10);
        IEnumerable<SlaEvent> events =
        [
            Reported(reported, FaultLevel.Level1), Proposed(reported.AddMinutes(5), FaultLevel.Level1),
            .. Pause(PauseKind.ClientApproval, reported.AddHours(1), null),
        ];

        var outcome = SlaEngine.Compute(AllDay, events, reported.AddHours(30));

        outcome.Restore.Status.ShouldBe(ClockStatus.Paused);
        outcome.Restore.Deadline.ShouldBeNull();
        outcome.Restore.Remaining.ShouldBe(TimeSpan.FromHours(3));
        outcome.Resolve.Status.ShouldBe(ClockStatus.Paused);
        outcome.PendingEscalations.ShouldBeEmpty();
    }

    [Fact]
    public void Resolving_also_restores()
    {
        var reported = L(3, 2, 10);

        var outcome = SlaEngine.Compute(AllDay, [Reported(reported, FaultLevel.Level2), Proposed(reported.AddMinutes(5), FaultLevel.Level2), Arrived(reported.AddMinutes(20)), Resolved(reported.AddHours(3))], reported.AddHours(4));

        outcome.Restore.StoppedAt.ShouldBe(reported.AddHours(3));
        outcome.Restore.Status.ShouldBe(ClockStatus.Met);
        outcome.Resolve.Status.ShouldBe(ClockStatus.Met);
        outcome.Thresholds.ShouldBeEmpty();
    }

    [Fact]
    public void A_reopened_fault_does_not_count_the_time_it_stood_resolved()
    {
        var reported = L(3, 2, 10);
        var arrived = reported.AddMinutes(20);

        var outcome = SlaEngine.Compute(AllDay, [Reported(reported, FaultLevel.Level2), Proposed(reported.AddMinutes(5), FaultLevel.Level2), Arrived(arrived), Resolved(arrived.AddHours(10)), Reopened(arrived.AddHours(15))], arrived.AddHours(16));

        outcome.Resolve.Status.ShouldBe(ClockStatus.Running);
        outcome.Resolve.Counted.ShouldBe(TimeSpan.FromHours(11));
        outcome.Resolve.Deadline.ShouldBe(arrived.AddHours(29));
        outcome.Resolve.Why.ShouldContain(w => w.Key == "Sla.Why.Reopened");
    }

    [Fact]
    public void Warnings_fall_at_75_and_90_percent_of_the_target()
    {
        var reported = L(3, 2, 10);

        var outcome = SlaEngine.Compute(AllDay, [Reported(reported, FaultLevel.Level1), Proposed(reported.AddMinutes(5), FaultLevel.Level1)], reported.AddMinutes(6));

        var restore = outcome.Restore.Thresholds;
        restore.Select(t => (t.Percent, t.At)).ShouldBe([(75, reported.AddHours(3)), (90, reported.AddMinutes(216)), (100, reported.AddHours(4))]);
        restore.ShouldAllBe(t => t.Epoch == 0);

        // The stopped response clock warns no more.
        outcome.Response.Thresholds.ShouldBeEmpty();
    }

    [Fact]
    public void A_level_3_restore_is_not_applicable_and_never_reads_as_late()
    {
        var reported = L(3, 2, 10);
        var outcome = SlaEngine.Compute(AllDay, [Reported(reported, FaultLevel.Level3), Arrived(reported.AddMinutes(40)), Resolved(reported.AddHours(30))], reported.AddHours(31));

        outcome.Restore.Status.ShouldBe(ClockStatus.NotApplicable);
        outcome.Restore.IsBreached.ShouldBeFalse();
        outcome.Restore.Why.Select(w => w.Key).ShouldContain("Sla.Why.StoppedNoTarget");
        outcome.Restore.Why.Select(w => w.Key).ShouldNotContain("Sla.Why.Stopped");
    }
}
