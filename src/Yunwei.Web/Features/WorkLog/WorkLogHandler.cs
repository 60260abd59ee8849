using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Yunwei.Data;
using Yunwei.Domain;
using Yunwei.Domain.Administration;
using Yunwei.Domain.Inspections;
using Yunwei.Domain.WeeklyReports;
using Yunwei.Domain.WorkLog;
using Yunwei.Web.Infrastructure;

namespace Yunwei.Web.Features.WorkLog;

public sealed record WorkEntryView(
    Guid Id, DateOnly Date, WorkType Type, Guid? SubsystemId, string? Subsystem, string? Reference, WorkSource Source, Guid? SourceId,
    string Content, Guid? HandlerId, string HandlerName, decimal Hours, string? Result, bool OutOfScope, string? RequestedBy,
    string? AskedBy, string? Question, string? Answer, DateTime? AskedAt, int Revision, bool Locked);

/// <param name="Date">Defaults to today (China time).</param>
/// <param name="AskedAt">Consultations: when the question came in; defaults to now.</param>
public sealed record WorkEntryRequest(
    WorkType Type, string? Content, decimal Hours, DateOnly? Date = null, Guid? SubsystemId = null, string? Reference = null, string? Result = null,
    bool OutOfScope = false, string? RequestedBy = null, string? AskedBy = null, string? Question = null, string? Answer = null, DateTime? AskedAt = null, int Revision = 0);

public sealed record WorkLogQuery(Guid UnitId, DateOnly? From = null, DateOnly? To = null, WorkType? Type = null, Guid? HandlerId = null, int Take = 200);

/// <summary>
/// The work log (工作记录): every piece of work once. Quick entries for service requests (tasks the client
/// assigns beyond the contract, §9, marked so), hotline consultations (docs/contract.md §7: question, answer, time)
/// and the rest. A week whose workload list was submitted or signed is locked: a new version of the
/// list unlocks it.
/// </summary>
public sealed class WorkLogHandler(IDbContextFactory<YunweiDbContext> dbFactory, CurrentUser currentUser, TimeProvider time)
{
    public async Task<IReadOnlyList<WorkEntryView>?> ListAsync(WorkLogQuery query, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        if (!await db.ClientUnits.AnyAsync(u => u.Id == query.UnitId, cancellationToken))
        {
            return null;
        }

        var to = query.To ?? ChinaTime.Today(time.GetUtcNow());
        var from = query.From ?? to.AddDays(-30);
        var rows = db.WorkEntries.AsNoTracking().Where(w => w.ClientUnitId == query.UnitId && w.Date >= from && w.Date <= to);
        if (query.Type is { } type)
        {
            rows = rows.Where(w => w.Type == type);
        }

        if (query.HandlerId is { } handler)
        {
            rows = rows.Where(w => w.HandlerId == handler);
        }

        var list = await rows.OrderByDescending(w => w.Date).ThenByDescending(w => w.CreatedAt).Take(Math.Clamp(query.Take, 1, 1000)).ToListAsync(cancellationToken);
        return await ViewsAsync(db, query.UnitId, list, cancellationToken);
    }

