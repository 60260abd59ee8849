using Yunwei.Domain.Faults;

namespace Yunwei.Domain.Sla;

/// <summary>
/// The clocks of docs/contract.md §3 as one pure function of a fault's events, the contract's policy and a
/// moment. Nothing is stored that this cannot recompute: the fault page, the monitor and the
/// reports all call it, so what was shown is what is reported.
/// </summary>
/// <remarks>
/// Readings (ADR-007): the client's ruling made before the first escalation sets the level from the
/// start; escalation happens at the resolve deadline itself and the new level's targets run from that
/// instant; later rulings can only raise the level, from the ruling's moment; a replaced resolve
/// deadline holds until the next level change. A fault reported with no level runs on the strictest
/// level's targets until a level is proposed or ruled; the chosen level then applies as if known from
/// the report, and a deadline that passed while unclassified stays missed (a late classification
/// never loosens a deadline).
/// </remarks>
public static class SlaEngine
{
    private enum SegmentKind
    {
        Base,
        Escalation,
        Ruling,
        Replacement,

        /// <summary>The first level agreed for a fault reported without one.</summary>
        Classification,
    }

    private sealed record Segment(SegmentKind Kind, DateTime? At, FaultLevel Requested, bool Stored, DateTime? Deadline)
    {
        /// <summary>The strictest level's targets, for a fault reported with no level, until one is chosen.</summary>
        public bool Provisional { get; init; }

        /// <summary>The proposal or ruling that set this segment's level, for "why this deadline"; its person in <see cref="SlaEvent.By"/>.</summary>
        public SlaEvent? Decision { get; init; }

        public FaultLevel Level { get; set; }

        public FaultLevel From { get; set; }
    }

    /// <summary>Computes the clocks at <paramref name="nowUtc"/>. The events need a <see cref="SlaEventType.Reported"/> event.</summary>
    public static SlaOutcome Compute(SlaPolicy policy, IEnumerable<SlaEvent> events, DateTime nowUtc)
    {
        ArgumentNullException.ThrowIfNull(policy);
        var ordered = events.OrderBy(e => e.At).ToList();
        var reported = ordered.FirstOrDefault(e => e.Type == SlaEventType.Reported)
            ?? throw new ArgumentException("A fault's events start with its report.", nameof(events));

        var facts = Facts.From(ordered, policy, reported.At);
        var segments = BuildSegments(ordered, reported);
        AddDueEscalations(policy, facts, segments, nowUtc);

        var response = Clock(policy, facts, SlaClock.Response, segments, nowUtc);
        var restore = Clock(policy, facts, SlaClock.Restore, segments, nowUtc);
        var resolve = Clock(policy, facts, SlaClock.Resolve, segments, nowUtc);
        var escalations = segments
            .Where(s => s.Kind == SegmentKind.Escalation)
            .Select(s => new SlaEscalation(s.At!.Value, s.From, s.Level, s.Stored))
            .ToList();
        var current = segments.Last(s => s.At is null || s.At <= nowUtc).Level;
        var agreed = segments.FirstOrDefault(s => s.Kind == SegmentKind.Classification)?.Level ?? segments[0].Level;

        TimeSpan? classification = facts.ClassifiedAt is { } c ? c - (facts.AnsweredAt ?? reported.At) : null;
        // Arrival is judged against the level in force when the engineer arrived, never a later one.
        bool? arrivedLate = null;
        if (facts.ArrivedAt is { } arrived)
        {
            var atArrival = segments.Last(s => s.At is null || s.At <= arrived).Level;
            arrivedLate = policy.Target(SlaClock.Response, atArrival) is { } window
                && arrived > (ClockMath.Advance(policy.Calendar, reported.At, window, []) ?? DateTime.MaxValue);
        }

        return new SlaOutcome(current, agreed, facts.ClassifiedAt is not null, classification, response, restore, resolve, escalations)
        {
            IsUnclassified = reported.Level is null && facts.ClassifiedAt is null,
            ArrivedLate = arrivedLate,
            MissedLevel = FirstMiss([response, restore, resolve]),
        };
    }

