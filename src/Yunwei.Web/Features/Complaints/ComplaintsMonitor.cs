using Microsoft.EntityFrameworkCore;
using Yunwei.Data;
using Yunwei.Domain.Administration;
using Yunwei.Domain.Complaints;
using Yunwei.Web.Features.Notifications;
using Yunwei.Web.Infrastructure;
using Yunwei.Web.Platform;

namespace Yunwei.Web.Features.Complaints;

/// <summary>
/// Acts on complaint deadlines once: a first reply not given in time escalates to the provider's
/// leadership (and the complainant is told whom to call); a complaint still open at its closing
/// deadline alerts the leadership and the handlers. Asks the database for what is due; the
/// complaint's revision makes a second host's attempt a no-op. Runs with the SLA monitor.
/// </summary>
public sealed class ComplaintsMonitorHandler(IDbContextFactory<YunweiDbContext> dbFactory, TimeProvider time)
{
    public async Task<int> SweepAsync(CancellationToken cancellationToken = default)
    {
        var now = time.GetUtcNow().UtcDateTime;
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var due = await db.Complaints.Where(c => c.NextDueAt != null && c.NextDueAt <= now).OrderBy(c => c.NextDueAt).Take(200).ToListAsync(cancellationToken);
        var acted = 0;
        foreach (var complaint in due)
        {
            if (complaint.FirstReplyAt is null && complaint.EscalatedAt is null && complaint.ReplyDeadline <= now)
            {
                var leaders = await NotificationWriter.MembersAsync(db, complaint.ClientUnitId, [Roles.Leadership], cancellationToken);
                complaint.EscalatedAt = complaint.ReplyDeadline;
                db.ComplaintEvents.Add(ComplaintsHandler.Event(complaint, ComplaintEventType.Escalated, complaint.ReplyDeadline, null, actor: ""));
                NotificationWriter.Add(db, leaders.Cast<Guid?>(), complaint.ClientUnitId, "Notify.Complaint.Escalated", [complaint.Number, complaint.Subject, complaint.ComplainantName],
                    $"/complaints/{complaint.Id}", $"complaint:{complaint.Id}:escalated", urgent: true, now);
                NotificationWriter.Add(db, [complaint.ComplainantId], complaint.ClientUnitId, "Notify.Complaint.LeadershipContacts", [complaint.Number],
                    $"/complaints/{complaint.Id}", $"complaint:{complaint.Id}:contacts", urgent: true, now);
            }

            if (complaint.State != ComplaintState.Closed && complaint.OverdueAt is null && complaint.CloseDeadline <= now)
            {
                complaint.OverdueAt = complaint.CloseDeadline;
                db.ComplaintEvents.Add(ComplaintsHandler.Event(complaint, ComplaintEventType.Overdue, complaint.CloseDeadline, null, actor: ""));
                var handlers = await NotificationWriter.MembersAsync(db, complaint.ClientUnitId, [.. Permissions.RolesFor(Permissions.ComplaintsHandle)], cancellationToken);
                NotificationWriter.Add(db, handlers.Cast<Guid?>(), complaint.ClientUnitId, "Notify.Complaint.Overdue", [complaint.Number, complaint.Subject],
                    $"/complaints/{complaint.Id}", $"complaint:{complaint.Id}:overdue", urgent: true, now);
            }

            complaint.NextDueAt = ComplaintRules.NextDue(complaint);
            complaint.Revision++;
            try
            {
                await db.SaveChangesAsync(cancellationToken);
                acted++;
            }
            catch (DbUpdateException)
            {
                // Another host acted on it first (or the complaint changed): its write stands; the next pass sees the rest.
                break;
            }
        }

        return acted;
    }
}

/// <summary>Runs the complaint sweep on the SLA monitor's beat (Sla:MonitorSeconds, default 15; Sla:Monitor=false turns it off).</summary>
public sealed class ComplaintsMonitorService(IServiceScopeFactory scopes, IConfiguration configuration, TimeProvider time, ILogger<ComplaintsMonitorService> logger)
    : PeriodicJob(scopes, time, logger)
{
    protected override bool Enabled => configuration.GetValue("Sla:Monitor", true);

    protected override TimeSpan Interval => TimeSpan.FromSeconds(Math.Max(1, configuration.GetValue("Sla:MonitorSeconds", 15)));

    protected override Task RunOnceAsync(IServiceProvider services, CancellationToken cancellationToken) =>
        services.GetRequiredService<ComplaintsMonitorHandler>().SweepAsync(cancellationToken);
}
