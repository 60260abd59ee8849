using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Yunwei.Data;
using Yunwei.Web.Infrastructure;
using Yunwei.Web.Platform;

namespace Yunwei.Web.Tests.Infrastructure;

/// <summary>
/// Backup and restore of a SQLite installation: taken while the app runs and writes, restored into
/// another place, the copy holds exactly what was there at backup time — records and uploaded files —
/// and the restored database opens in the app.
/// </summary>
public sealed class BackupTests(YunweiFactory factory) : IClassFixture<YunweiFactory>
{
    private static readonly byte[] Pdf = "%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"u8.ToArray();

    [Fact]
    public async Task A_backup_taken_while_the_app_runs_restores_records_and_files()
    {
        var resident = await factory.ApiClientAsync("resident");
        var unit = (await (await resident.GetAsync("/api/units")).ReadJsonAsync())[0].GetProperty("id").GetGuid();
        var location = (await (await resident.GetAsync($"/api/units/{unit}/asset-options")).ReadJsonAsync()).GetProperty("locations")[0].GetProperty("id").GetGuid();
        var before = await (await resident.PostAsJsonAsync($"/api/units/{unit}/faults", new { description = "备份前：机房 UPS 告警", locationId = location, callerName = "机房", channel = "Hotline" })).ReadJsonAsync();
        using var form = new MultipartFormDataContent();
        var file = new ByteArrayContent(Pdf);
        file.Headers.ContentType = new MediaTypeHeaderValue("application/pdf");
        form.Add(file, "file", "UPS 说明书.pdf");
        form.Add(new StringContent("UPS 说明书"), "title");
        form.Add(new StringContent("DeviceManual"), "kind");
        (await resident.PostAsync($"/api/units/{unit}/documents", form)).StatusCode.ShouldBe(HttpStatusCode.Created);

        var configuration = factory.Services.GetRequiredService<IConfiguration>();
        var connection = configuration.GetConnectionString("Sqlite")!;
        var filesRoot = factory.Services.GetRequiredService<FileStore>().Root;
        var work = Path.Combine(Path.GetTempPath(), "yunwei-backup-" + Guid.NewGuid().ToString("N")[..8]);
        try
        {
            // Writes keep coming while the backup runs; it copies one consistent moment.
            var writing = Task.Run(async () =>
            {
                for (var i = 0; i < 20; i++)
                {
                    (await resident.PostAsJsonAsync($"/api/units/{unit}/faults", new { description = $"备份期间 {i}", locationId = location, callerName = "机房", channel = "Hotline" }))
                        .StatusCode.ShouldBe(HttpStatusCode.Created);
                }
            });
            var manifest = await Backup.BackupAsync(connection, filesRoot, Path.Combine(work, "backup"), TimeProvider.System.GetUtcNow().UtcDateTime);
            await writing;
            manifest.Files.ShouldBeGreaterThanOrEqualTo(1);
            (await Backup.RunAsync("backup", Path.Combine(work, "backup"), configuration, TextWriter.Null, TimeProvider.System)).ShouldBe(1, "a backup never overwrites another");
            var after = await (await resident.PostAsJsonAsync($"/api/units/{unit}/faults", new { description = "备份后：新报修", locationId = location, callerName = "机房", channel = "Hotline" })).ReadJsonAsync();

            // Restore into another place (over an existing database and files, which are kept aside).
            var restoredDb = Path.Combine(work, "restored", "yunwei.db");
            var restoredFiles = Path.Combine(work, "restored", "files");
            Directory.CreateDirectory(restoredFiles);
            await File.WriteAllTextAsync(restoredDb, "not a database");
            var moved = await Backup.RestoreAsync(Path.Combine(work, "backup"), $"Data Source={restoredDb}", restoredFiles, TimeProvider.System.GetUtcNow().UtcDateTime);
            moved.Count.ShouldBe(2);

            await using var restored = new SqliteConnection($"Data Source={restoredDb};Pooling=false");
            await restored.OpenAsync();
            async Task<long> CountAsync(string sql)
            {
                await using var command = restored.CreateCommand();
                command.CommandText = sql;
                return (long)(await command.ExecuteScalarAsync())!;
            }

            (await CountAsync($"SELECT COUNT(*) FROM Faults WHERE Number = '{before.GetProperty("number").GetString()}'")).ShouldBe(1);
            (await CountAsync($"SELECT COUNT(*) FROM Faults WHERE Number = '{after.GetProperty("number").GetString()}'")).ShouldBe(0);
            // Each fault copied came with its events (nothing half-written).
            (await CountAsync("SELECT COUNT(*) FROM Faults f WHERE NOT EXISTS (SELECT 1 FROM FaultEvents e WHERE e.FaultId = f.Id)")).ShouldBe(0);
            await using (var keys = restored.CreateCommand())
            {
                keys.CommandText = "SELECT StorageKey FROM DocumentVersions";
                await using var reader = await keys.ExecuteReaderAsync();
                var any = false;
                while (await reader.ReadAsync())
                {
                    var key = reader.GetString(0);
                    (await File.ReadAllBytesAsync(Path.Combine(restoredFiles, key))).ShouldBe(await File.ReadAllBytesAsync(Path.Combine(filesRoot, key)));
                    any = true;
                }

                any.ShouldBeTrue();
            }

            // A tampered backup is refused.
            await File.AppendAllTextAsync(Path.Combine(work, "backup", "yunwei.db"), "x");
            await Should.ThrowAsync<InvalidOperationException>(() => Backup.RestoreAsync(Path.Combine(work, "backup"), $"Data Source={restoredDb}", restoredFiles, TimeProvider.System.GetUtcNow().UtcDateTime));
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            if (Directory.Exists(work))
            {
                Directory.Delete(work, recursive: true);
            }
        }
    }

    [Fact]
    public async Task The_restored_database_runs_the_app()
    {
        var configuration = factory.Services.GetRequiredService<IConfiguration>();
        var work = Path.Combine(Path.GetTempPath(), "yunwei-backup-" + Guid.NewGuid().ToString("N")[..8]);
        try
        {
            await Backup.BackupAsync(configuration.GetConnectionString("Sqlite")!, factory.Services.GetRequiredService<FileStore>().Root, Path.Combine(work, "b"), TimeProvider.System.GetUtcNow().UtcDateTime);
            var db = Path.Combine(work, "r", "yunwei.db");
            await Backup.RestoreAsync(Path.Combine(work, "b"), $"Data Source={db}", Path.Combine(work, "r", "files"), TimeProvider.System.GetUtcNow().UtcDateTime);
            await using var app = new RestoredFactory(db, Path.Combine(work, "r", "files"));
            var client = await app.ApiClientAsync("resident");
            (await (await client.GetAsync("/api/units")).ReadJsonAsync()).GetArrayLength().ShouldBeGreaterThan(0);
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            if (Directory.Exists(work))
            {
                Directory.Delete(work, recursive: true);
            }
        }
    }

    private sealed class RestoredFactory(string database, string files) : YunweiFactory
    {
        protected override void ConfigureWebHost(Microsoft.AspNetCore.Hosting.IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseSetting("ConnectionStrings:Sqlite", $"Data Source={database}");
            builder.UseSetting("Files:Root", files);
        }
    }
}
