using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Yunwei.Domain.Faults;
using Yunwei.Domain.Sla;
using static Yunwei.Domain.Tests.Sla.SlaTestKit;

namespace Yunwei.Domain.Tests.Sla;

/// <summary>Properties over generated fault histories, on both calendars.</summary>
public class SlaPropertyTests
{
    private static readonly DateTime Origin = L(2, 10, 9);

    /// <summary>A generated history: a report, maybe a classification and arrival, pauses, maybe a resolution.</summary>
    public sealed record History(bool WorkingHours, FaultLevel Level, int ClassifyAfter, int? ArriveAfter, (PauseKind Kind, int From, int Length)[] Pauses, int? ResolveAfter, int Now)
    {
        public SlaPolicy Policy => WorkingHours ? SpringFestival2026() : AllDay;

        public List<SlaEvent> Events(bool withPauses = true)
        {
            var events = new List<SlaEvent> { Reported(Origin, Level), Proposed(Origin.AddMinutes(ClassifyAfter), Level) };
            if (ArriveAfter is { } a)
            {
                events.Add(Arrived(Origin.AddMinutes(a)));
            }

            if (withPauses)
            {
                foreach (var (kind, from, length) in Pauses)
                {
                    events.AddRange(Pause(kind, Origin.AddMinutes(from), Origin.AddMinutes(from + length)));
                }
            }

            if (ResolveAfter is { } r)
            {
                events.Add(Resolved(Origin.AddMinutes(r)));
            }

            return events;
        }

        public DateTime At => Origin.AddMinutes(Now);
    }

    public static class Generators
    {
        public static Arbitrary<History> Histories() =>
            (from working in Gen.Elements(true, false)
             from level in Gen.Elements(FaultLevel.Level1, FaultLevel.Level2, FaultLevel.Level3)
             from classify in Gen.Choose(0, 120)
             from arrive in Gen.OneOf(Gen.Constant<int?>(null), Gen.Choose(1, 600).Select(x => (int?)x))
             from pauses in Gen.ArrayOf(
                 from kind in Gen.Elements(PauseKind.ClientApproval, PauseKind.Parts, PauseKind.ThirdParty, PauseKind.DataReimport)
                 from start in Gen.Choose(0, 20_000)
                 from length in Gen.Choose(1, 5_000)
                 select (kind, start, length)).Where(p => p.Length <= 4)
             from resolve in Gen.OneOf(Gen.Constant<int?>(null), Gen.Choose(700, 40_000).Select(x => (int?)x))
             from now in Gen.Choose(0, 60_000)
             select new History(working, level, classify, arrive, pauses, resolve, now)).ToArbitrary();
    }

    [Property(Arbitrary = [typeof(Generators)], MaxTest = 300)]
    public bool A_pause_never_moves_a_deadline_earlier_nor_adds_counted_time(History history)
    {
        var without = SlaEngine.Compute(history.Policy, history.Events(withPauses: false), history.At);
        var with = SlaEngine.Compute(history.Policy, history.Events(), history.At);

        // Compare in the first epoch only: a pause may avoid an escalation, which changes the targets.
        return without.Clocks.Zip(with.Clocks).All(pair =>
            pair.First.Epoch != 0 || pair.Second.Epoch != 0
            || (pair.Second.Counted <= pair.First.Counted
                && (pair.Second.Deadline is null || pair.First.Deadline is null || pair.Second.Deadline >= pair.First.Deadline)));
    }

    [Property(Arbitrary = [typeof(Generators)], MaxTest = 300)]
    public bool Escalation_never_lowers_a_level(History history)
    {
        var outcome = SlaEngine.Compute(history.Policy, history.Events(), history.At);

        return outcome.Escalations.All(e => e.To < e.From)
            && outcome.Level <= outcome.BaseLevel
            && outcome.Escalations.Select(e => e.At).SequenceEqual(outcome.Escalations.Select(e => e.At).Order());
    }

    [Property(Arbitrary = [typeof(Generators)], MaxTest = 300)]
    public bool Replaying_stored_escalations_gives_the_same_deadlines(History history)
    {
        var computed = SlaEngine.Compute(history.Policy, history.Events(), history.At);
        var stored = history.Events().Concat(computed.PendingEscalations.Select(e => Escalated(e.At, e.To)));
        var replayed = SlaEngine.Compute(history.Policy, stored, history.At);

        return !replayed.PendingEscalations.Any()
            && replayed.Level == computed.Level
            && replayed.Clocks.Zip(computed.Clocks).All(p => p.First.Deadline == p.Second.Deadline && p.First.Status == p.Second.Status && p.First.Epoch == p.Second.Epoch);
    }

    [Property(Arbitrary = [typeof(Generators)], MaxTest = 300)]
    public bool Later_moments_never_undo_an_escalation(History history)
    {
        var earlier = SlaEngine.Compute(history.Policy, history.Events(), history.At);
        var later = SlaEngine.Compute(history.Policy, history.Events(), history.At.AddHours(7));

        return later.Level <= earlier.Level && later.Escalations.Count >= earlier.Escalations.Count;
    }

    [Property(Arbitrary = [typeof(Generators)], MaxTest = 300)]
    public bool Counted_time_never_exceeds_wall_time_and_deadlines_follow_starts(History history)
    {
        var outcome = SlaEngine.Compute(history.Policy, history.Events(), history.At);

        return outcome.Clocks.All(c =>
            c.Counted >= TimeSpan.Zero
            && c.Counted <= ((c.StoppedAt ?? history.At) > c.Start ? (c.StoppedAt ?? history.At) - c.Start : TimeSpan.Zero)
            && (c.Deadline is null || c.Deadline >= c.Start));
    }
}
