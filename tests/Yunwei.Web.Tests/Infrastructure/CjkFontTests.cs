using System.Buffers.Binary;
using Yunwei.Web.Infrastructure.Pdf;

namespace Yunwei.Web.Tests.Infrastructure;

/// <summary>The Chinese font for PDFs: one face cut out of a TrueType collection, read from the file table by table.</summary>
public sealed class CjkFontTests
{
    private static string InstalledCollection()
    {
        var path = CjkFontResolver.Candidates.FirstOrDefault(p => p.EndsWith(".ttc", StringComparison.Ordinal) && File.Exists(p));
        Skip.If(path is null && !string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase),
            "No Chinese font collection installed: apt-get install fonts-wqy-microhei.");
        return path!;
    }

    [SkippableFact]
    public void The_face_cut_from_the_collection_is_a_standalone_font_whose_tables_match_their_checksums()
    {
        var path = InstalledCollection();
        using var file = File.OpenHandle(path);

        var font = CjkFontResolver.ReadFace(file, 0);

        font.Length.ShouldBeLessThan((int)new FileInfo(path).Length + 1);
        BinaryPrimitives.ReadUInt32BigEndian(font).ShouldBeOneOf(0x00010000u, 0x4F54544Fu); // TrueType or CFF outlines
        var tables = BinaryPrimitives.ReadUInt16BigEndian(font.AsSpan(4));
        tables.ShouldBeGreaterThan((ushort)8);
        var tags = new List<string>();
        for (var i = 0; i < tables; i++)
        {
            var record = font.AsSpan(12 + (16 * i), 16);
            var tag = System.Text.Encoding.ASCII.GetString(record[..4]);
            tags.Add(tag);
            var offset = (int)BinaryPrimitives.ReadUInt32BigEndian(record[8..]);
            var length = (int)BinaryPrimitives.ReadUInt32BigEndian(record[12..]);
            (offset + length).ShouldBeLessThanOrEqualTo(font.Length, $"table {tag} lies inside the font");
            if (tag == "head")
            {
                // Font tools disagree on whether head's own checksum counts its checkSumAdjustment; its magic number does not vary.
                BinaryPrimitives.ReadUInt32BigEndian(font.AsSpan(offset + 12)).ShouldBe(0x5F0F3CF5u, "head's magic number");
            }
            else
            {
                Checksum(font.AsSpan(offset, length)).ShouldBe(BinaryPrimitives.ReadUInt32BigEndian(record[4..]), $"checksum of table {tag}");
            }
        }

        tags.ShouldContain("cmap");
        tags.ShouldContain("glyf");
        tags.ShouldContain("head");
    }

    [SkippableFact]
    public void A_truncated_collection_or_a_missing_face_is_a_clear_error()
    {
        var path = InstalledCollection();
        var cut = Path.Combine(Path.GetTempPath(), $"yunwei-font-{Guid.NewGuid():N}.ttc");
        using (var source = File.OpenRead(path))
        using (var target = File.Create(cut))
        {
            var buffer = new byte[4096];
            source.ReadExactly(buffer);
            target.Write(buffer);
        }

        try
        {
            using var file = File.OpenHandle(cut);
            Should.Throw<InvalidDataException>(() => CjkFontResolver.ReadFace(file, 0)).Message.ShouldContain("ends before its tables");
            Should.Throw<InvalidDataException>(() => CjkFontResolver.ReadFace(file, 99)).Message.ShouldContain("not 100");
        }
        finally
        {
            File.Delete(cut);
        }
    }

    /// <summary>The OpenType table checksum: the sum of the big-endian 32-bit words, zero-padded.</summary>
    private static uint Checksum(ReadOnlySpan<byte> table)
    {
        var sum = 0u;
        Span<byte> word = stackalloc byte[4];
        for (var i = 0; i < table.Length; i += 4)
        {
            word.Clear();
            table.Slice(i, Math.Min(4, table.Length - i)).CopyTo(word);
            sum = unchecked(sum + BinaryPrimitives.ReadUInt32BigEndian(word));
        }

        return sum;
    }
}
