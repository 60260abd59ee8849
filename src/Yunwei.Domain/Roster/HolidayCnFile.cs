using System.Globalization;
using System.Text.Json;

namespace Yunwei.Domain.Roster;

/// <summary>One day of a holiday-cn file.</summary>
public sealed record HolidayEntry(DateOnly Date, string Name, CalendarDayKind Kind);

/// <summary>A parse problem: a resource key and what it names (the entry's position, its date).</summary>
public sealed record HolidayFileError(string Key, params object[] Args);

/// <summary>
/// Reads the public holiday-cn yearly format: <c>{ "year": 2026, "papers": [...], "days": [ { "name":
/// "春节", "date": "2026-02-15", "isOffDay": true }, ... ] }</c>. <c>isOffDay: false</c> marks a make-up
/// working day; a file may hold days of the neighbouring year (the 2023 file starts 2022-12-31);
/// weekends inside a holiday block are not listed (they are off anyway). All or nothing: any bad
/// entry is reported by position and nothing is taken.
/// </summary>
public static class HolidayCnFile
{
    public const int MaxBytes = 256 * 1024;

    public static (int Year, IReadOnlyList<HolidayEntry> Days, IReadOnlyList<HolidayFileError> Errors) Parse(string json)
    {
        var errors = new List<HolidayFileError>();
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json ?? string.Empty);
        }
        catch (JsonException)
        {
            return (0, [], [new HolidayFileError("Calendar.Error.NotJson")]);
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object
                || !root.TryGetProperty("year", out var yearElement) || yearElement.ValueKind != JsonValueKind.Number || !yearElement.TryGetInt32(out var year) || year is < 2000 or > 2100
                || !root.TryGetProperty("days", out var daysElement) || daysElement.ValueKind != JsonValueKind.Array)
            {
                return (0, [], [new HolidayFileError("Calendar.Error.Format")]);
            }

            var days = new List<HolidayEntry>();
            var seen = new HashSet<DateOnly>();
            var index = 0;
            foreach (var day in daysElement.EnumerateArray())
            {
                index++;
                var name = day.ValueKind == JsonValueKind.Object && day.TryGetProperty("name", out var n) && n.ValueKind == JsonValueKind.String ? n.GetString()!.Trim() : null;
                var dateText = day.ValueKind == JsonValueKind.Object && day.TryGetProperty("date", out var d) && d.ValueKind == JsonValueKind.String ? d.GetString() : null;
                bool? off = day.ValueKind == JsonValueKind.Object && day.TryGetProperty("isOffDay", out var o) && o.ValueKind is JsonValueKind.True or JsonValueKind.False ? o.GetBoolean() : null;
                if (string.IsNullOrEmpty(name) || name.Length > CalendarDay.NameMaxLength || off is null)
                {
                    errors.Add(new HolidayFileError("Calendar.Error.Entry", index, dateText ?? "?"));
                    continue;
                }

                if (!DateOnly.TryParseExact(dateText, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)
                    || Math.Abs(date.Year - year) > 1)
                {
                    errors.Add(new HolidayFileError("Calendar.Error.Date", index, dateText ?? "?"));
                    continue;
                }

                if (!seen.Add(date))
                {
                    errors.Add(new HolidayFileError("Calendar.Error.Duplicate", index, dateText!));
                    continue;
                }

                days.Add(new HolidayEntry(date, name, off.Value ? CalendarDayKind.Holiday : CalendarDayKind.MakeUpWorkday));
            }

            return errors.Count > 0 ? (year, [], errors) : (year, days, []);
        }
    }
}
