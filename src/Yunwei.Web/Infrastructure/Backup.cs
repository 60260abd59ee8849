using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using Yunwei.Data;
using Yunwei.Web.Platform;

namespace Yunwei.Web.Infrastructure;

public sealed record BackupManifest(DateTime CreatedAt, string Database, string DatabaseSha256, int Files, long FileBytes);

/// <summary>
/// <c>backup FOLDER</c> and <c>restore FOLDER</c> for a SQLite installation (docs/backup.md): the
/// database through SQLite's online backup API — a consistent copy while the app keeps running —
/// then the uploaded files (stored once under generated keys, never changed), and a manifest with
/// the database's SHA-256. Restore checks the manifest, keeps what it replaces beside it
/// (<c>*.before-restore-…</c>) and is run with the app stopped. PostgreSQL installations use
/// pg_dump/pg_restore plus the same files folder.
/// </summary>
public static class Backup
{
    public const string DatabaseFile = "yunwei.db";
    public const string FilesFolder = "files";
    public const string ManifestFile = "manifest.json";

    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true };

    /// <summary>Runs a command line ("backup" or "restore" and a folder); returns the exit code.</summary>
    public static async Task<int> RunAsync(string command, string? folder, IConfiguration configuration, TextWriter output, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(output);
        if (string.IsNullOrWhiteSpace(folder))
        {
            await output.WriteLineAsync($"usage: Yunwei.Web {command} FOLDER");
            return 2;
        }

        var settings = DatabaseSettings.From(configuration);
        if (settings.Provider != DatabaseProviderKind.Sqlite)
        {
            await output.WriteLineAsync("This installation runs on PostgreSQL: back it up with pg_dump and the files folder (docs/backup.md).");
            return 2;
        }

        var files = new FileStore(configuration).Root;
        try
        {
            if (command == "backup")
            {
                var manifest = await BackupAsync(settings.ConnectionString, files, Path.GetFullPath(folder), time.GetUtcNow().UtcDateTime);
                await output.WriteLineAsync($"Backed up {manifest.Database} and {manifest.Files} files ({manifest.FileBytes} bytes) to {Path.GetFullPath(folder)}");
            }
            else
            {
                var moved = await RestoreAsync(Path.GetFullPath(folder), settings.ConnectionString, files, time.GetUtcNow().UtcDateTime);
                await output.WriteLineAsync($"Restored from {Path.GetFullPath(folder)}." + (moved.Count > 0 ? " Kept what was there: " + string.Join(", ", moved) : ""));
            }

            return 0;
        }
        catch (Exception ex) when (ex is IOException or InvalidOperationException or SqliteException or UnauthorizedAccessException or JsonException)
        {
            await output.WriteLineAsync($"{command} failed: {ex.Message}");
            return 1;
        }
    }

    public static async Task<BackupManifest> BackupAsync(string connectionString, string filesRoot, string target, DateTime nowUtc)
    {
        if (Directory.Exists(target) && Directory.EnumerateFileSystemEntries(target).Any())
        {
            throw new InvalidOperationException($"The folder {target} is not empty; back up into a new folder.");
        }

        Directory.CreateDirectory(target);
        var database = Path.Combine(target, DatabaseFile);
        await using (var source = new SqliteConnection(connectionString))
        await using (var copy = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = database, Pooling = false }.ToString()))
        {
            await source.OpenAsync();
            await copy.OpenAsync();
            source.BackupDatabase(copy);
            await using var mode = copy.CreateCommand();
            // One self-contained file: no write-ahead log beside it.
            mode.CommandText = "PRAGMA journal_mode=DELETE;";
            await mode.ExecuteNonQueryAsync();
            await CheckAsync(copy);
        }

        // The files after the database: every file the copied records name was stored before them.
        var (count, bytes) = CopyFiles(filesRoot, Path.Combine(target, FilesFolder));
        var manifest = new BackupManifest(nowUtc, DatabaseFile, await Sha256Async(database), count, bytes);
        await File.WriteAllTextAsync(Path.Combine(target, ManifestFile), JsonSerializer.Serialize(manifest, Json));
        return manifest;
    }

    /// <summary>Restores a backup over the configured database and files; returns what was moved aside.</summary>
    public static async Task<IReadOnlyList<string>> RestoreAsync(string source, string connectionString, string filesRoot, DateTime nowUtc)
    {
        var manifestPath = Path.Combine(source, ManifestFile);
        if (!File.Exists(manifestPath))
        {
            throw new InvalidOperationException($"{source} holds no {ManifestFile}: not a Yunwei backup.");
        }

        var manifest = JsonSerializer.Deserialize<BackupManifest>(await File.ReadAllTextAsync(manifestPath))
            ?? throw new InvalidOperationException($"{manifestPath} is empty.");
        var backupDb = Path.Combine(source, manifest.Database);
        if (!File.Exists(backupDb) || await Sha256Async(backupDb) != manifest.DatabaseSha256)
        {
            throw new InvalidOperationException($"{backupDb} is missing or does not match the manifest's SHA-256.");
        }

        var stamp = nowUtc.ToString("yyyyMMddHHmmss", CultureInfo.InvariantCulture);
        var moved = new List<string>();
        var live = Path.GetFullPath(new SqliteConnectionStringBuilder(connectionString).DataSource);
        SqliteConnection.ClearAllPools();
        foreach (var suffix in new[] { "", "-wal", "-shm" })
        {
            if (File.Exists(live + suffix))
            {
                File.Move(live + suffix, $"{live}.before-restore-{stamp}{suffix}");
                moved.Add($"{live}.before-restore-{stamp}{suffix}");
            }
        }

        Directory.CreateDirectory(Path.GetDirectoryName(live)!);
        await using (var from = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = backupDb, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString()))
        await using (var to = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = live, Pooling = false }.ToString()))
        {
            await from.OpenAsync();
            await to.OpenAsync();
            from.BackupDatabase(to);
            await CheckAsync(to);
        }

        if (Directory.Exists(filesRoot))
        {
            Directory.Move(filesRoot, $"{filesRoot}.before-restore-{stamp}");
            moved.Add($"{filesRoot}.before-restore-{stamp}");
        }

        CopyFiles(Path.Combine(source, FilesFolder), filesRoot);
        return moved;
    }

    private static async Task CheckAsync(SqliteConnection connection)
    {
        await using var check = connection.CreateCommand();
        check.CommandText = "PRAGMA integrity_check;";
        var result = (string?)await check.ExecuteScalarAsync();
        if (result != "ok")
        {
            throw new InvalidOperationException($"The copied database fails its integrity check: {result}");
        }
    }

    private static (int Count, long Bytes) CopyFiles(string from, string to)
    {
        Directory.CreateDirectory(to);
        if (!Directory.Exists(from))
        {
            return (0, 0);
        }

        var (count, bytes) = (0, 0L);
        foreach (var file in Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories).Where(f => !f.EndsWith(".part", StringComparison.Ordinal)))
        {
            var destination = Path.Combine(to, Path.GetRelativePath(from, file));
            Directory.CreateDirectory(Path.GetDirectoryName(destination)!);
            File.Copy(file, destination);
            count++;
            bytes += new FileInfo(destination).Length;
        }

        return (count, bytes);
    }

    private static async Task<string> Sha256Async(string path)
    {
        await using var stream = File.OpenRead(path);
        return Convert.ToHexStringLower(await SHA256.HashDataAsync(stream));
    }
}
