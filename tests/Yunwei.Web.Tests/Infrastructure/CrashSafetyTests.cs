using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using Xunit.Abstractions;
using Yunwei.Data;
using Yunwei.Domain.Faults;
using Yunwei.Testing;
using Yunwei.Web.Features.Faults;

namespace Yunwei.Web.Tests.Infrastructure;

/// <summary>
/// The app as its own process, killed with SIGKILL while clients create and update faults and the SLA
/// monitor is at work, several times over: every write a client saw acknowledged is there after the
/// restart, no fault is half-written, the monitor resumes and acts on every threshold exactly once, and
/// the audit chain still verifies.
/// </summary>
public sealed class CrashSafetyTests(ITestOutputHelper output)
{
    private const int Rounds = 4;
    private const int Workers = 6;

    [SkippableTheory]
    [InlineData("Sqlite")]
    [InlineData("Postgres")]
    public async Task Acknowledged_writes_survive_SIGKILL_and_the_monitor_resumes_without_duplicates(string provider)
    {
        var folder = Directory.CreateTempSubdirectory("yunwei-crash").FullName;
        var database = Database(provider, folder);
        var seed = Environment.TickCount;
        var random = new Random(seed);
        var log = new ConcurrentQueue<string>();
        var settings = new Dictionary<string, string>
        {
            ["Seed__DemoPassword"] = YunweiFactory.DemoPassword,
            ["Security__SignInsPerMinute"] = "100000",
            ["Sla__MonitorSeconds"] = "1",
        };
        var dll = Path.Combine(AppContext.BaseDirectory, "Yunwei.Web.dll");
        var created = new ConcurrentDictionary<Guid, (string Number, string Key, string Body)>();
        var arrived = new ConcurrentDictionary<Guid, int>();
        try
        {
            for (var round = 0; round < Rounds; round++)
            {
                using var app = await AppProcess.StartAsync(dll, database, settings, folder, log.Enqueue);
                using var handler = new SocketsHttpHandler { CookieContainer = new CookieContainer(), AllowAutoRedirect = false };
                using var http = new HttpClient(handler) { BaseAddress = app.BaseAddress, Timeout = TimeSpan.FromSeconds(10) };
                await AppProcess.SignInAsync(http, "duty", YunweiFactory.DemoPassword);
                var unit = (await http.GetFromJsonAsync<JsonElement>("/api/me")).GetProperty("unitIds")[0].GetGuid();
                var location = (await http.GetFromJsonAsync<JsonElement>($"/api/units/{unit}/asset-options")).GetProperty("locations")[0].GetProperty("id").GetGuid();

                using var stop = new CancellationTokenSource();
                var workers = Enumerable.Range(0, Workers).Select(w => Task.Run(() => WorkAsync(http, unit, location, round, w, created, arrived, stop.Token))).ToArray();

                // Let writes and monitor passes pile up, then pull the plug at a moment chosen by the seed, once
                // this round has had reports acknowledged (and, by the last round, an arrival too): a freshly
                // started process on a slow machine may need longer than the chosen moment for its first writes.
                var until = Stopwatch.StartNew();
                var killAfter = TimeSpan.FromMilliseconds(random.Next(400, 1500));
                var createdBefore = created.Count;
                var lastRound = round == Rounds - 1;
                await UntilAsync(
                    () => until.Elapsed >= killAfter && created.Count >= createdBefore + Workers && (!lastRound || !arrived.IsEmpty),
                    TimeSpan.FromSeconds(60),
                    TimeSpan.FromMilliseconds(5));
                app.Kill();
                await stop.CancelAsync();
                await Task.WhenAll(workers);
                output.WriteLine($"round {round + 1}: killed after {until.ElapsedMilliseconds} ms; {created.Count} reports and {arrived.Count} arrivals acknowledged so far");
            }

            created.Count.ShouldBeGreaterThan(Rounds * 5, $"the clients had writes acknowledged (seed {seed})");
            arrived.ShouldNotBeEmpty($"updates were acknowledged too (seed {seed})");

            // The last start: the monitor catches up with everything due.
            using (var app = await AppProcess.StartAsync(dll, database, settings, folder, log.Enqueue))
            {
                await using var watch = Context(database);
                var caughtUp = await UntilAsync(
                    () => !watch.Faults.Any(f => f.NextDueAt != null && f.NextDueAt <= TimeProvider.System.GetUtcNow().UtcDateTime.AddSeconds(-5)),
                    TimeSpan.FromSeconds(90),
                    TimeSpan.FromMilliseconds(200));
                caughtUp.ShouldBeTrue("the monitor resumed and caught up after the crashes");

                // A client retrying an acknowledged report with its key gets the same fault back.
                using var handler = new SocketsHttpHandler { CookieContainer = new CookieContainer(), AllowAutoRedirect = false };
                using var http = new HttpClient(handler) { BaseAddress = app.BaseAddress };
                await AppProcess.SignInAsync(http, "duty", YunweiFactory.DemoPassword);
                var (retryId, (retryNumber, retryKey, retryBody)) = created.First();
                var unit = (await http.GetFromJsonAsync<JsonElement>("/api/me")).GetProperty("unitIds")[0].GetGuid();
                using var other = new HttpRequestMessage(HttpMethod.Post, $"/api/units/{unit}/faults") { Content = JsonContent.Create(new { description = "重试", callerName = "x", channel = "Hotline" }) };
                other.Headers.Add("Idempotency-Key", retryKey);
                (await http.SendAsync(other)).StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity, "the key with another report");
                using var retry = new HttpRequestMessage(HttpMethod.Post, $"/api/units/{unit}/faults") { Content = new StringContent(retryBody, System.Text.Encoding.UTF8, "application/json") };
                retry.Headers.Add("Idempotency-Key", retryKey);
                using var replayed = await http.SendAsync(retry);
                replayed.StatusCode.ShouldBe(HttpStatusCode.OK);
                var body = await replayed.Content.ReadFromJsonAsync<JsonElement>();
                body.GetProperty("id").GetGuid().ShouldBe(retryId);
                body.GetProperty("number").GetString().ShouldBe(retryNumber);
            }

            await using var db = Context(database);
            var ids = created.Keys.ToList();
            var faults = await db.Faults.Where(f => ids.Contains(f.Id)).ToListAsync();
            var missing = ids.Except(faults.Select(f => f.Id)).ToList();
            missing.ShouldBeEmpty($"every acknowledged fault is stored (seed {seed})");
            foreach (var fault in faults)
            {
                fault.Number.ShouldBe(created[fault.Id].Number);
            }

            // Nothing half-written: every fault of the unit has its report event and its notification.
            var events = await db.FaultEvents.Where(e => ids.Contains(e.FaultId)).ToListAsync();
            events.Where(e => e.Type == FaultEventType.Reported).GroupBy(e => e.FaultId).Count().ShouldBe(faults.Count);
            var allFaults = await db.Faults.CountAsync();
            (await db.FaultEvents.Where(e => e.Type == FaultEventType.Reported).Select(e => e.FaultId).Distinct().CountAsync()).ShouldBe(allFaults);
            foreach (var (id, revision) in arrived)
            {
                events.ShouldContain(e => e.FaultId == id && e.Type == FaultEventType.ArrivedOnSite, $"acknowledged arrival on {created[id].Number}");
                faults.Single(f => f.Id == id).Revision.ShouldBeGreaterThanOrEqualTo(revision);
            }

            // The monitor acted on each threshold once, and on every one that is due.
            var acted = events.Where(e => e.Type is FaultEventType.Warning or FaultEventType.Breach or FaultEventType.LeadershipAlerted).ToList();
            acted.ShouldNotBeEmpty();
            output.WriteLine($"{faults.Count} faults, {acted.Count} warnings and breaches recorded by the monitor across {Rounds} kills (seed {seed})");
            acted.GroupBy(e => (e.FaultId, e.Text)).Where(g => g.Count() > 1).Select(g => g.Key).ShouldBeEmpty();
            var now = TimeProvider.System.GetUtcNow().UtcDateTime;
            foreach (var fault in faults.Where(f => f.IsOpen))
            {
                var policy = await FaultClocks.PolicyAsync(db, fault.ClientUnitId, now, CancellationToken.None);
                var outcome = FaultClocks.Compute(policy, events.Where(e => e.FaultId == fault.Id), now.AddSeconds(-5));
                foreach (var threshold in outcome.Thresholds.Where(t => t.At <= now.AddSeconds(-5)))
                {
                    fault.DoneThresholds.ShouldContain(threshold.Key, $"{fault.Number}: threshold {threshold.Key} acted on");
                }
            }

            // The outbox: each threshold event has its notifications, none twice.
            var notices = await db.Notifications.Where(n => n.Link != null && n.DedupKey != null).Select(n => new { n.RecipientId, n.DedupKey }).ToListAsync();
            notices.GroupBy(n => n).Where(g => g.Count() > 1).ShouldBeEmpty();
            foreach (var e in acted)
            {
                notices.ShouldContain(n => n.DedupKey == $"fault:{e.FaultId}:{e.Text}", $"notification of {e.Text}");
            }

            if (provider == "Sqlite")
            {
                await using var connection = new SqliteConnection(database.ConnectionString);
                await connection.OpenAsync();
                await using var check = connection.CreateCommand();
                check.CommandText = "PRAGMA integrity_check;";
                (await check.ExecuteScalarAsync()).ShouldBe("ok");
            }

            // The audit chain, sealed in between the kills, still verifies end to end.
            var verify = await AppProcess.RunCommandAsync(dll, database, folder, "verify-audit");
            verify.ExitCode.ShouldBe(0, verify.Output);
            verify.Output.ShouldContain("Audit chain intact");
        }
        catch (Exception) when (Dump(log, seed))
        {
            throw;
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            Directory.Delete(folder, recursive: true);
            if (database.Provider == DatabaseProviderKind.Postgres)
            {
                await TestPostgres.DropAsync(database.ConnectionString);
            }
        }
    }

    /// <summary>Reports faults (hotline, answered a day ago: every threshold is due at once) and records arrivals on acknowledged ones.</summary>
    private static async Task WorkAsync(
        HttpClient http, Guid unit, Guid location, int round, int worker, ConcurrentDictionary<Guid, (string Number, string Key, string Body)> created,
        ConcurrentDictionary<Guid, int> arrived, CancellationToken stop)
    {
        var mine = new List<Guid>();
        for (var i = 0; !stop.IsCancellationRequested; i++)
        {
            try
            {
                if (i % 3 == 2 && mine.Count > 0)
                {
                    var id = mine[^1];
                    mine.RemoveAt(mine.Count - 1);
                    var fault = await http.GetFromJsonAsync<JsonElement>($"/api/faults/{id}", stop);
                    using var action = await http.PostAsJsonAsync($"/api/faults/{id}/actions", new { action = "Arrive", revision = fault.GetProperty("fault").GetProperty("revision").GetInt32() }, stop);
                    // The monitor may have changed the fault in between: a conflict, never a silent overwrite.
                    action.StatusCode.ShouldBeOneOf(HttpStatusCode.OK, HttpStatusCode.Conflict);
                    if (action.StatusCode == HttpStatusCode.OK)
                    {
                        arrived[id] = (await action.Content.ReadFromJsonAsync<JsonElement>(stop)).GetProperty("revision").GetInt32();
                    }

                    continue;
                }

                var key = $"crash-{round}-{worker}-{i}";
                var json = JsonSerializer.Serialize(new
                {
                    description = $"断电测试 {key}",
                    locationId = location,
                    callerName = "值班电话",
                    channel = "Hotline",
                    proposedLevel = "Level1",
                    answeredAt = TimeProvider.System.GetUtcNow().UtcDateTime.AddHours(-23),
                });
                using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/units/{unit}/faults")
                {
                    Content = new StringContent(json, System.Text.Encoding.UTF8, "application/json"),
                };
                request.Headers.Add("Idempotency-Key", key);
                using var response = await http.SendAsync(request, stop);
                if (response.StatusCode == HttpStatusCode.Created)
                {
                    var body = await response.Content.ReadFromJsonAsync<JsonElement>(stop);
                    var id = body.GetProperty("id").GetGuid();
                    created[id] = (body.GetProperty("number").GetString()!, key, json);
                    mine.Add(id);
                }
                else
                {
                    response.StatusCode.ShouldBe(HttpStatusCode.Created, await response.Content.ReadAsStringAsync(stop));
                }
            }
            catch (Exception ex) when (ex is HttpRequestException or OperationCanceledException or IOException)
            {
                // The server died under this request: not acknowledged, nothing to expect.
                return;
            }
        }
    }

    /// <summary>
    /// Checks a condition every <paramref name="poll"/> until it holds or <paramref name="timeout"/> has passed.
    /// Waits without spinning: the app under test shares the machine's two cores with this test.
    /// </summary>
    private static async Task<bool> UntilAsync(Func<bool> condition, TimeSpan timeout, TimeSpan poll)
    {
        var clock = Stopwatch.StartNew();
        while (!condition())
        {
            if (clock.Elapsed >= timeout)
            {
                return false;
            }

            await Task.Delay(poll);
        }

        return true;
    }

    private static DatabaseSettings Database(string provider, string folder)
    {
        if (provider == "Sqlite")
        {
            return new DatabaseSettings(DatabaseProviderKind.Sqlite, $"Data Source={Path.Combine(folder, "yunwei.db")}");
        }

        return new DatabaseSettings(DatabaseProviderKind.Postgres, TestPostgres.NewDatabase("yunwei_crash_"));
    }

    private static YunweiDbContext Context(DatabaseSettings database)
    {
        var options = new DbContextOptionsBuilder<YunweiDbContext>();
        database.Configure(options);
        return YunweiDbContext.Create(options.Options, SystemTenantContext.Instance, TimeProvider.System);
    }

    private static bool Dump(ConcurrentQueue<string> log, int seed)
    {
        Console.Error.WriteLine($"crash test seed {seed}; the app said:");
        foreach (var line in log.TakeLast(200))
        {
            Console.Error.WriteLine(line);
        }

        return false;
    }
}
