using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Yunwei.Data;
using Yunwei.Web.Features.Faults;

namespace Yunwei.Bench;

/// <summary>
/// The SLA monitor's pass over a generated database: with nothing due (the cost of asking), then with
/// the clock moved to where the next K thresholds fall due. The pass writes what the app would
/// (events, notifications): run it on a copy when the database matters.
/// </summary>
internal static class Sweep
{
    public static async Task<int> RunAsync(DatabaseSettings database, IReadOnlyList<int> dueCounts)
    {
        // Starts far back and only moves forward, to each measured moment.
        var clock = new FakeTimeProvider(new DateTimeOffset(2000, 1, 1, 0, 0, 0, TimeSpan.Zero));
        var services = BenchServices.For(database, clock);
        services.AddScoped<SlaSweepHandler>();
        await using var provider = services.BuildServiceProvider();

        List<DateTime> upcoming;
        int open;
        long faults;
        await using (var db = await provider.GetRequiredService<IDbContextFactory<YunweiDbContext>>().CreateDbContextAsync())
        {
            faults = await db.Faults.LongCountAsync();
            open = await db.Faults.CountAsync(f => f.NextDueAt != null);
            var most = dueCounts.Count == 0 ? 0 : dueCounts.Max();
            upcoming = await db.Faults.Where(f => f.NextDueAt != null).OrderBy(f => f.NextDueAt).Select(f => f.NextDueAt!.Value).Take(Math.Max(1, most)).ToListAsync();
        }

        Console.WriteLine($"faults: {faults}, with a clock running: {open}");
        if (upcoming.Count == 0)
        {
            Console.Error.WriteLine("sweep: no open fault has a threshold ahead; generate with --open.");
            return 1;
        }

        foreach (var due in dueCounts.Order())
        {
            // The clock just before the first threshold (nothing due), or at the due-th one.
            var at = due == 0 ? upcoming[0].AddSeconds(-1) : upcoming[Math.Min(due, upcoming.Count) - 1];
            if (at > clock.GetUtcNow().UtcDateTime)
            {
                clock.SetUtcNow(new DateTimeOffset(at, TimeSpan.Zero));
            }

            var times = new List<double>();
            var updated = 0;
            for (var run = 0; run < (due == 0 ? 20 : 1); run++)
            {
                await using var scope = provider.CreateAsyncScope();
                var handler = scope.ServiceProvider.GetRequiredService<SlaSweepHandler>();
                var watch = Stopwatch.StartNew();
                updated += await handler.SweepAsync();
                times.Add(watch.Elapsed.TotalMilliseconds);
            }

            times.Sort();
            Console.WriteLine(due == 0
                ? $"nothing due: median {times[times.Count / 2]:F1} ms, max {times[^1]:F1} ms over {times.Count} passes"
                : $"{due} due: {times[0]:F0} ms, {updated} faults updated ({times[0] / Math.Max(1, updated):F2} ms each)");
        }

        return 0;
    }
}
