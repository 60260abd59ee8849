using Microsoft.EntityFrameworkCore;
using Yunwei.Data;
using Yunwei.Domain;
using Yunwei.Domain.Administration;
using Yunwei.Domain.Inspections;
using Yunwei.Web.Infrastructure;
using Yunwei.Web.Platform;

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
        await services.GetRequiredService<SchedulesHandler>().PlanAsync(null, cancellationToken);
        await services.GetRequiredService<OverdueInspectionsHandler>().NotifyAsync(cancellationToken);
    }
}

/// <summary>The overdue-inspection alert, run by the planner after each planning pass.</summary>
public sealed class OverdueInspectionsHandler(IDbContextFactory<YunweiDbContext> dbFactory, TimeProvider time)
{
    /// <summary>
    /// Tells the assignee and the resident engineers of each inspection that passed its due day unfinished
    /// in the last week (once per inspection); returns how many inspections were announced.
    /// </summary>
    public async Task<int> NotifyAsync(CancellationToken cancellationToken = default)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var today = ChinaTime.Today(time.GetUtcNow());
        var since = today.AddDays(-7);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);

        // Every inspection of the week still open after its day, in a stable order, announced a page at a time:
        // a first page of 500 alone would be read again and again once all of it was announced.
        var late = await (from i in db.Inspections.AsNoTracking()
                          where i.State != InspectionState.Done && i.DueOn < today && i.DueOn >= since
                          join s in db.Subsystems on i.SubsystemId equals s.Id
                          orderby i.DueOn, i.Number
                          select new { i.Id, i.ClientUnitId, i.Number, i.DueOn, i.AssigneeId, Subsystem = s.Name }).ToListAsync(cancellationToken);
        var announced = 0;
        foreach (var page in late.Chunk(500))
        {
            var keys = page.Select(i => $"inspection:{i.Id}:overdue").ToList();
            var told = (await db.Notifications.Where(n => keys.Contains(n.DedupKey)).Select(n => n.DedupKey).Distinct().ToListAsync(cancellationToken)).ToHashSet();
            var added = 0;
            foreach (var unit in page.Where(i => !told.Contains($"inspection:{i.Id}:overdue")).GroupBy(i => i.ClientUnitId))
            {
                var engineers = await NotificationWriter.MembersAsync(db, unit.Key, [Roles.ResidentEngineer], cancellationToken);
                foreach (var i in unit)
                {
                    NotificationWriter.Add(db, [i.AssigneeId, .. engineers.Cast<Guid?>()], unit.Key, "Notify.Inspection.Overdue",
                        [$"{i.Subsystem} {i.Number}", Format.Date(i.DueOn)], $"/inspections/{i.Id}", $"inspection:{i.Id}:overdue", false, now);
                    added++;
                }
            }

            try
            {
                await db.SaveChangesAsync(cancellationToken);
                announced += added;
            }
            catch (DbUpdateException)
            {
                // Another host announced them at the same moment.
                db.ChangeTracker.Clear();
            }
        }

        return announced;
    }
}
