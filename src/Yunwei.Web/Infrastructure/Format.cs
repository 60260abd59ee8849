using System.Globalization;
using Microsoft.Extensions.Localization;
using Yunwei.Domain;

namespace Yunwei.Web.Infrastructure;

/// <summary>Dates, times and durations as users in China expect them (yyyy-MM-dd, 24-hour, China time).</summary>
public static class Format
{
    public static string Date(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>A month written "yyyy-MM" (URLs, month inputs), as its first day; null when it is not one.</summary>
    public static DateOnly? Month(string? text) =>
        DateOnly.TryParseExact(text + "-01", "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var month) ? month : null;

    /// <summary>A stored UTC time shown in China time.</summary>
    public static string DateTime(DateTime utc) => ChinaTime.ToLocal(utc).ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);

    public static string? DateTime(DateTime? utc) => utc is { } v ? DateTime(v) : null;

    /// <summary>The text cut to at most <paramref name="length"/> characters (for columns of a fixed length).</summary>
    public static string Clip(string text, int length) => text.Length <= length ? text : text[..length];

    /// <summary>A file size as people read it: 12.3 KB, 4.5 MB.</summary>
    public static string Size(long bytes) => bytes < 1024 * 1024
        ? (bytes / 1024.0).ToString("N1", CultureInfo.InvariantCulture) + " KB"
        : (bytes / 1024.0 / 1024.0).ToString("N1", CultureInfo.InvariantCulture) + " MB";

    /// <summary>Minutes as "10 分钟", "4 小时", "1 天 2 小时" (or English).</summary>
    public static string Duration(IStringLocalizer l, int minutes)
    {
        var parts = new List<string>();
        var days = minutes / (24 * 60);
        var hours = minutes % (24 * 60) / 60;
        var mins = minutes % 60;
        if (days > 0 && hours == 0 && mins == 0 && days < 3)
        {
            // 24 h and 48 h read better as hours in an SLA table.
            hours = days * 24;
            days = 0;
        }

        if (days > 0)
        {
            parts.Add(l["Duration.Days", days]);
        }

        if (hours > 0)
        {
            parts.Add(l["Duration.Hours", hours]);
        }

        if (mins > 0 || parts.Count == 0)
        {
            parts.Add(l["Duration.Minutes", mins]);
        }

        return string.Join(" ", parts);
    }
}
