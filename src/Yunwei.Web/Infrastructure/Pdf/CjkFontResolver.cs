using System.Buffers.Binary;
using Microsoft.Win32.SafeHandles;
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

        using var file = File.OpenHandle(path);
        return new CjkFontResolver(ReadFace(file, 0)) { Source = path };
    }

    public FontResolverInfo? ResolveTypeface(string familyName, bool bold, bool italic) =>
        new(FaceName, mustSimulateBold: bold, mustSimulateItalic: italic);

    public byte[]? GetFont(string faceName) => _font;

    /// <summary>
    /// A plain font file whole, or one face of a TrueType collection copied into a standalone font. Only
    /// that face's tables are read: the collection itself never sits in memory beside the face.
    /// </summary>
    internal static byte[] ReadFace(SafeFileHandle file, int face)
    {
        Span<byte> header = stackalloc byte[12];
        ReadExactly(file, header, 0);
        if (!header[..4].SequenceEqual("ttcf"u8))
        {
            var whole = new byte[RandomAccess.GetLength(file)];
            ReadExactly(file, whole, 0);
            return whole;
        }

        var faces = BinaryPrimitives.ReadUInt32BigEndian(header[8..]);
        if (face >= faces)
        {
            throw new InvalidDataException($"The font collection has {faces} faces, not {face + 1}.");
        }

        Span<byte> word = stackalloc byte[4];
        ReadExactly(file, word, 12 + (4 * face));
        long start = BinaryPrimitives.ReadUInt32BigEndian(word);
        ReadExactly(file, header, start);
        var tables = BinaryPrimitives.ReadUInt16BigEndian(header[4..]);
        var headerLength = 12 + (16 * tables);
        var records = new byte[16 * tables];
        ReadExactly(file, records, start + 12);
        var size = (long)headerLength;
        for (var i = 0; i < tables; i++)
        {
            size += (BinaryPrimitives.ReadUInt32BigEndian(records.AsSpan((16 * i) + 12)) + 3) & ~3u;
        }

        var font = new byte[size];
        header.CopyTo(font);
        var position = headerLength;
        for (var i = 0; i < tables; i++)
        {
            var record = font.AsSpan(12 + (16 * i), 16);
            records.AsSpan(16 * i, 16).CopyTo(record);
            var offset = BinaryPrimitives.ReadUInt32BigEndian(record[8..]);
            var length = (int)BinaryPrimitives.ReadUInt32BigEndian(record[12..]);
            BinaryPrimitives.WriteUInt32BigEndian(record[8..], (uint)position);
            ReadExactly(file, font.AsSpan(position, length), offset);
            position += (length + 3) & ~3;
        }

        return font;
    }

    private static void ReadExactly(SafeFileHandle file, Span<byte> buffer, long offset)
    {
        while (!buffer.IsEmpty)
        {
            var read = RandomAccess.Read(file, buffer, offset);
            if (read == 0)
            {
                throw new InvalidDataException("The font file ends before its tables do.");
            }

            buffer = buffer[read..];
            offset += read;
        }
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
