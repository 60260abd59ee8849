using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Yunwei.Data;
using Yunwei.Testing;

namespace Yunwei.Bench;

internal sealed record LoadOptions
{
    public IReadOnlyList<int> Clients { get; init; } = [1, 8, 32];

    /// <summary>How long each scenario runs at each client count.</summary>
    public int Seconds { get; init; } = 10;

    /// <summary>A scenario stops early after this many requests.</summary>
    public int MaxRequests { get; init; } = 200_000;

    /// <summary>Unmeasured seconds per scenario first (the JIT's tiering settles; caches fill).</summary>
    public int WarmupSeconds { get; init; } = 5;

    /// <summary>Run only the scenarios whose name contains this text.</summary>
    public string? Only { get; init; }

    /// <summary>The app to start: the Release build by default, or a published one (<c>dotnet publish</c> output).</summary>
    public string? App { get; init; }

    public string User { get; init; } = "resident";

    public string Password { get; init; } = "Bench-Pass-2026";
}

/// <summary>
/// The HTTP load harness: starts the real app (Release build) as its own process on a loopback port
/// over a generated database, signs in as the resident engineer, and runs each scenario at each client
/// count for a bounded time and request count; prints throughput, p50/p95/p99 and the server's RSS.
/// </summary>
internal static class Load
{
    private static readonly string[] Searches = ["黑屏", "门禁", "服务器", "打印机", "交换机", "UPS"];

