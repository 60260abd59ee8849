using Microsoft.Extensions.Diagnostics.HealthChecks;
using Yunwei.Data;

namespace Yunwei.Web.Infrastructure;

/// <summary>
/// Makes a stuck SQLite writer impossible to miss (ADR-020): a hold of the write gate longer than
/// <c>Database:WriteHoldAlertSeconds</c> (default 10) is logged once with its holder, and turns
/// <c>/health/ready</c> Unhealthy while it lasts. Every request and job pass names itself for the log.
/// </summary>
public sealed class WriteGateWatchdog(DatabaseSettings database, IConfiguration configuration, TimeProvider time, ILogger<WriteGateWatchdog> logger)
    : BackgroundService, IHealthCheck
{
    private readonly SqliteWriteGate? _gate = database.WriteGate;
    private readonly TimeSpan _threshold = TimeSpan.FromSeconds(Math.Max(1, configuration.GetValue("Database:WriteHoldAlertSeconds", 10)));
    private WriteHold? _reported;

    /// <summary>The hold that has lasted past the threshold, if one has.</summary>
    public (WriteHold Hold, TimeSpan For)? Overdue()
    {
        if (_gate?.Current is not { } hold)
        {
            return null;
        }

        var held = time.GetUtcNow() - hold.Since;
        return held > _threshold ? (hold, held) : null;
    }

    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(Overdue() is var (hold, held)
            ? HealthCheckResult.Unhealthy($"A write has held the database for {held.TotalSeconds:0} s: {hold.Holder}, since {hold.Since:O}; {_gate!.Waiting} writers wait.")
            : HealthCheckResult.Healthy());

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (_gate is null)
        {
            return;
        }

        var interval = _threshold / 2;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                // One wait at a time on the injected clock: a test's jump of the clock wakes it once.
                await Task.Delay(interval, time, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }

            if (Overdue() is var (hold, held) && !ReferenceEquals(hold, _reported))
            {
                _reported = hold;
                logger.LogError("The database's write gate has been held for {Seconds:0} s by {Holder} since {Since:O}; {Waiting} writers wait",
                    held.TotalSeconds, hold.Holder, hold.Since, _gate.Waiting);
            }
        }
    }

    /// <summary>Middleware: names the request (method and route pattern, never the path's values) in the write holds it takes.</summary>
    public static Task NameOperation(HttpContext context, RequestDelegate next)
    {
        var route = (context.GetEndpoint() as RouteEndpoint)?.RoutePattern.RawText;
        WriteHold.Operation = $"{context.Request.Method} {route ?? "(no route)"}";
        return next(context);
    }
}
