using System.Runtime.InteropServices;

namespace Yunwei.Web.Infrastructure;

/// <summary>
/// Gives the C heap's free pages back to the operating system every two seconds. glibc keeps what SQLite,
/// ICU, TLS and the runtime freed inside its arenas (it returns only the top of each); <c>malloc_trim(0)</c>
/// releases every whole free page. Under the load harness that is ~20 MiB of resident memory (ADR-018).
/// Linux with glibc only: elsewhere the first call fails and the service ends.
/// </summary>
public sealed class NativeMemoryTrim(ILogger<NativeMemoryTrim> logger) : BackgroundService
{
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(2);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!Trim())
        {
            logger.LogInformation("No glibc malloc_trim on this system; native memory is left to the C library.");
            return;
        }

        // The process's own clock, not the app's TimeProvider: memory is physical time, and a periodic
        // timer on a test's fake clock would fire once per period of every jump (days = millions of ticks).
        using var timer = new PeriodicTimer(Interval);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                Trim();
            }
        }
        catch (OperationCanceledException)
        {
            // Stopping.
        }
    }

    /// <summary>One trim; false where the C library has no <c>malloc_trim</c> (not Linux, or not glibc).</summary>
    public static bool Trim()
    {
        if (!OperatingSystem.IsLinux())
        {
            return false;
        }

        try
        {
            _ = MallocTrim(0); // 1 when pages went back, 0 when there were none
            return true;
        }
        catch (Exception ex) when (ex is DllNotFoundException or EntryPointNotFoundException)
        {
            return false;
        }
    }

    // LibraryImport would need unsafe blocks in this project for one call with one integer.
#pragma warning disable SYSLIB1054
    [DllImport("libc.so.6", EntryPoint = "malloc_trim")]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static extern int MallocTrim(nuint pad);
#pragma warning restore SYSLIB1054
}
