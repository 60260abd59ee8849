namespace Yunwei.Domain.Assessment;

/// <summary>One item's value in a quarter: the occurrences counted (or the score given) and the client's adjustment.</summary>
/// <param name="Count">Deduction/bonus: occurrences; weighted score: the 0–100 score (null: not given yet).</param>
/// <param name="Adjustment">Points the client adds (+) or takes off (−) on review, with its reason.</param>
public sealed record ItemInput(decimal? Count, decimal Adjustment = 0, string? Reason = null);

public sealed record ItemScore(AssessmentItem Item, decimal? Count, decimal Points, decimal Adjustment, string? Reason);

/// <summary>
/// The quarter's score: the service part starts at 100, loses each deduction (per occurrence, capped)
/// and gains each bonus, plus the client's adjustments, kept within 0–100; it carries the weight the
/// weighted scores leave; each weighted score adds its weighted share. A missing weighted score
/// counts as 0 (the form cannot be signed before it is given).
/// </summary>
public sealed record AssessmentScore(IReadOnlyList<ItemScore> Items, decimal ServiceScore, decimal Total, Rating Rating, IReadOnlyList<string> Missing);

public static class AssessmentRules
{
    public static AssessmentScore Score(IReadOnlyList<AssessmentItem> items, IReadOnlyDictionary<string, ItemInput> inputs, AssessmentBands bands)
    {
        ArgumentNullException.ThrowIfNull(items);
        ArgumentNullException.ThrowIfNull(inputs);
        ArgumentNullException.ThrowIfNull(bands);
        var scores = new List<ItemScore>();
        var missing = new List<string>();
        decimal service = 100, weighted = 0;
        var weights = items.Where(i => i.Kind == AssessmentItemKind.WeightedScore).Sum(i => i.Weight);
        foreach (var item in items)
        {
            var input = inputs.GetValueOrDefault(item.Key) ?? new ItemInput(null);
            switch (item.Kind)
            {
                case AssessmentItemKind.WeightedScore:
                    if (input.Count is null)
                    {
                        missing.Add(item.Key);
                    }

                    var given = Math.Clamp((input.Count ?? 0) + input.Adjustment, 0, 100);
                    var share = given * item.Weight / 100;
                    weighted += share;
                    scores.Add(new ItemScore(item, input.Count, Round(share), input.Adjustment, input.Reason));
                    break;
                default:
                    var raw = (input.Count ?? 0) * item.Points;
                    var capped = item.Cap is { } cap ? Math.Min(raw, cap) : raw;
                    var points = (item.Kind == AssessmentItemKind.Deduction ? -capped : capped) + input.Adjustment;
                    service += points;
                    scores.Add(new ItemScore(item, input.Count, Round(points), input.Adjustment, input.Reason));
                    break;
            }
        }

        service = Math.Clamp(service, 0, 100);
        var total = Round((service * (100 - weights) / 100) + weighted);
        return new AssessmentScore(scores, Round(service), total, Band(total, bands), missing);
    }

    public static Rating Band(decimal score, AssessmentBands bands)
    {
        ArgumentNullException.ThrowIfNull(bands);
        return score >= bands.Excellent ? Rating.Excellent : score >= bands.Good ? Rating.Good : score >= bands.Pass ? Rating.Pass : Rating.Fail;
    }

    /// <summary>The template's problems as resource keys: weights over 100, bands out of order, duplicate keys, negative points.</summary>
    public static IEnumerable<string> Validate(IReadOnlyList<AssessmentItem> items, AssessmentBands bands)
    {
        ArgumentNullException.ThrowIfNull(items);
        ArgumentNullException.ThrowIfNull(bands);
        if (items.Where(i => i.Kind == AssessmentItemKind.WeightedScore).Sum(i => i.Weight) > 100 || items.Any(i => i.Weight < 0))
        {
            yield return "Assessment.Error.Weights";
        }

        if (!(bands.Excellent > bands.Good && bands.Good > bands.Pass && bands.Pass > 0 && bands.Excellent <= 100))
        {
            yield return "Assessment.Error.Bands";
        }

        if (items.Select(i => i.Key).Distinct(StringComparer.Ordinal).Count() != items.Count || items.Any(i => string.IsNullOrWhiteSpace(i.Key) || string.IsNullOrWhiteSpace(i.Name)))
        {
            yield return "Assessment.Error.Keys";
        }

        if (items.Any(i => i.Points < 0 || i.Cap < 0))
        {
            yield return "Assessment.Error.Points";
        }
    }

    /// <summary>The weighted completion of a quarter's goals (weights sum to 100), 0–100.</summary>
    public static decimal GoalCompletion(IEnumerable<(int Weight, decimal? Completion)> goals) =>
        Round(goals.Sum(g => g.Weight * Math.Clamp(g.Completion ?? 0, 0, 100) / 100));

    private static decimal Round(decimal value) => Math.Round(value, 2, MidpointRounding.AwayFromZero);
}

/// <summary>A calendar quarter: 2026Q1 is January to March.</summary>
public readonly record struct Quarter(int Year, int Number)
{
    public DateOnly Start => new(Year, ((Number - 1) * 3) + 1, 1);

    public DateOnly End => Start.AddMonths(3).AddDays(-1);

    public static Quarter Of(DateOnly day) => new(day.Year, ((day.Month - 1) / 3) + 1);

    public static bool TryParse(string? text, out Quarter quarter)
    {
        quarter = default;
        if (text is { Length: 6 } && int.TryParse(text.AsSpan(0, 4), System.Globalization.CultureInfo.InvariantCulture, out var year)
            && text[4] is 'Q' or 'q' && text[5] is >= '1' and <= '4' && year is >= 2000 and <= 2100)
        {
            quarter = new Quarter(year, text[5] - '0');
            return true;
        }

        return false;
    }

    public override string ToString() => $"{Year}Q{Number}";
}