    /// <summary>
    /// The level of the first deadline a fault missed (an earlier epoch's deadline passed before the epoch ended, or the
    /// current one overdue or missed); null when none was. A fault counts once, at the level whose deadline it missed first.
    /// </summary>
    private static FaultLevel? FirstMiss(IEnumerable<ClockState> clocks) => clocks
        .SelectMany(c => c.Thresholds.Where(t => t.Percent == 100 && t.Epoch < c.Epoch).Select(t => (t.At, t.Level))
            .Concat(c.Status is ClockStatus.Missed or ClockStatus.Overdue && c.Deadline is { } d ? [(d, c.Level)] : []))
        .OrderBy(m => m.Item1)
        .Select(m => (FaultLevel?)m.Item2)
        .FirstOrDefault();

    /// <summary>One level more severe (3→2→1); level 1 stays.</summary>
    public static FaultLevel OneUp(FaultLevel level) => level == FaultLevel.Level1 ? level : level - 1;

    private static FaultLevel MoreSevere(FaultLevel a, FaultLevel b) => a < b ? a : b;

    private static List<Segment> BuildSegments(List<SlaEvent> ordered, SlaEvent reported)
    {
        var firstEscalation = ordered.FirstOrDefault(e => e.Type == SlaEventType.Escalated)?.At;
        bool BeforeEscalation(SlaEvent e) => firstEscalation is null || e.At < firstEscalation;

        // The client's level stands; otherwise the engineer's; otherwise what was suggested at intake.
        var decision = ordered.LastOrDefault(e => e.Type == SlaEventType.Ruled && e.Level is not null && BeforeEscalation(e))
            ?? ordered.LastOrDefault(e => e.Type == SlaEventType.Proposed && e.Level is not null && BeforeEscalation(e));
        var agreed = decision?.Level;
        var firstClassification = ordered.FirstOrDefault(e => e.Type is SlaEventType.Proposed or SlaEventType.Ruled && e.Level is not null);
        var segments = new List<Segment>();
        FaultLevel baseLevel;
        if (reported.Level is null)
        {
            // Nobody chose a level at intake: the strictest targets run until one is proposed or ruled (docs/contract.md §2).
            segments.Add(new Segment(SegmentKind.Base, null, FaultLevel.Level1, true, null) { Provisional = true });
            baseLevel = agreed ?? firstClassification?.Level ?? FaultLevel.Level1;
            if (firstClassification is not null)
            {
                segments.Add(new Segment(SegmentKind.Classification, firstClassification.At, baseLevel, true, null) { Decision = decision ?? firstClassification });
            }
        }
        else
        {
            baseLevel = agreed ?? reported.Level.Value;
            segments.Add(new Segment(SegmentKind.Base, null, baseLevel, true, null) { Decision = decision });
        }

        foreach (var e in ordered)
        {
            switch (e.Type)
            {
                case SlaEventType.Escalated:
                    segments.Add(new Segment(SegmentKind.Escalation, e.At, e.Level ?? FaultLevel.Level1, true, null));
                    break;
                case SlaEventType.Ruled when !BeforeEscalation(e) && e.Level is not null:
                    segments.Add(new Segment(SegmentKind.Ruling, e.At, e.Level.Value, true, null) { Decision = e });
                    break;
                case SlaEventType.DeadlineReplaced when e.Deadline is not null:
                    segments.Add(new Segment(SegmentKind.Replacement, e.At, baseLevel, true, e.Deadline) { Decision = e });
                    break;
                default:
                    break;
            }
        }

        Relevel(segments);
        return segments;
    }

    private static void Relevel(List<Segment> segments)
    {
        var level = segments[0].Requested;
        segments[0].Level = level;
        segments[0].From = level;
        foreach (var s in segments.Skip(1))
        {
            s.From = level;
            level = s.Kind switch
            {
                SegmentKind.Escalation when s.Stored => MoreSevere(level, s.Requested),
                SegmentKind.Escalation => OneUp(level),
                SegmentKind.Ruling => MoreSevere(level, s.Requested),
                SegmentKind.Classification => s.Requested,
                _ => level,
            };
            s.Level = level;
        }
    }

