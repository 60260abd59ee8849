using Microsoft.EntityFrameworkCore;
using Yunwei.Data;
using Yunwei.Domain;
using Yunwei.Domain.Administration;
using Yunwei.Domain.Inspections;
using Yunwei.Domain.Roster;
using Yunwei.Web.Infrastructure;
using Yunwei.Web.Platform;

namespace Yunwei.Web.Features.Inspections;

public sealed record ScheduleView(Guid Id, Guid SubsystemId, string Subsystem, string Name, SchedulePeriod Period, DayOfWeek Weekday, int DayOfMonth,
    IReadOnlyList<Guid> AssetIds, Guid? AssigneeId, bool Active, int Revision);

public sealed record SaveScheduleRequest(Guid SubsystemId, string? Name, SchedulePeriod Period, DayOfWeek Weekday = DayOfWeek.Friday, int DayOfMonth = 1,
    IReadOnlyList<Guid>? AssetIds = null, Guid? AssigneeId = null, bool Active = true, int Revision = 0);

/// <summary>
/// Inspection schedules and the planner that turns them into inspections: one per schedule and
/// period (a unique index keeps it so on every host), due on the client's working days.
/// </summary>
public sealed class SchedulesHandler(IDbContextFactory<YunweiDbContext> dbFactory, CurrentUser currentUser, TimeProvider time)
{
    /// <summary>How far ahead inspections are planned, so the week's work is visible from Monday.</summary>
    public const int DaysAhead = 7;

    public async Task<IReadOnlyList<ScheduleView>?> ListAsync(Guid unitId, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        if (!await db.ClientUnits.AnyAsync(u => u.Id == unitId, cancellationToken))
        {
            return null;
        }

        var rows = await (from s in db.InspectionSchedules.AsNoTracking()
                          where s.ClientUnitId == unitId
                          join sub in db.Subsystems on s.SubsystemId equals sub.Id
                          orderby sub.SortOrder, s.Name
                          select new { s, Subsystem = sub.Name }).ToListAsync(cancellationToken);
        return [.. rows.Select(r => View(r.s, r.Subsystem))];
    }

