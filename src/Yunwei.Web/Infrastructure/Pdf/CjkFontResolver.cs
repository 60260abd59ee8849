using System.Buffers.Binary;
using PdfSharp.Fonts;

namespace Yunwei.Web.Infrastructure.Pdf;

/// <summary>Thrown when no Chinese font is installed: PDFs would show boxes instead of text.</summary>
public sealed class MissingCjkFontException(string message) : Exception(message);

/// <summary>
/// Gives PDFsharp one Chinese font for every family it asks for. The font comes from
/// <c>Pdf:CjkFont</c> or the usual Debian locations (WenQuanYi Micro Hei, Noto Sans CJK). PDFsharp
/// cannot read font collections (.ttc), so the first face is cut out into a plain TrueType font.
/// See docs/decisions/ADR-005-pdf.md.
/// </summary>
public sealed class CjkFontResolver : IFontResolver
{
    public const string FaceName = "Yunwei-CJK";

    public static readonly string[] Candidates =
    [
        "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc",
        "/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc",
        "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc",
    ];

    private readonly byte[] _font;

    private CjkFontResolver(byte[] font) => _font = font;

    public string Source { get; private init; } = string.Empty;

    /// <summary>Loads the configured font or the first installed candidate; throws a clear error when there is none.</summary>
    public static CjkFontResolver Load(string? configured)
    {
        var path = !string.IsNullOrWhiteSpace(configured) ? configured : Candidates.FirstOrDefault(File.Exists);
        if (path is null || !File.Exists(path))
        {
            throw new MissingCjkFontException(
                $"PDF needs a Chinese font: install Debian's fonts-wqy-microhei (or fonts-noto-cjk), or set Pdf:CjkFont to a .ttf/.ttc file. Looked for: {configured ?? string.Join(", ", Candidates)}.");
        }

        var bytes = File.ReadAllBytes(path);
        return new CjkFontResolver(IsCollection(bytes) ? ExtractFace(bytes, 0) : bytes) { Source = path };
    }

    public FontResolverInfo? ResolveTypeface(string familyName, bool bold, bool italic) =>
        new(FaceName, mustSimulateBold: bold, mustSimulateItalic: italic);

    public byte[]? GetFont(string faceName) => _font;

    private static bool IsCollection(byte[] font) => font.Length > 12 && font[0] == 't' && font[1] == 't' && font[2] == 'c' && font[3] == 'f';

    /// <summary>Copies one face of a TrueType collection into a standalone font file.</summary>
    internal static byte[] ExtractFace(byte[] collection, int face)
    {
        var faces = BinaryPrimitives.ReadUInt32BigEndian(collection.AsSpan(8));
        if (face >= faces)
        {
            throw new InvalidDataException($"The font collection has {faces} faces, not {face + 1}.");
        }

        var start = (int)BinaryPrimitives.ReadUInt32BigEndian(collection.AsSpan(12 + (4 * face)));
        var tables = BinaryPrimitives.ReadUInt16BigEndian(collection.AsSpan(start + 4));
        var headerLength = 12 + (16 * tables);
        var records = new List<(int Record, int Offset, int Length)>();
        var size = headerLength;
        for (var i = 0; i < tables; i++)
        {
            var record = start + 12 + (16 * i);
            var offset = (int)BinaryPrimitives.ReadUInt32BigEndian(collection.AsSpan(record + 8));
            var length = (int)BinaryPrimitives.ReadUInt32BigEndian(collection.AsSpan(record + 12));
            records.Add((record, offset, length));
            size += (length + 3) & ~3;
        }

        var font = new byte[size];
        collection.AsSpan(start, 12).CopyTo(font);
        var position = headerLength;
        for (var i = 0; i < records.Count; i++)
        {
            var (record, offset, length) = records[i];
            var target = 12 + (16 * i);
            collection.AsSpan(record, 16).CopyTo(font.AsSpan(target));
            BinaryPrimitives.WriteUInt32BigEndian(font.AsSpan(target + 8), (uint)position);
            collection.AsSpan(offset, length).CopyTo(font.AsSpan(position));
            position += (length + 3) & ~3;
        }

        return font;
    }
}

/// <summary>Installs the font resolver once per process (PDFsharp's setting is global).</summary>
public static class PdfFonts
{
    private static readonly Lock Gate = new();
    private static CjkFontResolver? _resolver;

    public static void EnsureInstalled(IConfiguration configuration)
    {
        if (_resolver is not null)
        {
            return;
        }

        lock (Gate)
        {
            if (_resolver is null)
            {
                var resolver = CjkFontResolver.Load(configuration["Pdf:CjkFont"]);
                GlobalFontSettings.FontResolver = resolver;
                _resolver = resolver;
            }
        }
    }
}