    public static async Task<int> RunAsync(DatabaseSettings database, LoadOptions options)
    {
        var folder = Directory.CreateTempSubdirectory("yunwei-load").FullName;
        try
        {
            return await RunAsync(database, options, folder);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private static async Task<int> RunAsync(DatabaseSettings database, LoadOptions options, string folder)
    {
        // The generated history ages between generation and this run: a monitor catching up on the
        // thresholds passed since would measure that backlog, not the request paths (the monitor's
        // pass has its own figure, `sweep`). The sealer and the dispatcher run as in production.
        using var server = await AppProcess.StartAsync(options.App is { } app ? Path.GetFullPath(app) : AppProcess.BuildOutput(), database, new Dictionary<string, string>
        {
            ["Security__SignInsPerMinute"] = "100000",
            ["Sla__Monitor"] = "false",
            ["Audit__Sealer"] = "true",
        }, folder, line => Console.Error.WriteLine($"app: {line}"));
        Console.WriteLine($"start-up to ready: {server.StartupMilliseconds} ms; RSS {server.RssMiB()} MiB");

        using var handler = new SocketsHttpHandler { CookieContainer = new CookieContainer(), AllowAutoRedirect = false, MaxConnectionsPerServer = 256 };
        using var http = new HttpClient(handler) { BaseAddress = server.BaseAddress, Timeout = TimeSpan.FromSeconds(30) };
        await AppProcess.SignInAsync(http, options.User, options.Password);
        var me = await http.GetFromJsonAsync<JsonElement>("/api/me");
        var unitId = me.GetProperty("unitIds")[0].GetGuid();
        var assets = await http.GetFromJsonAsync<JsonElement>($"/api/units/{unitId}/assets?pageSize=200");
        var codes = assets.GetProperty("rows").EnumerateArray().Select(r => r.GetProperty("code").GetString()!).ToArray();
        var faultIds = new List<Guid>();
        foreach (var scope in new[] { "Open", "All" })
        {
            var page = await http.GetFromJsonAsync<JsonElement>($"/api/faults?unitId={unitId}&scope={scope}&take=200");
            faultIds.AddRange(page.GetProperty("rows").EnumerateArray().Select(r => r.GetProperty("id").GetGuid()));
        }

        var subsystems = (await http.GetFromJsonAsync<JsonElement>($"/api/units/{unitId}/subsystems")).EnumerateArray().Select(s => s.GetProperty("id").GetGuid()).ToArray();
        Console.WriteLine($"unit {unitId}: {codes.Length} asset codes, {faultIds.Count} fault ids, {subsystems.Length} subsystems to draw from");

        var scenarios = new (string Name, Func<Random, Task<HttpResponseMessage>> Send)[]
        {
            ("create fault", r => http.PostAsJsonAsync($"/api/units/{unitId}/faults", new
            {
                title = "负载测试：摄像机画面黑屏",
                description = "负载测试生成的报修。",
                assetCode = codes[r.Next(codes.Length)],
                channel = "Api",
            })),
            ("open faults by deadline", r => http.GetAsync(r.Next(4) switch
            {
                0 => $"/api/faults?unitId={unitId}&scope=Open&take=50",
                1 => $"/api/faults?unitId={unitId}&scope=Open&level=Level2&take=50",
                2 => $"/api/faults?unitId={unitId}&scope=Open&subsystemId={subsystems[r.Next(subsystems.Length)]}&take=50",
                _ => $"/api/faults?unitId={unitId}&scope=Open&breached=true&take=50",
            })),
            ("fault detail", r => http.GetAsync($"/api/faults/{faultIds[r.Next(faultIds.Count)]}")),
            ("asset search", r => http.GetAsync($"/api/units/{unitId}/assets?search={Uri.EscapeDataString(r.Next(2) == 0 ? codes[r.Next(codes.Length)][..^2] : Searches[r.Next(Searches.Length)])}&pageSize=50")),
            ("knowledge search", r => http.GetAsync($"/api/units/{unitId}/knowledge?q={Uri.EscapeDataString(Searches[r.Next(Searches.Length)] + "故障")}")),
        };

        Console.WriteLine();
        Console.WriteLine("| scenario | clients | requests | errors | req/s | p50 ms | p95 ms | p99 ms | server CPU ms/req | RSS MiB |");
        Console.WriteLine("|---|---|---|---|---|---|---|---|---|---|");
        var failed = false;

        // One measured run: a table row (and the first error, if any); true when every request succeeded.
        async Task<bool> MeasureAsync(string name, Func<Random, Task<HttpResponseMessage>> send, int clients, LoadOptions run)
        {
            var cpu = server.CpuMilliseconds();
            var result = await RunScenarioAsync(send, clients, run);
            cpu = server.CpuMilliseconds() - cpu;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {name} | {clients} | {result.Count} | {result.Errors} | {result.PerSecond:F1} | {result.P(50):F1} | {result.P(95):F1} | {result.P(99):F1} | {(double)cpu / Math.Max(1, result.Count):F2} | {server.RssMiB()} |"));
            if (result.FirstError is not null)
            {
                Console.WriteLine($"  first error: {result.FirstError}");
            }

            return result.Errors == 0;
        }

        foreach (var (name, send) in scenarios.Where(s => options.Only is null || s.Name.Contains(options.Only, StringComparison.Ordinal)))
        {
            await RunScenarioAsync(send, options.Clients.Max(), options with { Seconds = options.WarmupSeconds });
            foreach (var clients in options.Clients)
            {
                failed |= !await MeasureAsync(name, send, clients, options);
            }
        }

        // Reports, one client: last quarter's assessment (computed from its records) and last week's inspection report PDF.
        var today = DateOnly.FromDateTime(Yunwei.Domain.ChinaTime.ToLocal(DateTime.SpecifyKind(TimeProvider.System.GetUtcNow().UtcDateTime, DateTimeKind.Utc)));
        var quarterStart = new DateOnly(today.Year, ((today.Month - 1) / 3 * 3) + 1, 1).AddMonths(-3);
        var quarter = $"{quarterStart.Year}Q{((quarterStart.Month - 1) / 3) + 1}";
        var lastWeek = today.AddDays(-(((int)today.DayOfWeek + 6) % 7) - 7);
        foreach (var (name, path) in new[]
        {
            ("quarterly assessment", $"/api/units/{unitId}/assessment/{quarter}"),
            ("weekly inspection report PDF", $"/api/units/{unitId}/weekly/InspectionReport/{lastWeek:yyyy-MM-dd}/export.pdf"),
        }.Where(s => options.Only is null || s.Item1.Contains(options.Only, StringComparison.Ordinal)))
        {
            await RunScenarioAsync(_ => http.GetAsync(path), 1, options with { Seconds = Math.Min(2, options.WarmupSeconds), MaxRequests = 20 });
            failed |= !await MeasureAsync(name, _ => http.GetAsync(path), 1, options with { MaxRequests = Math.Min(options.MaxRequests, 200) });
        }

        Console.WriteLine();
        Console.WriteLine($"server peak RSS: {server.PeakRssMiB()} MiB");

        // Stopped as a service is: the database is left as one file (no write-ahead log beside it), so it
        // can be copied for the next run.
        await server.StopAsync(TimeSpan.FromMinutes(1));
        return failed ? 1 : 0;
    }

    private sealed record ScenarioResult(int Count, int Errors, double PerSecond, double[] Sorted, string? FirstError)
    {
        public double P(int percentile) => Sorted.Length == 0 ? 0 : Sorted[Math.Min(Sorted.Length - 1, (int)Math.Ceiling(percentile / 100.0 * Sorted.Length) - 1)];
    }

    private static async Task<ScenarioResult> RunScenarioAsync(Func<Random, Task<HttpResponseMessage>> send, int clients, LoadOptions options)
    {
        var latencies = new List<double>[clients];
        var errors = 0;
        string? firstError = null;
        var issued = 0;
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(options.Seconds));
        var watch = Stopwatch.StartNew();
        var workers = Enumerable.Range(0, clients).Select(c => Task.Run(async () =>
        {
            var random = new Random(c);
            var mine = latencies[c] = [];
            while (!stop.IsCancellationRequested && Interlocked.Increment(ref issued) <= options.MaxRequests)
            {
                var start = Stopwatch.GetTimestamp();
                using var response = await send(random);
                if (!response.IsSuccessStatusCode)
                {
                    if (Interlocked.Increment(ref errors) == 1)
                    {
                        firstError = $"{(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}";
                    }
                }
                else
                {
                    await response.Content.LoadIntoBufferAsync();
                }

                mine.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
            }
        })).ToArray();
        await Task.WhenAll(workers);
        watch.Stop();
        var all = latencies.SelectMany(l => l).Order().ToArray();
        return new ScenarioResult(all.Length, errors, all.Length / watch.Elapsed.TotalSeconds, all, firstError);
    }

}
