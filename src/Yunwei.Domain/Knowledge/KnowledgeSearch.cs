using System.Globalization;
using System.Text;

namespace Yunwei.Domain.Knowledge;

/// <summary>
/// Ranking for Chinese text, which has no spaces between words: Han runs become overlapping
/// character pairs (bigrams, the standard CJK approach), Latin letters and digits stay whole words
/// (UPS, NVR, 502). A document scores by the share of the query's terms it holds, weighted by field
/// (the title and the symptom count most), with a bonus when it holds the query's longest Han run whole.
/// </summary>
public static class KnowledgeSearch
{
    /// <summary>A result needs at least this share of the query's terms.</summary>
    public const double MinimumShare = 0.34;

    /// <summary>Lower case, full-width to half-width, punctuation and spaces to single spaces.</summary>
    public static string Normalize(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return string.Empty;
        }

        var folded = text.Normalize(NormalizationForm.FormKC).ToLowerInvariant();
        var sb = new StringBuilder(folded.Length);
        var space = false;
        foreach (var c in folded)
        {
            if (char.IsLetterOrDigit(c))
            {
                sb.Append(c);
                space = false;
            }
            else if (!space && sb.Length > 0)
            {
                sb.Append(' ');
                space = true;
            }
        }

        return sb.ToString().TrimEnd();
    }

    /// <summary>The distinct search terms of a text: Han bigrams (a lone Han character as itself) and Latin/digit words.</summary>
    public static IReadOnlyList<string> Terms(string? text)
    {
        var terms = new List<string>();
        foreach (var run in Runs(Normalize(text)))
        {
            if (IsHan(run[0]))
            {
                if (run.Length == 1)
                {
                    terms.Add(run);
                }

                for (var i = 0; i + 1 < run.Length; i++)
                {
                    terms.Add(run.Substring(i, 2));
                }
            }
            else if (run.Length > 1 || char.IsDigit(run[0]))
            {
                terms.Add(run);
            }
        }

        return [.. terms.Distinct(StringComparer.Ordinal)];
    }

    /// <summary>How well a document answers a query, 0 when it does not (under <see cref="MinimumShare"/> of the terms).</summary>
    public static double Score(string query, params (string? Text, double Weight)[] fields)
    {
        ArgumentNullException.ThrowIfNull(fields);
        var terms = Terms(query);
        if (terms.Count == 0)
        {
            return 0;
        }

        var normalized = fields.Select(f => (Text: Normalize(f.Text), f.Weight)).ToList();
        var all = string.Join(' ', normalized.Select(f => f.Text));
        var matched = terms.Count(t => all.Contains(t, StringComparison.Ordinal));
        var share = (double)matched / terms.Count;
        if (share < MinimumShare)
        {
            return 0;
        }

        var weighted = terms.Sum(t => normalized.Where(f => f.Text.Contains(t, StringComparison.Ordinal)).Select(f => f.Weight).DefaultIfEmpty(0).Max());
        var longest = Runs(Normalize(query)).Where(r => IsHan(r[0]) && r.Length >= 3).OrderByDescending(r => r.Length).FirstOrDefault();
        var phrase = longest is not null && all.Contains(longest, StringComparison.Ordinal) ? 1.0 : 0.0;
        return Math.Round((weighted / terms.Count) + share + phrase, 4);
    }

    /// <summary>Runs of one script: Han characters together, Latin letters and digits together.</summary>
    private static IEnumerable<string> Runs(string normalized)
    {
        var sb = new StringBuilder();
        bool? han = null;
        foreach (var c in normalized)
        {
            if (c == ' ')
            {
                if (sb.Length > 0)
                {
                    yield return sb.ToString();
                }

                sb.Clear();
                han = null;
                continue;
            }

            var isHan = IsHan(c);
            if (han is { } h && h != isHan && sb.Length > 0)
            {
                yield return sb.ToString();
                sb.Clear();
            }

            sb.Append(c);
            han = isHan;
        }

        if (sb.Length > 0)
        {
            yield return sb.ToString();
        }
    }

    private static bool IsHan(char c) =>
        char.GetUnicodeCategory(c) == UnicodeCategory.OtherLetter && c is >= '\u3400' and <= '\u9FFF' or >= '\uF900' and <= '\uFAFF';
}