    public async Task<Outcome<ScheduleView>> SaveAsync(Guid unitId, Guid? id, SaveScheduleRequest request, CancellationToken cancellationToken = default)
    {
        if (!currentUser.Can(Permissions.InspectionsPlan))
        {
            return Outcome<ScheduleView>.NotAllowed();
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        if (!await db.ClientUnits.AnyAsync(u => u.Id == unitId, cancellationToken))
        {
            return Outcome<ScheduleView>.NotFound();
        }

        var errors = new ValidationErrors().Required(nameof(request.Name), request.Name, 200);
        var subsystem = await db.Subsystems.AsNoTracking().FirstOrDefaultAsync(s => s.Id == request.SubsystemId && s.ClientUnitId == unitId, cancellationToken);
        if (subsystem is null)
        {
            errors.Add(nameof(request.SubsystemId), "Validation.Required");
        }

        if (!Enum.IsDefined(request.Period))
        {
            errors.Add(nameof(request.Period), "Validation.Invalid");
        }

        if (!Enum.IsDefined(request.Weekday))
        {
            errors.Add(nameof(request.Weekday), "Validation.Invalid");
        }

        if (request.DayOfMonth is < 1 or > 28)
        {
            errors.Add(nameof(request.DayOfMonth), "Inspection.Error.DayOfMonth");
        }

        var assetIds = request.AssetIds?.Distinct().ToList() ?? [];
        if (assetIds.Count > 0 && await db.Assets.CountAsync(a => assetIds.Contains(a.Id) && a.SubsystemId == request.SubsystemId, cancellationToken) != assetIds.Count)
        {
            errors.Add(nameof(request.AssetIds), "Inspection.Error.AssetsOutsideSubsystem");
        }

        if (request.AssigneeId is { } assignee && !await db.UnitMemberships.AnyAsync(m => m.ClientUnitId == unitId && m.UserId == assignee, cancellationToken))
        {
            errors.Add(nameof(request.AssigneeId), "Validation.Invalid");
        }

        if (!errors.IsEmpty)
        {
            return Outcome<ScheduleView>.Invalid(errors);
        }

        InspectionSchedule? schedule;
        if (id is { } existing)
        {
            schedule = await db.InspectionSchedules.FirstOrDefaultAsync(s => s.Id == existing && s.ClientUnitId == unitId, cancellationToken);
            if (schedule is null)
            {
                return Outcome<ScheduleView>.NotFound();
            }

            if (schedule.Revision != request.Revision)
            {
                return Outcome<ScheduleView>.Conflict();
            }

            schedule.Revision++;
        }
        else
        {
            schedule = new InspectionSchedule { ClientUnitId = unitId, CreatedAt = time.GetUtcNow().UtcDateTime };
            db.InspectionSchedules.Add(schedule);
        }

        schedule.SubsystemId = request.SubsystemId;
        schedule.Name = request.Name!.Trim();
        schedule.Period = request.Period;
        schedule.Weekday = request.Weekday;
        schedule.DayOfMonth = request.DayOfMonth;
        schedule.AssetIds = assetIds;
        schedule.AssigneeId = request.AssigneeId;
        schedule.Active = request.Active;
        if (!await db.SavedAsync(cancellationToken))
        {
            return Outcome<ScheduleView>.Conflict();
        }

        return Outcome<ScheduleView>.Ok(View(schedule, subsystem!.Name));
    }

    /// <summary>
    /// Creates the inspections due from the start of the current period to <see cref="DaysAhead"/> days
    /// ahead for every active schedule (of one unit, or of all). Safe to run often and on several hosts.
    /// </summary>
    public async Task<int> PlanAsync(Guid? unitId = null, CancellationToken cancellationToken = default)
    {
        var today = ChinaTime.Today(time.GetUtcNow());
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var schedules = await db.InspectionSchedules.AsNoTracking().Where(s => s.Active && (unitId == null || s.ClientUnitId == unitId)).ToListAsync(cancellationToken);
        var created = 0;
        foreach (var unit in schedules.GroupBy(s => s.ClientUnitId))
        {
            var contract = await CurrentContract.LoadAsync(db.ServiceContracts.AsNoTracking(), unit.Key, today, cancellationToken);
            var days = await db.CalendarDays.AsNoTracking().Where(d => d.ClientUnitId == unit.Key).ToListAsync(cancellationToken);
            var calendar = UnitCalendar.Working(contract, days);
            var ids = unit.Select(s => s.Id).ToList();
            var from = unit.Min(s => InspectionRules.PeriodStart(s.Period, today));
            var existing = (await db.Inspections.AsNoTracking().Where(i => i.ScheduleId != null && ids.Contains(i.ScheduleId.Value) && i.PeriodStart >= from)
                .Select(i => new { i.ScheduleId, i.PeriodStart }).ToListAsync(cancellationToken)).Select(i => (i.ScheduleId!.Value, i.PeriodStart)).ToHashSet();
            var numbers = new DailyNumbers(db, today, "XJ");
            foreach (var schedule in unit)
            {
                foreach (var (periodStart, dueOn) in InspectionRules.Occurrences(schedule, today, today.AddDays(DaysAhead), calendar.IsWorkingDay))
                {
                    if (existing.Contains((schedule.Id, periodStart)))
                    {
                        continue;
                    }

                    db.Inspections.Add(new Inspection
                    {
                        ClientUnitId = unit.Key,
                        Number = await numbers.NextAsync(cancellationToken),
                        ScheduleId = schedule.Id,
                        SubsystemId = schedule.SubsystemId,
                        PeriodStart = periodStart,
                        DueOn = dueOn,
                        AssigneeId = schedule.AssigneeId,
                    });
                    created++;
                }
            }

            try
            {
                await db.SaveChangesAsync(cancellationToken);
            }
            catch (DbUpdateException)
            {
                // Another host planned the same periods at the same moment: its inspections stand.
                db.ChangeTracker.Clear();
                created = 0;
            }
        }

        return created;
    }

    private static ScheduleView View(InspectionSchedule s, string subsystem) =>
        new(s.Id, s.SubsystemId, subsystem, s.Name, s.Period, s.Weekday, s.DayOfMonth, s.AssetIds, s.AssigneeId, s.Active, s.Revision);
}
