namespace Yunwei.Web.Platform;

/// <summary>A signature on a signed report (fault report, weekly deliverable) as shown and printed: who, when, whether it still matches the content, the strokes as SVG.</summary>
public sealed record ReportSignature(string Role, string SignerName, DateTime SignedAt, bool Matches, string Svg);