    public async Task<Outcome<WorkEntryView>> AddAsync(Guid unitId, WorkEntryRequest request, CancellationToken cancellationToken = default)
    {
        if (!currentUser.Can(Permissions.InspectionsPerform))
        {
            return Outcome<WorkEntryView>.NotAllowed();
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        if (!await db.ClientUnits.AnyAsync(u => u.Id == unitId, cancellationToken))
        {
            return Outcome<WorkEntryView>.NotFound();
        }

        var entry = new WorkEntry
        {
            ClientUnitId = unitId,
            Source = WorkSource.Manual,
            HandlerId = currentUser.UserId,
            HandlerName = currentUser.DisplayName ?? "",
            CreatedAt = time.GetUtcNow().UtcDateTime,
            CreatedBy = currentUser.DisplayName,
        };
        if (await ApplyAsync(db, entry, request, cancellationToken) is { } errors)
        {
            return Outcome<WorkEntryView>.Invalid(errors);
        }

        db.WorkEntries.Add(entry);
        await db.SaveChangesAsync(cancellationToken);
        return Outcome<WorkEntryView>.Ok((await ViewsAsync(db, unitId, [entry], cancellationToken))[0]);
    }

    /// <summary>Corrects an entry (also one a fault or inspection wrote: hours, content, result) unless its week is locked.</summary>
    public async Task<Outcome<WorkEntryView>> UpdateAsync(Guid id, WorkEntryRequest request, CancellationToken cancellationToken = default)
    {
        if (!currentUser.Can(Permissions.InspectionsPerform))
        {
            return Outcome<WorkEntryView>.NotAllowed();
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var entry = await db.WorkEntries.FirstOrDefaultAsync(w => w.Id == id, cancellationToken);
        if (entry is null)
        {
            return Outcome<WorkEntryView>.NotFound();
        }

        if (entry.Revision != request.Revision)
        {
            return Outcome<WorkEntryView>.Conflict();
        }

        if (await LockedAsync(db, entry.ClientUnitId, entry.Date, cancellationToken))
        {
            return Outcome<WorkEntryView>.Invalid(new ValidationErrors().Add(nameof(request.Date), "WorkLog.Error.WeekLocked"));
        }

        if (entry.Source != WorkSource.Manual)
        {
            // What the source says stays: its kind, day and reference.
            request = request with { Type = entry.Type, Date = entry.Date, Reference = entry.Reference, SubsystemId = entry.SubsystemId };
        }

        if (await ApplyAsync(db, entry, request, cancellationToken) is { } errors)
        {
            return Outcome<WorkEntryView>.Invalid(errors);
        }

        entry.Revision++;
        if (!await db.SavedAsync(cancellationToken))
        {
            return Outcome<WorkEntryView>.Conflict();
        }

        return Outcome<WorkEntryView>.Ok((await ViewsAsync(db, entry.ClientUnitId, [entry], cancellationToken))[0]);
    }

    /// <summary>Removes a quick entry (entries written by faults and inspections stay) unless its week is locked.</summary>
    public async Task<Outcome<bool>> DeleteAsync(Guid id, CancellationToken cancellationToken = default)
    {
        if (!currentUser.Can(Permissions.InspectionsPerform))
        {
            return Outcome<bool>.NotAllowed();
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var entry = await db.WorkEntries.FirstOrDefaultAsync(w => w.Id == id, cancellationToken);
        if (entry is null)
        {
            return Outcome<bool>.NotFound();
        }

        if (entry.Source != WorkSource.Manual)
        {
            return Outcome<bool>.Invalid(new ValidationErrors().Add("Source", "WorkLog.Error.FromSource"));
        }

        if (await LockedAsync(db, entry.ClientUnitId, entry.Date, cancellationToken))
        {
            return Outcome<bool>.Invalid(new ValidationErrors().Add("Date", "WorkLog.Error.WeekLocked"));
        }

        db.WorkEntries.Remove(entry);
        await db.SaveChangesAsync(cancellationToken);
        return Outcome<bool>.Ok(true);
    }

    /// <summary>True when the week's current workload list was submitted or signed.</summary>
    public static Task<bool> LockedAsync(YunweiDbContext db, Guid unitId, DateOnly day, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var week = Week.Monday(day);
        return db.WeeklyReports.AnyAsync(r => r.ClientUnitId == unitId && r.Kind == WeeklyReportKind.WorkloadList && r.WeekStart == week && r.IsCurrent
            && r.State != WeeklyReportState.Draft, cancellationToken);
    }

    private async Task<ValidationErrors?> ApplyAsync(YunweiDbContext db, WorkEntry entry, WorkEntryRequest request, CancellationToken cancellationToken)
    {
        var errors = new ValidationErrors()
            .Optional(nameof(request.Reference), request.Reference, 50)
            .Optional(nameof(request.Result), request.Result, 500)
            .Optional(nameof(request.RequestedBy), request.RequestedBy, 100)
            .Optional(nameof(request.AskedBy), request.AskedBy, 100)
            .Optional(nameof(request.Answer), request.Answer, WorkEntry.MaxText);
        if (!Enum.IsDefined(request.Type))
        {
            errors.Add(nameof(request.Type), "Validation.Invalid");
        }

        if (request.Type == WorkType.Consultation)
        {
            errors.Required(nameof(request.Question), request.Question, WorkEntry.MaxText).Required(nameof(request.Answer), request.Answer, WorkEntry.MaxText);
        }
        else
        {
            errors.Required(nameof(request.Content), request.Content, WorkEntry.MaxText);
        }

        if (request.Hours <= 0 || request.Hours > WorkEntry.MaxHours)
        {
            errors.Add(nameof(request.Hours), "WorkLog.Error.Hours");
        }

        var today = ChinaTime.Today(time.GetUtcNow());
        var date = request.Date ?? today;
        if (date > today)
        {
            errors.Add(nameof(request.Date), "Fault.Error.InFuture");
        }
        else if (entry.Source == WorkSource.Manual && await LockedAsync(db, entry.ClientUnitId, date, cancellationToken))
        {
            errors.Add(nameof(request.Date), "WorkLog.Error.WeekLocked");
        }

        if (request.SubsystemId is { } subsystemId && !await db.Subsystems.AnyAsync(s => s.Id == subsystemId && s.ClientUnitId == entry.ClientUnitId, cancellationToken))
        {
            errors.Add(nameof(request.SubsystemId), "Validation.Invalid");
        }

        if (request.OutOfScope && string.IsNullOrWhiteSpace(request.RequestedBy))
        {
            errors.Add(nameof(request.RequestedBy), "WorkLog.Error.RequestedBy");
        }

        if (!errors.IsEmpty)
        {
            return errors;
        }

        static string? Clean(string? v) => string.IsNullOrWhiteSpace(v) ? null : v.Trim();
        entry.Type = request.Type;
        entry.Date = date;
        entry.SubsystemId = request.SubsystemId;
        entry.Reference = Clean(request.Reference);
        entry.Result = Clean(request.Result);
        entry.Hours = Math.Round(request.Hours, 1);
        entry.OutOfScope = request.OutOfScope;
        entry.RequestedBy = request.OutOfScope ? Clean(request.RequestedBy) : null;
        if (request.Type == WorkType.Consultation)
        {
            entry.Question = Clean(request.Question);
            entry.Answer = Clean(request.Answer);
            entry.AskedBy = Clean(request.AskedBy);
            entry.AskedAt = request.AskedAt?.ToUniversalTime() ?? entry.AskedAt ?? time.GetUtcNow().UtcDateTime;
            entry.Content = Clean(request.Content) ?? $"技术咨询：{Truncate(entry.Question!, 80)}";
        }
        else
        {
            entry.Content = Clean(request.Content)!;
        }

        return null;
    }

    private static string Truncate(string text, int length) => text.Length <= length ? text : text[..length] + "…";

    private static async Task<IReadOnlyList<WorkEntryView>> ViewsAsync(YunweiDbContext db, Guid unitId, IReadOnlyList<WorkEntry> entries, CancellationToken cancellationToken)
    {
        var subsystems = await db.Subsystems.AsNoTracking().Where(s => s.ClientUnitId == unitId).ToDictionaryAsync(s => s.Id, s => s.Name, cancellationToken);
        var weeks = entries.Select(e => Week.Monday(e.Date)).Distinct().ToList();
        var locked = (await db.WeeklyReports.AsNoTracking()
            .Where(r => r.ClientUnitId == unitId && r.Kind == WeeklyReportKind.WorkloadList && r.IsCurrent && r.State != WeeklyReportState.Draft && weeks.Contains(r.WeekStart))
            .Select(r => r.WeekStart).ToListAsync(cancellationToken)).ToHashSet();
        return [.. entries.Select(w => new WorkEntryView(
            w.Id, w.Date, w.Type, w.SubsystemId, w.SubsystemId is { } s ? subsystems.GetValueOrDefault(s) : null, w.Reference, w.Source, w.SourceId,
            w.Content, w.HandlerId, w.HandlerName, w.Hours, w.Result, w.OutOfScope, w.RequestedBy, w.AskedBy, w.Question, w.Answer, w.AskedAt, w.Revision,
            locked.Contains(Week.Monday(w.Date))))];
    }
}
