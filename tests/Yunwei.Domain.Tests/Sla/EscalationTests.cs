using Yunwei.Domain.Faults;
using Yunwei.Domain.Sla;
using static Yunwei.Domain.Tests.Sla.SlaTestKit;

namespace Yunwei.Domain.Tests.Sla;

public class EscalationTests
{
    private static readonly DateTime Reported0 = L(3, 2, 10);
    private static readonly DateTime Arrived0 = Reported0.AddMinutes(40);

    private static List<SlaEvent> Level3Fault() =>
        [Reported(Reported0, FaultLevel.Level3), Proposed(Reported0.AddMinutes(5), FaultLevel.Level3), Arrived(Arrived0)];

    [Fact]
    public void Level3_fault_escalates_to_level2_when_48h_pass()
    {
        var breach = Arrived0.AddHours(48);

        var before = SlaEngine.Compute(AllDay, Level3Fault(), breach.AddTicks(-1));
        var after = SlaEngine.Compute(AllDay, Level3Fault(), breach);

        before.Level.ShouldBe(FaultLevel.Level3);
        before.PendingEscalations.ShouldBeEmpty();
        after.Level.ShouldBe(FaultLevel.Level2);
        after.PendingEscalations.ShouldHaveSingleItem().ShouldBe(new SlaEscalation(breach, FaultLevel.Level3, FaultLevel.Level2, false));
    }

    [Fact]
    public void The_new_levels_targets_run_from_the_escalation_moment()
    {
        var breach = Arrived0.AddHours(48);

        var outcome = SlaEngine.Compute(AllDay, Level3Fault(), breach.AddHours(1));

        outcome.Resolve.Start.ShouldBe(breach);
        outcome.Resolve.Deadline.ShouldBe(breach.AddHours(24));
        outcome.Resolve.Epoch.ShouldBe(1);
        outcome.Resolve.Why.ShouldContain(w => w.Key == "Sla.Why.Escalated");

        // Level 3 had no restore target; level 2 does, from the escalation.
        outcome.Restore.Status.ShouldBe(ClockStatus.Running);
        outcome.Restore.Deadline.ShouldBe(breach.AddHours(8));
    }

    [Fact]
    public void A_level2_breach_after_escalation_rises_to_level1_and_stays_there()
    {
        var first = Arrived0.AddHours(48);
        var second = first.AddHours(24);

        var outcome = SlaEngine.Compute(AllDay, Level3Fault(), second.AddHours(30));

        outcome.Escalations.Select(e => (e.At, e.To)).ShouldBe([(first, FaultLevel.Level2), (second, FaultLevel.Level1)]);
        outcome.Level.ShouldBe(FaultLevel.Level1);
        outcome.Resolve.Deadline.ShouldBe(second.AddHours(12));
        outcome.Resolve.Status.ShouldBe(ClockStatus.Overdue);
    }

    [Fact]
    public void Stored_escalations_replay_to_the_same_outcome()
    {
        var now = Arrived0.AddHours(48 + 24 + 5);
        var computed = SlaEngine.Compute(AllDay, Level3Fault(), now);
        var stored = Level3Fault().Concat(computed.PendingEscalations.Select(e => Escalated(e.At, e.To))).ToList();

        var replayed = SlaEngine.Compute(AllDay, stored, now);

        replayed.PendingEscalations.ShouldBeEmpty();
        replayed.Escalations.Select(e => (e.At, e.From, e.To)).ShouldBe(computed.Escalations.Select(e => (e.At, e.From, e.To)));
        replayed.Clocks.Select(c => (c.Deadline, c.Status, c.Epoch)).ShouldBe(computed.Clocks.Select(c => (c.Deadline, c.Status, c.Epoch)));
    }

    [Fact]
    public void A_fault_resolved_in_time_never_escalates()
    {
        var outcome = SlaEngine.Compute(AllDay, [.. Level3Fault(), Resolved(Arrived0.AddHours(48))], Arrived0.AddDays(30));

        outcome.Escalations.ShouldBeEmpty();
        outcome.Resolve.Status.ShouldBe(ClockStatus.Met);
    }

    [Fact]
    public void A_fault_resolved_late_shows_the_escalation_that_happened_on_the_way()
    {
        var outcome = SlaEngine.Compute(AllDay, [.. Level3Fault(), Resolved(Arrived0.AddHours(50))], Arrived0.AddDays(30));

        outcome.Escalations.ShouldHaveSingleItem().At.ShouldBe(Arrived0.AddHours(48));
        outcome.Level.ShouldBe(FaultLevel.Level2);

        // Resolved 2 h into the level-2 target: met against the new target.
        outcome.Resolve.Status.ShouldBe(ClockStatus.Met);
    }

