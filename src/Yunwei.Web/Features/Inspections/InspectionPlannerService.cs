using Yunwei.Web.Infrastructure;

namespace Yunwei.Web.Features.Inspections;

/// <summary>
/// Plans inspections from the schedules in the background (at start and hourly), so the week's
/// inspections exist from Monday and overdue ones show even if nobody opened the list. Off with
/// <c>Inspections:Planner=false</c> (and, by default, wherever the SLA monitor is off).
/// </summary>
public sealed class InspectionPlannerService(IServiceScopeFactory scopes, IConfiguration configuration, TimeProvider time, ILogger<InspectionPlannerService> logger)
    : PeriodicJob(scopes, time, logger)
{
    protected override bool Enabled => configuration.GetValue("Inspections:Planner", configuration.GetValue("Sla:Monitor", true));

    protected override TimeSpan Interval => TimeSpan.FromHours(1);

    protected override async Task RunOnceAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        var schedules = services.GetRequiredService<SchedulesHandler>();
        await schedules.PlanAsync(null, cancellationToken);
        await schedules.NotifyOverdueAsync(cancellationToken);
    }
}
