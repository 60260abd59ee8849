using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Xunit.Abstractions;
using Yunwei.Data;
using Yunwei.Testing;

namespace Yunwei.Web.Tests.Infrastructure;

/// <summary>
/// README's "Deploy": the ReadyToRun publish, started in a folder of its own as a service would be,
/// carries ADR-018's runtime settings, serves its pages and their style sheets and scripts, applies the
/// settings shipped beside it, signs a user in, takes a fault report without loading the PostgreSQL
/// driver, and on SIGTERM stops with exit code 0 leaving its SQLite database as one file.
/// </summary>
public sealed partial class PublishedAppTests(ITestOutputHelper output)
{
    [Fact]
    public async Task The_published_app_serves_pages_and_files_from_any_folder_and_stops_cleanly()
    {
        var folder = Directory.CreateTempSubdirectory("yunwei-publish").FullName;
        try
        {
            var published = Path.Combine(folder, "app");
            var (exitCode, log) = await AppProcess.RunAsync(new ProcessStartInfo("dotnet", [
                "publish", Path.Combine(AppProcess.RepositoryRoot(), "src", "Yunwei.Web"),
                "-c", "Release", "-r", "linux-x64", "--self-contained", "false", "-p:PublishReadyToRun=true", "-o", published]));
            exitCode.ShouldBe(0, log);

            // ADR-018's memory settings travel with the app in its runtimeconfig.json, not in a start script.
            using (var runtimeConfig = JsonDocument.Parse(await File.ReadAllBytesAsync(Path.Combine(published, "Yunwei.Web.runtimeconfig.json"))))
            {
                var properties = runtimeConfig.RootElement.GetProperty("runtimeOptions").GetProperty("configProperties");
                properties.GetProperty("System.GC.Server").GetBoolean().ShouldBeFalse();
                properties.GetProperty("System.GC.ConserveMemory").GetInt32().ShouldBe(9);
                properties.GetProperty("System.GC.LOHThreshold").GetInt32().ShouldBe(524288);
                properties.GetProperty("System.Runtime.TieredCompilation.CallCountThreshold").GetInt32().ShouldBe(200);
                properties.TryGetProperty("System.Runtime.TieredPGO", out _).ShouldBeFalse("tiered PGO stays on (ADR-018 amendment)");
            }

            var work = Directory.CreateDirectory(Path.Combine(folder, "work")).FullName;
            var file = Path.Combine(work, "yunwei.db");
            var database = new DatabaseSettings(DatabaseProviderKind.Sqlite, $"Data Source={file}");
            // Information by default, as a service has it: the shipped appsettings.json must still keep EF's statements out of the log.
            var settings = new Dictionary<string, string>
            {
                ["Seed__DemoPassword"] = YunweiFactory.DemoPassword,
                ["Logging__LogLevel__Default"] = "Information",
            };
            var lines = new System.Collections.Concurrent.ConcurrentQueue<string>();
            using var app = await AppProcess.StartAsync(Path.Combine(published, "Yunwei.Web.dll"), database, settings, work, line =>
            {
                lines.Enqueue(line);
                output.WriteLine(line);
            });
            output.WriteLine($"start-up to ready: {app.StartupMilliseconds} ms");

            using var handler = new SocketsHttpHandler { CookieContainer = new CookieContainer(), AllowAutoRedirect = false };
            using var http = new HttpClient(handler) { BaseAddress = app.BaseAddress };
            var page = await http.GetStringAsync("/account/login");
            var files = AssetPattern().Matches(page).Select(m => m.Groups[1].Value).ToList();
            files.ShouldContain(f => f.Contains("ant-design-blazor", StringComparison.Ordinal) && f.EndsWith(".css", StringComparison.Ordinal));
            files.ShouldContain(f => f.EndsWith("blazor.web.js", StringComparison.Ordinal));
            foreach (var asset in files)
            {
                using var response = await http.GetAsync(new Uri(asset, UriKind.Relative));
                response.StatusCode.ShouldBe(HttpStatusCode.OK, asset);
                (await response.Content.ReadAsByteArrayAsync()).Length.ShouldBeGreaterThan(1000, $"{asset} has content");
            }

            await AppProcess.SignInAsync(http, "resident", YunweiFactory.DemoPassword);
            var me = await http.GetFromJsonAsync<JsonElement>("/api/me");
            me.GetProperty("unitIds").GetArrayLength().ShouldBe(1);

            // A fault report draws its number (NumberCounter); on SQLite nothing maps the PostgreSQL driver.
            var unit = me.GetProperty("unitIds")[0].GetGuid();
            var locationId = (await http.GetFromJsonAsync<JsonElement>($"/api/units/{unit}/asset-options")).GetProperty("locations")[0].GetProperty("id").GetGuid();
            using (var report = await http.PostAsJsonAsync($"/api/units/{unit}/faults", new { description = "发布版本报修", locationId, callerName = "立案庭", channel = "Hotline" }))
            {
                report.StatusCode.ShouldBe(HttpStatusCode.Created, await report.Content.ReadAsStringAsync());
            }

            var mapped = app.MappedFiles();
            mapped.ShouldContain("Yunwei.Data.dll");
            mapped.ShouldNotContain("Npgsql.dll");
            mapped.ShouldNotContain("Npgsql.EntityFrameworkCore.PostgreSQL.dll");
            lines.ShouldContain(l => l.Contains("Now listening on", StringComparison.Ordinal), "the log runs at Information");
            lines.ShouldNotContain(l => l.Contains("Executed DbCommand", StringComparison.Ordinal), "appsettings.json beside the program sets EF to Warning");

            (await app.StopAsync(TimeSpan.FromSeconds(30))).ShouldBe(0);
            File.Exists(file).ShouldBeTrue();
            File.Exists(file + "-wal").ShouldBeFalse("a graceful stop writes the log back into the database file");
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    // The page's own style sheets and scripts (relative addresses).
    [GeneratedRegex("(?:href|src)=\"([^\":]+\\.(?:css|js))\"")]
    private static partial Regex AssetPattern();
}