    [Fact]
    public void A_ruling_after_an_escalation_can_raise_but_never_lower_the_level()
    {
        var breach = Arrived0.AddHours(48);
        List<SlaEvent> events = [.. Level3Fault(), Escalated(breach, FaultLevel.Level2)];

        var lowered = SlaEngine.Compute(AllDay, [.. events, Ruled(breach.AddHours(1), FaultLevel.Level3)], breach.AddHours(2));
        var raised = SlaEngine.Compute(AllDay, [.. events, Ruled(breach.AddHours(1), FaultLevel.Level1)], breach.AddHours(2));

        lowered.Level.ShouldBe(FaultLevel.Level2);
        raised.Level.ShouldBe(FaultLevel.Level1);
        raised.Resolve.Start.ShouldBe(breach.AddHours(1));
        raised.Resolve.Deadline.ShouldBe(breach.AddHours(13));
    }

    [Fact]
    public void A_consented_third_party_time_replaces_the_resolve_deadline_and_history_keeps_both()
    {
        var agreedAt = Arrived0.AddHours(20);
        var newDeadline = Arrived0.AddHours(100);
        List<SlaEvent> events = [.. Level3Fault(), Replaced(agreedAt, newDeadline)];

        var outcome = SlaEngine.Compute(AllDay, events, Arrived0.AddHours(60));

        outcome.Resolve.Deadline.ShouldBe(newDeadline);
        outcome.Resolve.Status.ShouldBe(ClockStatus.Running);
        outcome.Escalations.ShouldBeEmpty();
        outcome.Resolve.Why.ShouldContain(w => w.Key == "Sla.Why.Replaced" && Equals(w.Args[1], newDeadline));
        outcome.Resolve.Why.ShouldContain(w => w.Key == "Sla.Why.StartArrived");

        // Missing the agreed time escalates like any deadline.
        var late = SlaEngine.Compute(AllDay, events, newDeadline);
        late.PendingEscalations.ShouldHaveSingleItem().At.ShouldBe(newDeadline);
    }

    [Fact]
    public void A_deadline_that_passed_before_the_agreement_escalates_first()
    {
        var breach = Arrived0.AddHours(48);

        var outcome = SlaEngine.Compute(AllDay, [.. Level3Fault(), Replaced(breach.AddHours(2), breach.AddDays(5))], breach.AddHours(3));

        outcome.Escalations.ShouldHaveSingleItem().At.ShouldBe(breach);
        outcome.Level.ShouldBe(FaultLevel.Level2);
        outcome.Resolve.Deadline.ShouldBe(breach.AddDays(5));
    }

    [Fact]
    public void A_new_epoch_warns_afresh_after_an_escalation()
    {
        var breach = Arrived0.AddHours(48);

        var outcome = SlaEngine.Compute(AllDay, Level3Fault(), breach.AddMinutes(1));

        // The first epoch's thresholds stay on record (a late monitor still writes them); the new epoch warns afresh.
        outcome.Resolve.Thresholds.Select(t => t.Key).ShouldBe(["Resolve:0:75", "Resolve:0:90", "Resolve:0:100", "Resolve:1:75", "Resolve:1:90", "Resolve:1:100"]);
        outcome.Resolve.Thresholds.Single(t => t.Key == "Resolve:0:100").At.ShouldBe(breach);
        outcome.Resolve.Thresholds.Single(t => t.Key == "Resolve:1:75").At.ShouldBe(breach.AddHours(18));
        outcome.Resolve.Thresholds.Single(t => t.Key == "Resolve:1:75").Level.ShouldBe(FaultLevel.Level2);
    }

