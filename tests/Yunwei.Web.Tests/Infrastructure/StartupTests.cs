using System.Diagnostics;

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
}
