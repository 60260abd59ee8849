namespace Yunwei.Domain.Sla;

/// <summary>
/// Arithmetic of counted time: calendar time minus excluded spans (pauses, a resolved fault's quiet
/// time before a reopen). Exact to the tick; all instants are UTC.
/// </summary>
public static class ClockMath
{
    /// <summary>Sorts and merges spans so that none overlap or touch.</summary>
    public static IReadOnlyList<TimeInterval> Merge(IEnumerable<TimeInterval> spans)
    {
        var merged = new List<TimeInterval>();
        foreach (var span in spans.Where(s => s.End > s.Start).OrderBy(s => s.Start))
        {
            if (merged.Count > 0 && span.Start <= merged[^1].End)
            {
                if (span.End > merged[^1].End)
                {
                    merged[^1] = merged[^1] with { End = span.End };
                }
            }
            else
            {
                merged.Add(span);
            }
        }

        return merged;
    }

    /// <summary>
    /// The instant at which <paramref name="amount"/> of counted time has passed since <paramref name="start"/>,
    /// or null when it never comes: an open exclusion (a pause still running) or a calendar without working time.
    /// </summary>
    public static DateTime? Advance(WorkCalendar calendar, DateTime start, TimeSpan amount, IReadOnlyList<TimeInterval> excluded)
    {
        var left = amount;
        if (left <= TimeSpan.Zero)
        {
            return start;
        }

        foreach (var piece in CountingPieces(calendar, start, excluded))
        {
            if (piece.IsOpen || piece.Length >= left)
            {
                return piece.Start + left;
            }

            left -= piece.Length;
        }

        return null;
    }

    /// <summary>Counted time between two instants.</summary>
    public static TimeSpan Counted(WorkCalendar calendar, DateTime start, DateTime end, IReadOnlyList<TimeInterval> excluded)
    {
        var total = TimeSpan.Zero;
        if (end <= start)
        {
            return total;
        }

        foreach (var piece in CountingPieces(calendar, start, excluded))
        {
            if (piece.Start >= end)
            {
                break;
            }

            total += (piece.End < end ? piece.End : end) - piece.Start;
        }

        return total;
    }

    /// <summary>Calendar intervals from <paramref name="start"/> with the (merged) exclusions cut out.</summary>
    private static IEnumerable<TimeInterval> CountingPieces(WorkCalendar calendar, DateTime start, IReadOnlyList<TimeInterval> excluded)
    {
        var e = 0;
        foreach (var interval in calendar.IntervalsFrom(start))
        {
            var cursor = interval.Start;
            while (e < excluded.Count && excluded[e].End <= cursor)
            {
                e++;
            }

            var k = e;
            while (cursor < interval.End)
            {
                if (k >= excluded.Count || excluded[k].Start >= interval.End)
                {
                    yield return new TimeInterval(cursor, interval.End);
                    break;
                }

                if (excluded[k].Start > cursor)
                {
                    yield return new TimeInterval(cursor, excluded[k].Start);
                }

                if (excluded[k].IsOpen)
                {
                    // Paused with no end yet: nothing after this counts.
                    yield break;
                }

                cursor = excluded[k].End > cursor ? excluded[k].End : cursor;
                k++;
            }
        }
    }
}
