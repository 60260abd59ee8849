using Yunwei.Web.Infrastructure;

namespace Yunwei.Web.Platform;

/// <summary>
/// A background job that runs a pass as the system in a fresh scope, then waits (on the injected
/// clock) and runs again; one bad pass (a database restart, a lock timeout) is logged, not fatal.
/// </summary>
public abstract class PeriodicJob(IServiceScopeFactory scopes, TimeProvider time, ILogger logger) : BackgroundService
{
    /// <summary>False: the job does not run in this instance.</summary>
    protected abstract bool Enabled { get; }

    protected abstract TimeSpan Interval { get; }

    protected abstract Task RunOnceAsync(IServiceProvider services, CancellationToken cancellationToken);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!Enabled)
        {
            return;
        }

        // Named in the database's write holds (WriteGateWatchdog).
        Yunwei.Data.WriteHold.Operation = GetType().Name;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                scope.ServiceProvider.GetRequiredService<CurrentUser>().ActAsSystem();
                await RunOnceAsync(scope.ServiceProvider, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
#pragma warning disable CA1031 // The job must outlive one bad pass.
            catch (Exception ex)
#pragma warning restore CA1031
            {
                logger.LogError(ex, "{Job} pass failed; retrying in {Interval}", GetType().Name, Interval);
            }

            try
            {
                await Task.Delay(Interval, time, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }
}
