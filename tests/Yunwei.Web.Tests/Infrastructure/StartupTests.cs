using System.Diagnostics;
using System.Text;
using Microsoft.Data.Sqlite;

namespace Yunwei.Web.Tests.Infrastructure;

public sealed class StartupTests
{
    [Fact]
    public async Task An_unreachable_database_stops_the_start_with_one_clear_line_and_a_non_zero_exit_code()
    {
        var app = Path.Combine(AppContext.BaseDirectory, "Yunwei.Web.dll");
        var start = new ProcessStartInfo("dotnet", [app, "--urls", "http://127.0.0.1:0"])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = AppContext.BaseDirectory,
        };
        start.Environment["YUNWEI_Database__Provider"] = "Postgres";
        // Port 1 on loopback: nothing listens there, the connection is refused at once.
        start.Environment["YUNWEI_ConnectionStrings__Postgres"] = "Host=127.0.0.1;Port=1;Database=yunwei;Username=yunwei;Password=secret-not-logged;Timeout=3";

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await process.WaitForExitAsync(timeout.Token);
        var output = await stdout + await stderr;

        process.ExitCode.ShouldNotBe(0);
        output.ShouldContain("Cannot open PostgreSQL database 'yunwei' on 127.0.0.1:1 as user 'yunwei'");
        output.ShouldContain("ConnectionStrings:Postgres");
        output.ShouldNotContain("secret-not-logged");
    }

    [Fact]
    public async Task An_unknown_provider_stops_the_start_with_a_clear_message()
    {
        var app = Path.Combine(AppContext.BaseDirectory, "Yunwei.Web.dll");
        var start = new ProcessStartInfo("dotnet", [app])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = AppContext.BaseDirectory,
        };
        start.Environment["YUNWEI_Database__Provider"] = "Oracle";

        using var process = Process.Start(start)!;
        var stderr = await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();

        process.ExitCode.ShouldNotBe(0);
        stderr.ShouldContain("Database:Provider 'Oracle' is not supported");
    }

    [SkippableTheory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_first_start_and_a_restart_log_no_database_warning_or_failure(bool postgres)
    {
        var folder = Directory.CreateTempSubdirectory("yunwei-first-start-").FullName;
        var connection = postgres ? TestPostgres.NewDatabase("yunwei_first_") : null;
        var database = postgres
            ? new Dictionary<string, string> { ["YUNWEI_Database__Provider"] = "Postgres", ["YUNWEI_ConnectionStrings__Postgres"] = connection! }
            : new Dictionary<string, string> { ["YUNWEI_ConnectionStrings__Sqlite"] = $"Data Source={Path.Combine(folder, "yunwei.db")}" };
        try
        {
            foreach (var start in new[] { "first start", "restart" })
            {
                var log = await RunUntilStartedAsync(database, folder);
                log.ShouldContain("Database ready", customMessage: log);
                var noisy = log.Split('\n').Where(line => line.StartsWith("fail:", StringComparison.Ordinal)
                    || (line.StartsWith("warn:", StringComparison.Ordinal) && line.Contains("EntityFrameworkCore", StringComparison.Ordinal))).ToList();
                noisy.ShouldBeEmpty($"{start}: {log}");
            }
        }
        finally
        {
            if (connection is not null)
            {
                await TestPostgres.DropAsync(connection);
            }
        }
    }

    [Fact]
    public async Task A_database_from_before_the_baseline_migration_is_refused_with_a_clear_line()
    {
        var folder = Directory.CreateTempSubdirectory("yunwei-old-").FullName;
        var file = Path.Combine(folder, "yunwei.db");
        var database = new Dictionary<string, string> { ["YUNWEI_ConnectionStrings__Sqlite"] = $"Data Source={file}" };
        (await RunUntilStartedAsync(database, folder)).ShouldContain("Database ready");
        await using (var sqlite = new SqliteConnection($"Data Source={file};Pooling=False"))
        {
            await sqlite.OpenAsync();
            await using var old = sqlite.CreateCommand();
            old.CommandText = "INSERT INTO \"__EFMigrationsHistory\" VALUES ('20261127033406_Initial', '10.0.0')";
            await old.ExecuteNonQueryAsync();
        }

        var start = Start(database, folder);
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(120));
        await process.WaitForExitAsync(timeout.Token);

        process.ExitCode.ShouldBe(3, await stdout);
        (await stderr).ShouldContain("was created by a development build before the baseline migration (it has '20261127033406_Initial')");
    }

    private static ProcessStartInfo Start(Dictionary<string, string> environment, string folder)
    {
        var start = new ProcessStartInfo("dotnet", [Path.Combine(AppContext.BaseDirectory, "Yunwei.Web.dll"), "--urls", "http://127.0.0.1:0"])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = AppContext.BaseDirectory,
        };
        start.Environment["YUNWEI_Files__Root"] = Path.Combine(folder, "files");
        start.Environment["Logging__Console__FormatterName"] = "simple";
        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }

        return start;
    }

    /// <summary>Starts the app, reads its log until it listens (a generous ceiling for a busy machine), stops it.</summary>
    private static async Task<string> RunUntilStartedAsync(Dictionary<string, string> environment, string folder)
    {
        using var process = Process.Start(Start(environment, folder))!;
        var log = new StringBuilder();
        var started = new TaskCompletionSource();
        void Read(string? line)
        {
            lock (log)
            {
                log.AppendLine(line);
            }

            if (line?.Contains("Application started", StringComparison.Ordinal) == true)
            {
                started.TrySetResult();
            }
        }

        process.OutputDataReceived += (_, e) => Read(e.Data);
        process.ErrorDataReceived += (_, e) => Read(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            await Task.WhenAny(started.Task, process.WaitForExitAsync()).WaitAsync(TimeSpan.FromSeconds(120));
            started.Task.IsCompleted.ShouldBeTrue($"the app stopped before it listened: {log}");
        }
        finally
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }

        lock (log)
        {
            return log.ToString();
        }
    }
}