    /// <summary>Inserts the escalations the resolve clock makes due (docs/contract.md §3: at once, without a person).</summary>
    private static void AddDueEscalations(SlaPolicy policy, Facts facts, List<Segment> segments, DateTime nowUtc)
    {
        for (var k = 0; k < segments.Count; k++)
        {
            var segment = segments[k];
            if (segment.Level == FaultLevel.Level1)
            {
                continue;
            }

            var start = StartAt(facts, SlaClock.Resolve, segments, Restarted(segments, k));
            var deadline = segment.Kind == SegmentKind.Replacement
                ? segment.Deadline
                : ClockMath.Advance(policy.Calendar, start, policy.Target(SlaClock.Resolve, segment.Level)!.Value, facts.Excluded(SlaClock.Resolve));
            if (deadline is not { } d)
            {
                continue;
            }

            var next = k + 1 < segments.Count ? segments[k + 1] : null;
            var due = next is null
                ? (facts.ResolvedAt is { } stop ? d < stop : d <= nowUtc)
                : d < next.At && next.Kind != SegmentKind.Escalation && (facts.ResolvedAt is not { } s || d < s);
            if (due)
            {
                segments.Insert(k + 1, new Segment(SegmentKind.Escalation, d, OneUp(segment.Level), false, null));
                Relevel(segments);
            }
        }
    }

