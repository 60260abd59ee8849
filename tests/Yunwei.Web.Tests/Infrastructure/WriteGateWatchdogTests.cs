using System.Collections.Concurrent;
using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using Yunwei.Data;
using Yunwei.Web.Tests.Faults;

namespace Yunwei.Web.Tests.Infrastructure;

/// <summary>A write that holds the SQLite database too long is logged with its holder and makes the instance not ready (ADR-020).</summary>
public sealed class WriteGateWatchdogTests : IClassFixture<WriteGateWatchdogTests.Host>
{
    private readonly Host _host;

    public WriteGateWatchdogTests(Host host) => _host = host;

    [Fact]
    public async Task A_hold_past_the_threshold_is_logged_with_its_holder_and_turns_readiness_unhealthy_until_it_ends()
    {
        var client = _host.CreateClient();
        (await client.GetAsync("/health/ready")).StatusCode.ShouldBe(HttpStatusCode.OK);
        var settings = _host.Services.GetRequiredService<DatabaseSettings>();
        var gate = settings.WriteGate.ShouldNotBeNull();

        await using var stuck = new SqliteConnection(settings.ConnectionString);
        var hold = await gate.EnterAsync(stuck, "a stuck writer (test)", _host.Clock, CancellationToken.None);
        try
        {
            _host.Clock.Advance(TimeSpan.FromSeconds(9));
            (await client.GetAsync("/health/ready")).StatusCode.ShouldBe(HttpStatusCode.OK, "under the threshold (10 s)");

            _host.Clock.Advance(TimeSpan.FromSeconds(2));
            var ready = await client.GetAsync("/health/ready");
            ready.StatusCode.ShouldBe(HttpStatusCode.ServiceUnavailable);
            (await ready.Content.ReadAsStringAsync()).ShouldBe("Unhealthy");

            // The watchdog's next look (on the same clock) logs the holder, once.
            var waited = System.Diagnostics.Stopwatch.StartNew();
            bool Watched(string line) => line.StartsWith("Error: The database's write gate has been held for", StringComparison.Ordinal) && line.Contains("by a stuck writer (test) since", StringComparison.Ordinal);
            while (!_host.Logged.Any(Watched))
            {
                waited.Elapsed.ShouldBeLessThan(TimeSpan.FromSeconds(30), "the watchdog logged nothing; it saw: " + string.Join(" | ", _host.Logged));
                _host.Clock.Advance(TimeSpan.FromSeconds(1));
                await Task.Delay(20);
            }

            _host.Clock.Advance(TimeSpan.FromSeconds(10));
            (await client.GetAsync("/health/ready")).StatusCode.ShouldBe(HttpStatusCode.ServiceUnavailable, "still held");
            _host.Logged.Count(Watched).ShouldBe(1, "one hold, one line");
        }
        finally
        {
            hold?.Dispose();
        }

        (await client.GetAsync("/health/ready")).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    /// <summary>The real host on a test clock, its logs kept.</summary>
    public sealed class Host : YunweiFactory
    {
        public FakeTimeProvider Clock { get; } = new(new DateTimeOffset(FaultsFactory.Start, TimeSpan.Zero));

        public ConcurrentQueue<string> Logged { get; } = new();

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseSetting("Sla:Monitor", "false");
            builder.ConfigureServices(s => s.AddSingleton<TimeProvider>(Clock));
            builder.ConfigureLogging(l => l.AddProvider(new Collector(Logged)));
        }

        private sealed class Collector(ConcurrentQueue<string> logged) : ILoggerProvider, ILogger
        {
            public ILogger CreateLogger(string categoryName) => this;

            public IDisposable? BeginScope<TState>(TState state)
                where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Warning;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
            {
                if (IsEnabled(logLevel))
                {
                    logged.Enqueue($"{logLevel}: {formatter(state, exception)}");
                }
            }

            public void Dispose()
            {
            }
        }
    }
}
