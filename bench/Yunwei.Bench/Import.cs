using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MiniExcelLibs;
using Yunwei.Data;
using Yunwei.Data.Seeding;
using Yunwei.Domain.Units;
using Yunwei.Web.Features.Assets;

namespace Yunwei.Bench;

/// <summary>The asset import benchmark: a fresh SQLite file, a generated sheet, dry run, import, re-import.</summary>
internal static class Import
{
    public static async Task<int> RunAsync(int rows)
    {
        var folder = Directory.CreateTempSubdirectory("yunwei-bench").FullName;
        try
        {
            var settings = new DatabaseSettings(DatabaseProviderKind.Sqlite, $"Data Source={Path.Combine(folder, "bench.db")}");
            var services = BenchServices.For(settings, TimeProvider.System);
            services.AddLocalization(o => o.ResourcesPath = "Resources");
            services.AddScoped<ImportAssetsHandler>();
            await using var provider = services.BuildServiceProvider();

            Guid unitId;
            await using (var db = await provider.GetRequiredService<IDbContextFactory<YunweiDbContext>>().CreateDbContextAsync())
            {
                await db.Database.MigrateAsync();
                var unit = new ClientUnit { Code = "BENCH", Name = "基准测试法院" };
                db.ClientUnits.Add(unit);
                UnitDefaults.AddTo(db, unit, new DateOnly(2026, 1, 1));
                await db.SaveChangesAsync();
                unitId = unit.Id;
            }

            var sheet = Path.Combine(folder, "assets.xlsx");
            var generate = Stopwatch.StartNew();
            MiniExcel.SaveAs(sheet, Enumerable.Range(1, rows).Select(i => new Dictionary<string, object?>
            {
                ["资产编码"] = $"BENCH-{i:D6}",
                ["名称"] = $"摄像机 {i}",
                ["资产类型"] = "摄像机",
                ["状态"] = "在用",
                ["IP地址"] = $"10.{i / 65536 % 256}.{i / 256 % 256}.{i % 256}",
                ["MAC地址"] = $"00:1A:{i / 65536 % 256:X2}:{i / 256 % 256:X2}:{i % 256:X2}:01",
                ["购置日期"] = "2024-05-01",
                ["保修截止"] = "2027-04-30",
                ["通道号"] = i % 64,
                ["形态"] = "枪机",
            }).ToList());
            generate.Stop();
            Console.WriteLine($"sheet: {rows} rows, {new FileInfo(sheet).Length / 1024} KiB, written in {generate.ElapsedMilliseconds} ms");

            foreach (var (label, dryRun) in new[] { ("dry run", true), ("import (insert)", false), ("re-import, unchanged", false) })
            {
                await using var scope = provider.CreateAsyncScope();
                var handler = scope.ServiceProvider.GetRequiredService<ImportAssetsHandler>();
                await using var stream = File.OpenRead(sheet);
                var watch = Stopwatch.StartNew();
                var result = await handler.HandleAsync(unitId, stream, dryRun, validRowsOnly: false);
                watch.Stop();
                if (result is null || result.FileError is not null || result.InvalidRows > 0)
                {
                    Console.Error.WriteLine($"{label}: failed: {result?.FileError ?? (result is { Errors.Count: > 0 } ? result.Errors[0].Reason : null)}");
                    return 1;
                }

                Console.WriteLine($"{label}: {rows} rows in {watch.ElapsedMilliseconds} ms ({rows * 1000.0 / watch.ElapsedMilliseconds:F0} rows/s), created {result.Created}, updated {result.Updated}, unchanged {result.Unchanged}");
            }

            Console.WriteLine($"peak working set: {Process.GetCurrentProcess().PeakWorkingSet64 / 1024 / 1024} MiB");
            return 0;
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(folder, recursive: true);
        }
    }
}