    private static ClockState Clock(SlaPolicy policy, Facts facts, SlaClock clock, List<Segment> all, DateTime nowUtc)
    {
        // A replaced deadline concerns the resolve clock only.
        var segments = clock == SlaClock.Resolve ? all : all.Where(s => s.Kind != SegmentKind.Replacement).ToList();
        var stop = facts.StopOf(clock);
        var horizon = stop ?? nowUtc;
        var g = 0;
        for (var k = 1; k < segments.Count; k++)
        {
            if (stop is not null ? segments[k].At < stop : segments[k].At <= nowUtc)
            {
                g = k;
            }
        }

        var segment = segments[g];
        var level = segment.Level;

        // A replaced deadline keeps the clock's start; a level change restarts it.
        var j = Restarted(segments, g);
        var start = StartAt(facts, clock, segments, j);
        var excluded = facts.Excluded(clock);
        var target = policy.Target(clock, level);
        var why = new List<SlaReason> { StartReason(policy, facts, clock, segments[j].Kind is SegmentKind.Base or SegmentKind.Classification ? null : segments[j].Kind, start) };
        if (!policy.Calendar.IsAllDay)
        {
            why.Add(new SlaReason("Sla.Why.WorkingHours", string.Join(", ", policy.Calendar.Periods.Select(p => $"{p.Start:HH\\:mm}–{p.End:HH\\:mm}"))));
        }

        if (segments[0].Provisional)
        {
            why.Add(new SlaReason("Sla.Why.Unclassified", FaultLevel.Level1));
        }
        else if (segments[0].Decision is { } d0)
        {
            // The level the clocks started from: who set it, when (a ruling before any escalation counts from the report).
            why.Add(new SlaReason(d0.Type == SlaEventType.Ruled ? "Sla.Why.RuledBase" : "Sla.Why.ProposedBase", d0.At, d0.Level, d0.By));
        }

        for (var k = 1; k <= g; k++)
        {
            var s = segments[k];
            why.Add(s.Kind switch
            {
                SegmentKind.Escalation => new SlaReason("Sla.Why.Escalated", s.At, s.From, s.Level),
                SegmentKind.Ruling => new SlaReason("Sla.Why.RuledUp", s.At, s.Level, s.Decision?.By),
                SegmentKind.Classification => new SlaReason("Sla.Why.Classified", s.At, s.Level, s.Decision?.By),

                // The deadline it replaced stays on record beside the new one and whoever consented.
                _ => new SlaReason("Sla.Why.Replaced", s.At, s.Deadline, s.Decision?.By, Window(policy, facts, clock, segments, k - 1, facts.Excluded(clock)).Deadline),
            });
        }

        DateTime? deadline;
        if (segment.Kind == SegmentKind.Replacement)
        {
            deadline = segment.Deadline;
        }
        else if (target is { } t)
        {
            why.Add(new SlaReason("Sla.Why.Target", level, t));
            deadline = ClockMath.Advance(policy.Calendar, start, t, excluded);
        }
        else
        {
            why.Add(new SlaReason("Sla.Why.NoTarget", level));
            deadline = null;
        }

        foreach (var p in facts.Pauses.Where(p => policy.Stops(p.Kind, clock) && p.Span.End > start && p.Span.Start < horizon))
        {
            why.Add(new SlaReason("Sla.Why.Paused", p.Kind, p.Span.Start, p.Span.IsOpen ? null : p.Span.End));
        }

        if (clock == SlaClock.Resolve)
        {
            foreach (var gap in facts.ReopenGaps.Where(r => r.End > start && r.Start < horizon))
            {
                why.Add(new SlaReason("Sla.Why.Reopened", gap.Start, gap.End));
            }
        }

        var counted = ClockMath.Counted(policy.Calendar, start, horizon, excluded);
        var paused = PausedWithin(facts, policy, clock, start, horizon);
        var applicable = segment.Kind == SegmentKind.Replacement || target is not null;
        ClockStatus status;
        if (!applicable)
        {
            status = ClockStatus.NotApplicable;
        }
        else if (stop is { } st)
        {
            var inTime = deadline is { } d ? st <= d : counted <= target;
            status = inTime ? ClockStatus.Met : ClockStatus.Missed;
        }
        else if (deadline is null)
        {
            status = ClockStatus.Paused;
        }
        else
        {
            status = deadline <= nowUtc ? ClockStatus.Overdue : ClockStatus.Running;
        }

        if (deadline is { } dl)
        {
            why.Add(new SlaReason("Sla.Why.Deadline", dl));
        }
        else if (status == ClockStatus.Paused)
        {
            why.Add(new SlaReason("Sla.Why.PausedNow"));
        }

        if (stop is { } stopped)
        {
            // With no target there is nothing to be in time or late for.
            why.Add(applicable ? new SlaReason("Sla.Why.Stopped", stopped, status == ClockStatus.Met) : new SlaReason("Sla.Why.StoppedNoTarget", stopped));
        }

        // Earlier epochs ran their whole span: what they warned and whether they were missed stays on record.
        var thresholds = new List<SlaThreshold>();
        var earlierMisses = new List<DateTime>();
        for (var k = 0; k < g; k++)
        {
            var (kStart, kTarget, kDeadline) = Window(policy, facts, clock, segments, k, excluded);
            var end = segments[k + 1].At!.Value;
            thresholds.AddRange(Thresholds(policy, clock, k, segments[k], kStart, kTarget, kDeadline, excluded).Where(t => t.At <= end));
            if (kDeadline is { } missed && missed <= end)
            {
                earlierMisses.Add(missed);
                var trailing = (deadline is not null || status == ClockStatus.Paused ? 1 : 0) + (stop is not null ? 1 : 0);
                why.Insert(why.Count - trailing, new SlaReason("Sla.Why.MissedBefore", missed));
            }
        }

        if (applicable && stop is null)
        {
            thresholds.AddRange(Thresholds(policy, clock, g, segment, start, target, deadline, excluded));
        }

        return new ClockState(clock, status, level, g, start, applicable ? target : null, deadline, stop, counted, paused, thresholds, why, earlierMisses);
    }

    /// <summary>Start, target and deadline of a clock in one of its segments.</summary>
    private static (DateTime Start, TimeSpan? Target, DateTime? Deadline) Window(
        SlaPolicy policy, Facts facts, SlaClock clock, List<Segment> segments, int k, IReadOnlyList<TimeInterval> excluded)
    {
        var start = StartAt(facts, clock, segments, Restarted(segments, k));
        var target = policy.Target(clock, segments[k].Level);
        var deadline = segments[k].Kind == SegmentKind.Replacement
            ? segments[k].Deadline
            : target is { } t ? ClockMath.Advance(policy.Calendar, start, t, excluded) : null;
        return (start, target, deadline);
    }

