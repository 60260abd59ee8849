using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text.RegularExpressions;

namespace Yunwei.Domain.Assets;

/// <summary>
/// Checks and normalises what people type about assets: IP and MAC addresses, custom attribute
/// values. Problems are returned as resource keys for the UI to translate.
/// </summary>
public static partial class AssetRules
{
    public const int MaxTextLength = 200;

    /// <summary>Accepts IPv4 dotted quads and IPv6; returns the canonical text.</summary>
    public static bool TryNormalizeIp(string? text, out string normalized)
    {
        normalized = string.Empty;
        var value = text?.Trim();
        if (string.IsNullOrEmpty(value) || !IPAddress.TryParse(value, out var address))
        {
            return false;
        }

        // IPAddress.TryParse also takes "10" or "10.1" (classful shorthand); people mean four parts.
        if (address.AddressFamily == AddressFamily.InterNetwork && value.Split('.').Length != 4)
        {
            return false;
        }

        normalized = address.ToString();
        return true;
    }

    /// <summary>Accepts 00:1A:2B:3C:4D:5E, 00-1a-2b-3c-4d-5e, 001A.2B3C.4D5E and 001A2B3C4D5E.</summary>
    public static bool TryNormalizeMac(string? text, out string normalized)
    {
        normalized = string.Empty;
        var value = text?.Trim();
        if (string.IsNullOrEmpty(value) || !MacPattern().IsMatch(value))
        {
            return false;
        }

        var hex = new string([.. value.Where(char.IsAsciiHexDigit)]);
        normalized = string.Join(':', Enumerable.Range(0, 6).Select(i => hex.Substring(i * 2, 2))).ToUpperInvariant();
        return true;
    }

    [GeneratedRegex(@"^(?:[0-9A-Fa-f]{2}(?<s>[:-])[0-9A-Fa-f]{2}(?:\k<s>[0-9A-Fa-f]{2}){4}|[0-9A-Fa-f]{4}\.[0-9A-Fa-f]{4}\.[0-9A-Fa-f]{4}|[0-9A-Fa-f]{12})$")]
    private static partial Regex MacPattern();

    /// <summary>
    /// Validates custom attribute values against the type's definitions and returns the cleaned
    /// values. Errors are (attribute key, resource key).
    /// </summary>
    public static IReadOnlyDictionary<string, string> CleanAttributes(
        IReadOnlyList<AttributeDefinition> definitions,
        IReadOnlyDictionary<string, string?>? values,
        ICollection<(string Key, string Error)> errors)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        values ??= new Dictionary<string, string?>();
        foreach (var key in values.Keys.Where(k => definitions.All(d => d.Key != k)))
        {
            errors.Add((key, "Validation.Asset.UnknownAttribute"));
        }

        foreach (var definition in definitions)
        {
            var raw = values.TryGetValue(definition.Key, out var v) ? v?.Trim() : null;
            if (string.IsNullOrEmpty(raw))
            {
                if (definition.Required)
                {
                    errors.Add((definition.Key, "Validation.Required"));
                }

                continue;
            }

            switch (definition.Kind)
            {
                case AttributeKind.Number when decimal.TryParse(raw, NumberStyles.Number, CultureInfo.InvariantCulture, out var number):
                    result[definition.Key] = number.ToString(CultureInfo.InvariantCulture);
                    break;
                case AttributeKind.Number:
                    errors.Add((definition.Key, "Validation.Number"));
                    break;
                case AttributeKind.IpAddress when TryNormalizeIp(raw, out var ip):
                    result[definition.Key] = ip;
                    break;
                case AttributeKind.IpAddress:
                    errors.Add((definition.Key, "Validation.Asset.Ip"));
                    break;
                case AttributeKind.Date when DateOnly.TryParseExact(raw, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date):
                    result[definition.Key] = date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
                    break;
                case AttributeKind.Date:
                    errors.Add((definition.Key, "Validation.Date"));
                    break;
                case AttributeKind.Choice when definition.Options.Contains(raw, StringComparer.Ordinal):
                    result[definition.Key] = raw;
                    break;
                case AttributeKind.Choice:
                    errors.Add((definition.Key, "Validation.Asset.Choice"));
                    break;
                case AttributeKind.Text when raw.Length > MaxTextLength:
                    errors.Add((definition.Key, "Validation.Asset.TextTooLong"));
                    break;
                default:
                    result[definition.Key] = raw;
                    break;
            }
        }

        return result;
    }

    /// <summary>Whether a warranty ending on <paramref name="ends"/> runs out within <paramref name="days"/> of <paramref name="today"/>.</summary>
    public static bool WarrantyExpiringWithin(DateOnly? ends, DateOnly today, int days) =>
        ends is { } end && end >= today && end <= today.AddDays(days);
}
