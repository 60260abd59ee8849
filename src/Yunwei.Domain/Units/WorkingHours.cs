using System.Globalization;

namespace Yunwei.Domain.Units;

/// <summary>A working period within a day, such as 08:00–12:00.</summary>
public readonly record struct WorkingPeriod(TimeOnly Start, TimeOnly End);

/// <summary>Parses and validates the working-hours text of a contract, e.g. "08:00-12:00,14:00-18:00".</summary>
public static class WorkingHours
{
    public const string Default = "08:00-12:00,14:00-18:00";

    /// <summary>Parses the text; returns false when a period is malformed, empty, or overlaps the previous one.</summary>
    public static bool TryParse(string? text, out IReadOnlyList<WorkingPeriod> periods)
    {
        var result = new List<WorkingPeriod>();
        periods = result;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        foreach (var part in text.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            var bounds = part.Split('-', StringSplitOptions.TrimEntries);
            if (bounds.Length != 2
                || !TimeOnly.TryParseExact(bounds[0], "HH:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out var start)
                || !TimeOnly.TryParseExact(bounds[1], "HH:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out var end)
                || end <= start
                || (result.Count > 0 && start < result[^1].End))
            {
                return false;
            }

            result.Add(new WorkingPeriod(start, end));
        }

        return result.Count > 0;
    }
}
