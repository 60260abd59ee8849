using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Yunwei.Domain.Signatures;

/// <summary>A point of a pen stroke, in the pad's coordinates scaled to 0–1000.</summary>
public readonly record struct InkPoint(int X, int Y);

/// <summary>
/// A handwritten signature on a record: the strokes as drawn (so emptiness can be checked and the
/// signature redrawn at any size), who signed in which role and when, and a hash of exactly what was
/// signed. A later change to the record does not match the hash any more.
/// </summary>
public sealed class Signature : IUnitOwned
{
    public Guid Id { get; set; } = Guid.CreateVersion7();

    public Guid ClientUnitId { get; set; }

    /// <summary>What was signed, e.g. "ApprovalRequest".</summary>
    public required string SubjectType { get; set; }

    public Guid SubjectId { get; set; }

    public Guid? SignerId { get; set; }

    public required string SignerName { get; set; }

    public required string SignerRole { get; set; }

    public DateTime SignedAt { get; set; }

    /// <summary>SHA-256 (hex) of the signed content as <see cref="SignatureRules.Canonical"/> wrote it.</summary>
    public required string ContentHash { get; set; }

    public List<List<InkPoint>> Strokes { get; set; } = [];
}

public static class SignatureRules
{
    public const int Scale = 1000;
    public const int MaxPoints = 5000;

    /// <summary>Refuses an empty or scribble-sized pad: the ink must have a few points and span some area.</summary>
    public static string? Validate(IReadOnlyList<IReadOnlyList<InkPoint>>? strokes)
    {
        var points = strokes?.SelectMany(s => s).ToList() ?? [];
        if (points.Count < 5)
        {
            return "Signature.Error.Empty";
        }

        if (points.Count > MaxPoints || points.Any(p => p.X is < 0 or > Scale || p.Y is < 0 or > Scale))
        {
            return "Signature.Error.Invalid";
        }

        var width = points.Max(p => p.X) - points.Min(p => p.X);
        var height = points.Max(p => p.Y) - points.Min(p => p.Y);
        return width < 20 && height < 20 ? "Signature.Error.Empty" : null;
    }

    /// <summary>A stable text of the signed content: fields in key order, one per line.</summary>
    public static string Canonical(IEnumerable<KeyValuePair<string, string?>> content) =>
        string.Join('\n', content.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => $"{p.Key}={p.Value?.Replace("\n", "\\n", StringComparison.Ordinal)}"));

    public static string Hash(string canonical) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(canonical)));

    /// <summary>The strokes as an SVG drawing, for the page and for printed forms.</summary>
    public static string Svg(IEnumerable<IEnumerable<InkPoint>> strokes)
    {
        var paths = strokes.Select(s => string.Join(' ', s.Select(p => string.Create(CultureInfo.InvariantCulture, $"{p.X},{p.Y}"))));
        return $"<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {Scale} {Scale / 3}\" preserveAspectRatio=\"xMidYMid meet\">"
            + string.Concat(paths.Select(p => $"<polyline points=\"{p}\" fill=\"none\" stroke=\"#1a1a1a\" stroke-width=\"6\" stroke-linecap=\"round\" stroke-linejoin=\"round\"/>"))
            + "</svg>";
    }
}
