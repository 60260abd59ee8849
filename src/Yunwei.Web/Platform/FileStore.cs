using System.Security.Cryptography;

namespace Yunwei.Web.Platform;

/// <summary>What an upload turned out to be, from its first bytes.</summary>
public sealed record SniffedFile(string ContentType, bool Previewable);

/// <summary>
/// Stores uploaded files outside the web root (<c>Files:Root</c>, default <c>data/files</c>) under
/// keys the application chooses; never under the uploaded name. Decides a file's type from its
/// signature, refusing executables and scripts whatever their extension.
/// </summary>
public sealed class FileStore(IConfiguration configuration)
{
    public const long DefaultMaxBytes = 50L * 1024 * 1024;

    private static readonly HashSet<string> ScriptExtensions = new(StringComparer.OrdinalIgnoreCase)
    {
        ".exe", ".dll", ".com", ".msi", ".scr", ".bat", ".cmd", ".ps1", ".psm1", ".vbs", ".vbe", ".js", ".jse", ".wsf", ".wsh",
        ".sh", ".bash", ".py", ".pl", ".php", ".rb", ".jar", ".html", ".htm", ".xhtml", ".svg", ".hta", ".lnk", ".reg",
    };

    private static readonly HashSet<string> TextExtensions = new(StringComparer.OrdinalIgnoreCase)
    {
        ".txt", ".cfg", ".conf", ".config", ".log", ".csv", ".md", ".ini", ".json", ".xml", ".yaml", ".yml", "",
    };

    public string Root => Path.GetFullPath(configuration["Files:Root"] is { Length: > 0 } root ? root : Path.Combine("data", "files"));

    public long MaxBytes => configuration.GetValue<long?>("Files:MaxBytes") ?? DefaultMaxBytes;

    /// <summary>The type of a file from its first bytes and, only to tell Office formats apart, its extension. Null: refused.</summary>
    public static SniffedFile? Sniff(ReadOnlySpan<byte> head, string fileName)
    {
        var extension = Path.GetExtension(fileName);
        if (ScriptExtensions.Contains(extension)
            || head.StartsWith("MZ"u8) || head.StartsWith((byte[])[0x7F, (byte)'E', (byte)'L', (byte)'F']) || head.StartsWith("#!"u8))
        {
            return null;
        }

        if (head.StartsWith("%PDF-"u8))
        {
            return new("application/pdf", true);
        }

        if (head.StartsWith((byte[])[0x89, (byte)'P', (byte)'N', (byte)'G']))
        {
            return new("image/png", true);
        }

        if (head.StartsWith((byte[])[0xFF, 0xD8, 0xFF]))
        {
            return new("image/jpeg", true);
        }

        if (head.StartsWith("GIF8"u8))
        {
            return new("image/gif", true);
        }

        if (head.Length >= 12 && head.StartsWith("RIFF"u8) && head[8..12].SequenceEqual("WEBP"u8))
        {
            return new("image/webp", true);
        }

        if (head.StartsWith((byte[])[(byte)'P', (byte)'K', 3, 4]))
        {
            return new(extension.ToUpperInvariant() switch
            {
                ".DOCX" => "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
                ".XLSX" => "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                ".PPTX" => "application/vnd.openxmlformats-officedocument.presentationml.presentation",
                ".VSDX" => "application/vnd.ms-visio.drawing",
                _ => "application/zip",
            }, false);
        }

        if (head.StartsWith((byte[])[0xD0, 0xCF, 0x11, 0xE0]))
        {
            return new("application/vnd.ms-office", false);
        }

        // Plain text (configurations, logs): no NUL bytes and a text extension.
        if (TextExtensions.Contains(extension) && !head.Contains((byte)0))
        {
            return new("text/plain", false);
        }

        return null;
    }

    /// <summary>The uploaded name without folders or characters that break file systems or headers.</summary>
    public static string CleanFileName(string? name)
    {
        var bare = Path.GetFileName((name ?? string.Empty).Replace('\\', '/'));
        var clean = new string([.. bare.Where(c => !char.IsControl(c) && c is not ('/' or '\\' or ':' or '*' or '?' or '"' or '<' or '>' or '|'))]).Trim().TrimStart('.');
        if (clean.Length == 0)
        {
            clean = "file";
        }

        if (clean.Length > 100)
        {
            var extension = Path.GetExtension(clean);
            clean = clean[..(100 - extension.Length)] + extension;
        }

        return clean;
    }

    /// <summary>Writes the stream under a new key; returns the key, the size and the SHA-256. Stops at the size limit.</summary>
    public async Task<(string Key, long Size, string Sha256)?> SaveAsync(Guid unitId, Stream content, CancellationToken cancellationToken)
    {
        var key = Path.Combine(unitId.ToString("N"), Guid.CreateVersion7().ToString("N"));
        var path = Path.Combine(Root, key);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var temp = path + ".part";
        long size = 0;
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        await using (var file = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 81920, useAsync: true))
        {
            var buffer = new byte[81920];
            int read;
            while ((read = await content.ReadAsync(buffer, cancellationToken)) > 0)
            {
                size += read;
                if (size > MaxBytes)
                {
                    break;
                }

                sha.AppendData(buffer, 0, read);
                await file.WriteAsync(buffer.AsMemory(0, read), cancellationToken);
            }
        }

        if (size > MaxBytes)
        {
            File.Delete(temp);
            return null;
        }

        File.Move(temp, path);
        return (key, size, Convert.ToHexStringLower(sha.GetHashAndReset()));
    }

    public Stream Open(string key) => new FileStream(Path.Combine(Root, key), FileMode.Open, FileAccess.Read, FileShare.Read, 81920, useAsync: true);

    public void Delete(string key)
    {
        var path = Path.Combine(Root, key);
        if (File.Exists(path))
        {
            File.Delete(path);
        }
    }
}
