using Yunwei.Domain.Faults;
using Yunwei.Domain.Sla;
using static Yunwei.Domain.Tests.Sla.SlaTestKit;

namespace Yunwei.Domain.Tests.Sla;

/// <summary>A fault reported with no level (a hotline call saved without one, an end user's 不确定) runs on level 1's targets until a level is chosen.</summary>
public class UnclassifiedTests
{
    private static readonly DateTime Reported0 = L(3, 2, 10);

    [Fact]
    public void With_no_level_chosen_the_clocks_run_on_level_1s_targets()
    {
        var outcome = SlaEngine.Compute(AllDay, [Reported(Reported0), Answered(Reported0.AddMinutes(2))], Reported0.AddMinutes(5));

        outcome.IsUnclassified.ShouldBeTrue();
        outcome.IsClassified.ShouldBeFalse();
        outcome.Level.ShouldBe(FaultLevel.Level1);
        outcome.Response.Deadline.ShouldBe(Reported0.AddMinutes(10));
        outcome.Restore.Deadline.ShouldBe(Reported0.AddHours(4));
        outcome.Restore.Status.ShouldBe(ClockStatus.Running);

        // Resolve runs from arrival, or from the end of level 1's response window when nobody has arrived.
        outcome.Resolve.Deadline.ShouldBe(Reported0.AddMinutes(10).AddHours(12));
        outcome.Resolve.Why.ShouldContain(w => w.Key == "Sla.Why.Unclassified");
    }

    [Fact]
    public void A_level_chosen_in_time_applies_as_if_known_from_the_report()
    {
        var arrived = Reported0.AddMinutes(40);
        List<SlaEvent> events = [Reported(Reported0), Answered(Reported0.AddMinutes(2)), Proposed(Reported0.AddMinutes(8), FaultLevel.Level3), Arrived(arrived)];

        var outcome = SlaEngine.Compute(AllDay, events, Reported0.AddHours(1));

        outcome.IsUnclassified.ShouldBeFalse();
        outcome.Level.ShouldBe(FaultLevel.Level3);
        outcome.BaseLevel.ShouldBe(FaultLevel.Level3);
        outcome.Response.Status.ShouldBe(ClockStatus.Met);
        outcome.Restore.Status.ShouldBe(ClockStatus.NotApplicable);
        outcome.Restore.IsBreached.ShouldBeFalse();
        outcome.Resolve.Start.ShouldBe(arrived);
        outcome.Resolve.Deadline.ShouldBe(arrived.AddHours(48));
        outcome.Resolve.Why.Select(w => w.Key).ShouldContain("Sla.Why.Classified");
    }

    [Fact]
    public void Answering_and_classifying_is_judged_against_level_1s_response_target()
    {
        // Answered at once, classified as level 3 after 25 minutes: within level 3's hour, not within level 1's ten minutes.
        List<SlaEvent> events = [Reported(Reported0), Answered(Reported0.AddMinutes(1)), Proposed(Reported0.AddMinutes(25), FaultLevel.Level3)];

        var outcome = SlaEngine.Compute(AllDay, events, Reported0.AddHours(1));

        outcome.Response.Status.ShouldBe(ClockStatus.Missed);
        outcome.Response.Level.ShouldBe(FaultLevel.Level1);
        outcome.ClassificationTime.ShouldBe(TimeSpan.FromMinutes(24));
    }

    [Fact]
    public void A_deadline_that_passed_while_unclassified_stays_missed()
    {
        // Classified as level 3 five hours after the report: level 1's four-hour restore deadline had passed.
        List<SlaEvent> events = [Reported(Reported0), Answered(Reported0.AddMinutes(2)), Proposed(Reported0.AddHours(5), FaultLevel.Level3)];

        var outcome = SlaEngine.Compute(AllDay, events, Reported0.AddHours(6));

        outcome.Level.ShouldBe(FaultLevel.Level3);
        outcome.Restore.Status.ShouldBe(ClockStatus.NotApplicable);
        outcome.Restore.EarlierMisses.ShouldBe([Reported0.AddHours(4)]);
        outcome.Restore.IsBreached.ShouldBeTrue();

        // Level 3's resolve deadline from the end of level 3's response window (nobody arrived) had not passed.
        outcome.Resolve.Deadline.ShouldBe(Reported0.AddHours(1).AddHours(48));
        outcome.Resolve.EarlierMisses.ShouldBeEmpty();
    }

    [Fact]
    public void A_level_suggested_at_intake_is_a_level_chosen()
    {
        var outcome = SlaEngine.Compute(AllDay, [Reported(Reported0, FaultLevel.Level2)], Reported0.AddMinutes(5));

        outcome.IsUnclassified.ShouldBeFalse();
        outcome.Level.ShouldBe(FaultLevel.Level2);
        outcome.Response.Deadline.ShouldBe(Reported0.AddMinutes(30));
        outcome.Resolve.Why.ShouldNotContain(w => w.Key == "Sla.Why.Unclassified");
    }

    [Fact]
    public void The_clients_ruling_over_an_unclassified_fault_sets_its_level_from_the_first_classification()
    {
        List<SlaEvent> events =
        [
            Reported(Reported0), Answered(Reported0.AddMinutes(2)), Proposed(Reported0.AddMinutes(6), FaultLevel.Level3),
            Ruled(Reported0.AddMinutes(30), FaultLevel.Level2),
        ];

        var outcome = SlaEngine.Compute(AllDay, events, Reported0.AddHours(1));

        outcome.Level.ShouldBe(FaultLevel.Level2);
        outcome.Restore.Deadline.ShouldBe(Reported0.AddHours(8));
        outcome.Restore.Status.ShouldBe(ClockStatus.Running);
    }
}
