namespace Yunwei.Web.Features.Inspections;

/// <summary>
/// Plans inspections from the schedules in the background (at start and hourly), so the week's
/// inspections exist from Monday and overdue ones show even if nobody opened the list. Off with
/// <c>Inspections:Planner=false</c> (and, by default, wherever the SLA monitor is off).
/// </summary>
public sealed class InspectionPlannerService(IServiceScopeFactory scopes, IConfiguration configuration, TimeProvider time, ILogger<InspectionPlannerService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!configuration.GetValue("Inspections:Planner", configuration.GetValue("Sla:Monitor", true)))
        {
            return;
        }

        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                scope.ServiceProvider.GetRequiredService<Infrastructure.CurrentUser>().ActAsSystem();
                var created = await scope.ServiceProvider.GetRequiredService<SchedulesHandler>().PlanAsync(null, stoppingToken);
                if (created > 0)
                {
                    logger.LogInformation("Planned {Count} inspections", created);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
#pragma warning disable CA1031 // The planner must outlive one bad pass.
            catch (Exception ex)
#pragma warning restore CA1031
            {
                logger.LogError(ex, "Inspection planning failed; retrying in an hour");
            }

            try
            {
                await Task.Delay(TimeSpan.FromHours(1), time, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }
}