    /// <summary>The segment whose start a clock runs from in segment <paramref name="k"/>: a replaced deadline keeps the start before it.</summary>
    private static int Restarted(List<Segment> segments, int k)
    {
        while (k > 0 && segments[k].Kind == SegmentKind.Replacement)
        {
            k--;
        }

        return k;
    }

    /// <summary>The contract's start for the first segment and for a classification (its level as if known from the report); a level change's moment otherwise.</summary>
    private static DateTime StartAt(Facts facts, SlaClock clock, List<Segment> segments, int j) =>
        segments[j].Kind is SegmentKind.Base or SegmentKind.Classification ? facts.StartOf(clock, segments[j].Level) : segments[j].At!.Value;

    private static IEnumerable<SlaThreshold> Thresholds(SlaPolicy policy, SlaClock clock, int epoch, Segment segment, DateTime start, TimeSpan? target, DateTime? deadline, IReadOnlyList<TimeInterval> excluded)
    {
        if (segment.Kind != SegmentKind.Replacement && target is { } t)
        {
            foreach (var percent in policy.WarningPercents.Where(p => p is > 0 and < 100).Distinct().Order())
            {
                if (ClockMath.Advance(policy.Calendar, start, t * percent / 100, excluded) is { } at)
                {
                    yield return new SlaThreshold(clock, epoch, percent, at, segment.Level);
                }
            }
        }

        if (deadline is { } due)
        {
            yield return new SlaThreshold(clock, epoch, 100, due, segment.Level);
        }
    }

    private static SlaReason StartReason(SlaPolicy policy, Facts facts, SlaClock clock, SegmentKind? restartedBy, DateTime start)
    {
        if (restartedBy is { } kind0)
        {
            return new SlaReason(kind0 == SegmentKind.Ruling ? "Sla.Why.StartRuled" : "Sla.Why.StartEscalated", start);
        }

        var kind = clock switch
        {
            SlaClock.Response => policy.ResponseStart,
            SlaClock.Restore => policy.RestoreStart,
            _ => policy.ResolveStart,
        };
        return kind switch
        {
            ClockStart.Answered when facts.AnsweredAt == start => new SlaReason("Sla.Why.StartAnswered", start),
            ClockStart.ArrivedOnSite when facts.ArrivedAt == start => new SlaReason("Sla.Why.StartArrived", start),
            ClockStart.ArrivedOnSite => new SlaReason("Sla.Why.StartResponseWindow", start),
            _ => new SlaReason("Sla.Why.StartReported", start),
        };
    }

    private static TimeSpan PausedWithin(Facts facts, SlaPolicy policy, SlaClock clock, DateTime start, DateTime end)
    {
        var spans = ClockMath.Merge(facts.Pauses.Where(p => policy.Stops(p.Kind, clock)).Select(p => p.Span));
        var total = TimeSpan.Zero;
        foreach (var s in spans)
        {
            var a = s.Start > start ? s.Start : start;
            var b = s.End < end ? s.End : end;
            if (b > a)
            {
                total += b - a;
            }
        }

        return total;
    }

    private sealed record Pause(PauseKind Kind, TimeInterval Span);

    /// <summary>The milestones and spans the clocks read, derived once from the events.</summary>
    private sealed class Facts
    {
        private readonly SlaPolicy _policy;
        private readonly Dictionary<SlaClock, IReadOnlyList<TimeInterval>> _excluded = [];

        private Facts(SlaPolicy policy) => _policy = policy;

        public DateTime ReportedAt { get; private init; }

        public DateTime? AnsweredAt { get; private init; }

        public DateTime? ClassifiedAt { get; private init; }

        public DateTime? ArrivedAt { get; private init; }

        public DateTime? RestoredAt { get; private init; }

        /// <summary>The final resolution: a resolve not followed by a reopen.</summary>
        public DateTime? ResolvedAt { get; private init; }

        public List<TimeInterval> ReopenGaps { get; } = [];

        public List<Pause> Pauses { get; } = [];