    [Fact]
    public void A_restore_deadline_missed_before_an_escalation_stays_a_breach_after_the_restart()
    {
        // Level 2: restore 8 h from the report; resolve 24 h from the response window. Nobody restores.
        List<SlaEvent> events = [Reported(Reported0, FaultLevel.Level2), Proposed(Reported0.AddMinutes(5), FaultLevel.Level2)];
        var breach = Reported0.AddMinutes(30).AddHours(24);

        var outcome = SlaEngine.Compute(AllDay, events, breach.AddMinutes(1));

        outcome.Level.ShouldBe(FaultLevel.Level1);
        outcome.Restore.Status.ShouldBe(ClockStatus.Running);
        outcome.Restore.EarlierMisses.ShouldBe([Reported0.AddHours(8)]);
        outcome.Restore.IsBreached.ShouldBeTrue();
        outcome.Restore.Why.ShouldContain(w => w.Key == "Sla.Why.MissedBefore");
        outcome.Restore.Thresholds.Select(t => t.Key).ShouldContain("Restore:0:100");
    }

    [Fact]
    public void Next_due_skips_what_was_already_done()
    {
        var outcome = SlaEngine.Compute(AllDay, Level3Fault(), Reported0.AddMinutes(6));

        var first = outcome.NextDue(new HashSet<string>());
        var afterWarning = outcome.NextDue(new HashSet<string> { "Resolve:0:75" });

        first.ShouldBe(Arrived0.AddHours(36));
        afterWarning.ShouldBe(Arrived0.AddHours(43.2));
    }

    [Fact]
    public void A_replaced_deadline_keeps_the_original_the_consenting_person_and_the_time_in_its_explanation()
    {
        var original = Arrived0.AddHours(48);
        var consented = Arrived0.AddHours(10);
        var agreed = Arrived0.AddDays(5);
        List<SlaEvent> events = [.. Level3Fault(), Replaced(consented, agreed) with { By = "王科长" }, Ruled(Reported0.AddMinutes(8), FaultLevel.Level3) with { By = "李主任" }];

        var outcome = SlaEngine.Compute(AllDay, events, Arrived0.AddHours(20));

        outcome.Resolve.Deadline.ShouldBe(agreed);
        var replaced = outcome.Resolve.Why.Single(w => w.Key == "Sla.Why.Replaced");
        replaced.Args.ShouldBe([consented, agreed, "王科长", original]);
        var ruled = outcome.Resolve.Why.Single(w => w.Key == "Sla.Why.RuledBase");
        ruled.Args.ShouldBe([Reported0.AddMinutes(8), FaultLevel.Level3, "李主任"]);
    }

    [Fact]
    public void A_miss_counts_at_the_level_whose_deadline_was_missed_first_not_the_level_it_rose_to()
    {
        var breach = Arrived0.AddHours(48);

        // Level 3's deadline missed, escalated to level 2, resolved within level 2's day.
        var resolvedAtLevel2 = SlaEngine.Compute(AllDay, [.. Level3Fault(), Resolved(breach.AddHours(5))], breach.AddHours(6));
        resolvedAtLevel2.Level.ShouldBe(FaultLevel.Level2);
        resolvedAtLevel2.MissedLevel.ShouldBe(FaultLevel.Level3);

        // Missed again at level 2 and 1: still the first miss, once.
        var missedAll = SlaEngine.Compute(AllDay, Level3Fault(), breach.AddHours(24 + 12 + 1));
        missedAll.Level.ShouldBe(FaultLevel.Level1);
        missedAll.MissedLevel.ShouldBe(FaultLevel.Level3);

        // A level-2 fault missing its restore deadline first counts at level 2.
        var restoreMissed = SlaEngine.Compute(AllDay, [Reported(Reported0, FaultLevel.Level2)], Reported0.AddHours(9));
        restoreMissed.MissedLevel.ShouldBe(FaultLevel.Level2);

        SlaEngine.Compute(AllDay, Level3Fault(), Arrived0.AddHours(1)).MissedLevel.ShouldBeNull();
    }

    [Fact]
    public void Arrival_is_judged_against_the_level_in_force_when_the_engineer_arrived()
    {
        // Arrived 40 minutes after the report, within level 3's hour; the later escalation to level 1 does not make it late.
        var escalated = SlaEngine.Compute(AllDay, Level3Fault(), Arrived0.AddHours(48 + 24 + 1));
        escalated.Level.ShouldBe(FaultLevel.Level1);
        escalated.ArrivedLate.ShouldBe(false);

        var late = SlaEngine.Compute(AllDay, [Reported(Reported0, FaultLevel.Level3), Arrived(Reported0.AddMinutes(61))], Reported0.AddHours(2));
        late.ArrivedLate.ShouldBe(true);
        SlaEngine.Compute(AllDay, [Reported(Reported0, FaultLevel.Level3)], Reported0.AddHours(2)).ArrivedLate.ShouldBeNull();
    }
}