        public static Facts From(List<SlaEvent> ordered, SlaPolicy policy, DateTime reportedAt)
        {
            DateTime? resolved = null;
            var gaps = new List<TimeInterval>();
            foreach (var e in ordered)
            {
                if (e.Type == SlaEventType.Resolved && resolved is null)
                {
                    resolved = e.At;
                }
                else if (e.Type == SlaEventType.Reopened && resolved is { } r)
                {
                    gaps.Add(new TimeInterval(r, e.At));
                    resolved = null;
                }
            }

            var firstResolved = ordered.FirstOrDefault(e => e.Type == SlaEventType.Resolved)?.At;
            var restored = ordered.FirstOrDefault(e => e.Type == SlaEventType.Restored)?.At;
            var facts = new Facts(policy)
            {
                ReportedAt = reportedAt,
                AnsweredAt = ordered.FirstOrDefault(e => e.Type == SlaEventType.Answered)?.At,
                ClassifiedAt = ordered.FirstOrDefault(e => e.Type is SlaEventType.Proposed or SlaEventType.Ruled)?.At,
                ArrivedAt = ordered.FirstOrDefault(e => e.Type == SlaEventType.ArrivedOnSite)?.At,

                // Resolving also restores: business is back when the root cause is fixed.
                RestoredAt = restored is { } rs && (firstResolved is not { } fr || rs <= fr) ? rs : firstResolved,
                ResolvedAt = resolved,
            };
            facts.ReopenGaps.AddRange(gaps);

            var open = new Dictionary<Guid, SlaEvent>();
            foreach (var e in ordered)
            {
                if (e.Type == SlaEventType.PauseStarted && e.Pause is not null)
                {
                    open[e.PauseId ?? Guid.Empty] = e;
                }
                else if (e.Type == SlaEventType.PauseEnded && open.Remove(e.PauseId ?? Guid.Empty, out var started))
                {
                    facts.Pauses.Add(new Pause(started.Pause!.Value, new TimeInterval(started.At, e.At)));
                }
            }

            facts.Pauses.AddRange(open.Values.Select(s => new Pause(s.Pause!.Value, new TimeInterval(s.At, DateTime.MaxValue))));
            facts.Pauses.Sort((a, b) => a.Span.Start.CompareTo(b.Span.Start));
            return facts;
        }

        public DateTime? StopOf(SlaClock clock) => clock switch
        {
            // Answer and classify: a classification is the level agreed (the engineer's, or the client's ruling).
            SlaClock.Response => ClassifiedAt,
            SlaClock.Restore => RestoredAt,
            _ => ResolvedAt,
        };

        public DateTime StartOf(SlaClock clock, FaultLevel level)
        {
            var kind = clock switch
            {
                SlaClock.Response => _policy.ResponseStart,
                SlaClock.Restore => _policy.RestoreStart,
                _ => _policy.ResolveStart,
            };
            switch (kind)
            {
                case ClockStart.Answered:
                    return AnsweredAt ?? ReportedAt;
                case ClockStart.ArrivedOnSite:
                    var window = ClockMath.Advance(_policy.Calendar, ReportedAt, _policy.Target(SlaClock.Response, level)!.Value, [])
                        ?? ReportedAt;
                    return ArrivedAt is { } arrived && arrived < window ? arrived : window;
                default:
                    return ReportedAt;
            }
        }

        /// <summary>The spans a clock does not count: its pauses (cut at its stop) and, for resolve, a resolved fault's time until reopened.</summary>
        public IReadOnlyList<TimeInterval> Excluded(SlaClock clock)
        {
            if (_excluded.TryGetValue(clock, out var cached))
            {
                return cached;
            }

            var stop = StopOf(clock);
            var spans = Pauses
                .Where(p => _policy.Stops(p.Kind, clock))
                .Select(p => stop is { } s && p.Span.End > s ? p.Span with { End = s > p.Span.Start ? s : p.Span.Start } : p.Span);
            if (clock == SlaClock.Resolve)
            {
                spans = spans.Concat(ReopenGaps);
            }

            return _excluded[clock] = ClockMath.Merge(spans);
        }
    }
}
