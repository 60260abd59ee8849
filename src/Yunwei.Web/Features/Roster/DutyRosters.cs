using Microsoft.EntityFrameworkCore;
using Yunwei.Data;
using Yunwei.Domain;
using Yunwei.Domain.Administration;
using Yunwei.Domain.Roster;
using Yunwei.Domain.Sla;
using Yunwei.Web.Features.Notifications;
using Yunwei.Web.Features.Staff;
using Yunwei.Web.Infrastructure;
using Yunwei.Web.Platform;

namespace Yunwei.Web.Features.Roster;

public sealed record ShiftRow(Guid Id, ShiftKind Kind, DateTime StartsAt, DateTime EndsAt, Guid EngineerId, string EngineerName, string? Phone, bool IsBackup, string? Note);

public sealed record SwapRow(Guid ShiftId, string FromEngineerName, string ToEngineerName, string Reason, DateTime At, string? By);

public sealed record SwapRequest(Guid EngineerId, string? Reason, string? Phone = null);

public sealed record RosterView(
    DateOnly Month, RosterState State, int Revision, DateTime? PublishedAt, string? PublishedBy, string? GapsAcknowledgement,
    IReadOnlyList<ShiftRow> Shifts, IReadOnlyList<TimeInterval> Gaps, IReadOnlyList<DateOnly> BackupDays, IReadOnlyList<DateOnly> MissingBackups,
    IReadOnlyList<EngineerChoice> Engineers,
    IReadOnlyList<SwapRow> Swaps);

/// <param name="StartsAt">China time; with <paramref name="EndsAt"/> overrides the kind's standard hours.</param>
public sealed record ShiftRequest(DateOnly Date, ShiftKind Kind, Guid EngineerId, bool IsBackup = false, string? Phone = null, string? Note = null, TimeOnly? StartsAt = null, TimeOnly? EndsAt = null);

public sealed record PublishRequest(int Revision, string? GapsAcknowledgement);

/// <summary>One month of the year's coverage: whether its roster is published and how many hours nobody is on duty.</summary>
public sealed record MonthCoverage(DateOnly Month, RosterState? State, int UncoveredHours, int MissingBackupDays);

public sealed record DutyNow(IReadOnlyList<ShiftRow> OnDuty, IReadOnlyList<ShiftRow> Backups, ShiftRow? Next);

/// <summary>
/// Monthly duty rosters (docs/contract.md §7): shifts per engineer without overlaps, a coverage check of
/// every hour, backups with phone numbers required on holidays and in special periods before
/// publishing, and who is on duty now. Changing a published roster returns it to draft.
/// </summary>
public sealed class DutyRostersHandler(IDbContextFactory<YunweiDbContext> dbFactory, CurrentUser currentUser, TimeProvider time)
{
    public async Task<RosterView?> GetAsync(Guid unitId, DateOnly month, CancellationToken cancellationToken = default)
    {
        month = new DateOnly(month.Year, month.Month, 1);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        if (!await db.ClientUnits.AnyAsync(u => u.Id == unitId, cancellationToken))
        {
            return null;
        }

        var roster = await db.DutyRosters.AsNoTracking().FirstOrDefaultAsync(r => r.ClientUnitId == unitId && r.Month == month, cancellationToken);
        var shifts = roster is null ? [] : await db.Shifts.AsNoTracking().Where(s => s.RosterId == roster.Id).OrderBy(s => s.StartsAt).ToListAsync(cancellationToken);
        var (gaps, needed, missing) = Check(month, await CoverageAsync(db, unitId, month, month.AddMonths(1), cancellationToken));
        var engineers = await Engineers.OfUnitAsync(db, unitId, cancellationToken);
        var ids = shifts.Select(x => x.Id).ToList();
        var swaps = await db.ShiftSwaps.AsNoTracking().Where(w => ids.Contains(w.ShiftId)).OrderBy(w => w.At)
            .Select(w => new SwapRow(w.ShiftId, w.FromEngineerName, w.ToEngineerName, w.Reason, w.At, w.By)).ToListAsync(cancellationToken);
        return new RosterView(
            month, roster?.State ?? RosterState.Draft, roster?.Revision ?? 0, roster?.PublishedAt, roster?.PublishedBy, roster?.GapsAcknowledgement,
            [.. shifts.Select(Row)], gaps, needed, missing, engineers, swaps);
    }

    public async Task<Outcome<Guid>> AddShiftAsync(Guid unitId, ShiftRequest request, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        if (!await db.ClientUnits.AnyAsync(u => u.Id == unitId, cancellationToken))
        {
            return Outcome<Guid>.NotFound();
        }

        var errors = new ValidationErrors().Optional(nameof(request.Phone), request.Phone, 30).Optional(nameof(request.Note), request.Note, 200);
        if (!Enum.IsDefined(request.Kind))
        {
            errors.Add(nameof(request.Kind), "Validation.Invalid");
        }

        var engineer = (await Engineers.OfUnitAsync(db, unitId, cancellationToken)).FirstOrDefault(e => e.Id == request.EngineerId);
        if (engineer is null)
        {
            errors.Add(nameof(request.EngineerId), "Roster.Error.NotAnEngineer");
        }

        var phone = string.IsNullOrWhiteSpace(request.Phone) ? engineer?.Phone : request.Phone.Trim();
        if (request.IsBackup && string.IsNullOrWhiteSpace(phone))
        {
            errors.Add(nameof(request.Phone), "Roster.Error.BackupPhone");
        }

        var (start, end) = RosterRules.DefaultSpan(request.Date, request.Kind);
        if (request.StartsAt is { } from && request.EndsAt is { } to)
        {
            start = ChinaTime.ToUtc(request.Date.ToDateTime(from));
            end = ChinaTime.ToUtc((to <= from ? request.Date.AddDays(1) : request.Date).ToDateTime(to));
        }

        if (!errors.IsEmpty)
        {
            return Outcome<Guid>.Invalid(errors);
        }

        var month = new DateOnly(request.Date.Year, request.Date.Month, 1);
        var roster = await db.DutyRosters.FirstOrDefaultAsync(r => r.ClientUnitId == unitId && r.Month == month, cancellationToken);
        if (roster is null)
        {
            roster = new DutyRoster { ClientUnitId = unitId, Month = month };
            db.DutyRosters.Add(roster);
        }

        var shift = new Shift
        {
            ClientUnitId = unitId,
            RosterId = roster.Id,
            Kind = request.Kind,
            StartsAt = start,
            EndsAt = end,
            EngineerId = engineer!.Id,
            EngineerName = engineer.Name,
            Phone = phone,
            IsBackup = request.IsBackup,
            Note = string.IsNullOrWhiteSpace(request.Note) ? null : request.Note.Trim(),
        };

        // The engineer's shifts in any unit: one person cannot be on duty in two places at once.
        var theirs = await db.Shifts.AsNoTracking().Where(s => s.EngineerId == shift.EngineerId && s.StartsAt < end && start < s.EndsAt).ToListAsync(cancellationToken);
        if (RosterRules.Overlaps(theirs, shift))
        {
            return Outcome<Guid>.Invalid(new ValidationErrors().Add(nameof(request.EngineerId), "Roster.Error.Overlap", engineer.Name));
        }

        db.Shifts.Add(shift);
        Unpublish(roster);
        await db.SaveChangesAsync(cancellationToken);
        return Outcome<Guid>.Ok(shift.Id);
    }

    public async Task<bool> RemoveShiftAsync(Guid shiftId, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var shift = await db.Shifts.FirstOrDefaultAsync(s => s.Id == shiftId, cancellationToken);
        if (shift is null)
        {
            return false;
        }

        var roster = await db.DutyRosters.FirstAsync(r => r.Id == shift.RosterId, cancellationToken);
        db.Shifts.Remove(shift);
        Unpublish(roster);
        await db.SaveChangesAsync(cancellationToken);
        return true;
    }

    /// <summary>
    /// Hands a shift to another engineer of the unit, with the reason; the history keeps every swap.
    /// Coverage does not change, so a published roster stays published; both engineers are told.
    /// </summary>
    public async Task<Outcome<Guid>> SwapAsync(Guid shiftId, SwapRequest request, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var shift = await db.Shifts.FirstOrDefaultAsync(s => s.Id == shiftId, cancellationToken);
        if (shift is null)
        {
            return Outcome<Guid>.NotFound();
        }

        var errors = new ValidationErrors().Required(nameof(request.Reason), request.Reason, 500).Optional(nameof(request.Phone), request.Phone, 30);
        var engineer = (await Engineers.OfUnitAsync(db, shift.ClientUnitId, cancellationToken)).FirstOrDefault(e => e.Id == request.EngineerId);
        if (engineer is null || engineer.Id == shift.EngineerId)
        {
            errors.Add(nameof(request.EngineerId), engineer is null ? "Roster.Error.NotAnEngineer" : "Roster.Error.SameEngineer");
        }

        var phone = string.IsNullOrWhiteSpace(request.Phone) ? engineer?.Phone : request.Phone.Trim();
        if (shift.IsBackup && string.IsNullOrWhiteSpace(phone))
        {
            errors.Add(nameof(request.Phone), "Roster.Error.BackupPhone");
        }

        if (!errors.IsEmpty)
        {
            return Outcome<Guid>.Invalid(errors);
        }

        var theirs = await db.Shifts.AsNoTracking().Where(s => s.EngineerId == engineer!.Id && s.StartsAt < shift.EndsAt && shift.StartsAt < s.EndsAt).ToListAsync(cancellationToken);
        if (theirs.Count > 0)
        {
            return Outcome<Guid>.Invalid(new ValidationErrors().Add(nameof(request.EngineerId), "Roster.Error.Overlap", engineer!.Name));
        }

        var now = time.GetUtcNow().UtcDateTime;
        var swap = new ShiftSwap
        {
            ClientUnitId = shift.ClientUnitId,
            ShiftId = shift.Id,
            FromEngineerId = shift.EngineerId,
            FromEngineerName = shift.EngineerName,
            ToEngineerId = engineer!.Id,
            ToEngineerName = engineer.Name,
            Reason = request.Reason!.Trim(),
            At = now,
            By = currentUser.DisplayName,
        };
        db.ShiftSwaps.Add(swap);
        NotificationWriter.Add(db, [shift.EngineerId, engineer.Id], shift.ClientUnitId, "Notify.Roster.Swapped",
            [Format.DateTime(shift.StartsAt), swap.FromEngineerName, swap.ToEngineerName], $"/roster?month={ChinaTime.ToLocal(shift.StartsAt):yyyy-MM}", $"swap:{swap.Id}", false, now);
        (shift.EngineerId, shift.EngineerName, shift.Phone) = (engineer.Id, engineer.Name, phone);
        await db.SaveChangesAsync(cancellationToken);
        return Outcome<Guid>.Ok(swap.Id);
    }

    /// <summary>
    /// Publishes the month. Refused while a holiday or special-period day lacks a backup with a phone
    /// number; uncovered hours need an explicit acknowledgement, which is recorded.
    /// </summary>
    public async Task<Outcome<RosterView>> PublishAsync(Guid unitId, DateOnly month, PublishRequest request, CancellationToken cancellationToken = default)
    {
        month = new DateOnly(month.Year, month.Month, 1);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var roster = await db.DutyRosters.FirstOrDefaultAsync(r => r.ClientUnitId == unitId && r.Month == month, cancellationToken);
        if (roster is null)
        {
            return await db.ClientUnits.AnyAsync(u => u.Id == unitId, cancellationToken)
                ? Outcome<RosterView>.Invalid(new ValidationErrors().Add("Shifts", "Roster.Error.Empty"))
                : Outcome<RosterView>.NotFound();
        }

        if (request.Revision != roster.Revision)
        {
            return Outcome<RosterView>.Conflict();
        }

        var (gaps, _, missing) = Check(month, await CoverageAsync(db, unitId, month, month.AddMonths(1), cancellationToken));
        var errors = new ValidationErrors();
        if (missing.Count > 0)
        {
            errors.Add("Backups", "Roster.Error.MissingBackups", string.Join("、", missing.Select(d => d.ToString("M月d日", System.Globalization.CultureInfo.InvariantCulture))));
        }

        var acknowledgement = request.GapsAcknowledgement?.Trim();
        if (gaps.Count > 0 && string.IsNullOrEmpty(acknowledgement))
        {
            errors.Add(nameof(request.GapsAcknowledgement), "Roster.Error.Gaps", gaps.Count);
        }
        else if (acknowledgement?.Length > 500)
        {
            errors.Add(nameof(request.GapsAcknowledgement), "Validation.MaxLength", 500);
        }

        if (!errors.IsEmpty)
        {
            return Outcome<RosterView>.Invalid(errors);
        }

        var now = time.GetUtcNow().UtcDateTime;
        roster.State = RosterState.Published;
        roster.PublishedAt = now;
        roster.PublishedBy = currentUser.DisplayName;
        roster.GapsAcknowledgement = gaps.Count > 0 ? acknowledgement : null;
        roster.Revision++;

        // The client sees who answers the hotline this month; the engineers on it see their shifts.
        var readers = await NotificationWriter.MembersAsync(db, unitId, [Roles.ClientAdministrator, Roles.ClientMaintenance], cancellationToken);
        var rostered = await db.Shifts.Where(x => x.RosterId == roster.Id).Select(x => x.EngineerId).Distinct().ToListAsync(cancellationToken);
        NotificationWriter.Add(db, readers.Concat(rostered).Cast<Guid?>(), unitId, "Notify.Roster.Published", [$"{month.Year}", $"{month.Month}", currentUser.DisplayName ?? ""],
            $"/roster?month={month:yyyy-MM}", $"roster:{roster.Id}:{roster.Revision}", false, now);
        if (!await db.SavedAsync(cancellationToken))
        {
            return Outcome<RosterView>.Conflict();
        }

        return Outcome<RosterView>.Ok((await GetAsync(unitId, month, cancellationToken))!);
    }

    /// <summary>The year at a glance (docs/contract.md §7: 7×24 all year): every month's uncovered hours and days without backups.</summary>
    public async Task<IReadOnlyList<MonthCoverage>?> YearAsync(Guid unitId, int year, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        if (!await db.ClientUnits.AnyAsync(u => u.Id == unitId, cancellationToken))
        {
            return null;
        }

        var first = new DateOnly(year, 1, 1);
        var rosters = await db.DutyRosters.AsNoTracking().Where(r => r.ClientUnitId == unitId && r.Month >= first && r.Month < first.AddYears(1)).ToListAsync(cancellationToken);
        var coverage = await CoverageAsync(db, unitId, first, first.AddYears(1), cancellationToken);
        var result = new List<MonthCoverage>();
        for (var month = first; month.Year == year; month = month.AddMonths(1))
        {
            var roster = rosters.FirstOrDefault(r => r.Month == month);
            var (gaps, _, missing) = Check(month, coverage);
            var hours = (int)Math.Ceiling(gaps.Sum(g => (g.End - g.Start).TotalHours));
            result.Add(new MonthCoverage(month, roster?.State, hours, missing.Count));
        }

        return result;
    }

    /// <summary>Who answers the hotline now (published rosters only), the backups reachable now, and who comes next.</summary>
    public async Task<DutyNow?> NowAsync(Guid unitId, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        if (!await db.ClientUnits.AnyAsync(u => u.Id == unitId, cancellationToken))
        {
            return null;
        }

        var now = time.GetUtcNow().UtcDateTime;
        var horizon = now.AddDays(35);
        var shifts = await OnDuty.PublishedShifts(db, unitId, now, horizon).ToListAsync(cancellationToken);
        var (onDuty, backups, next) = RosterRules.OnDuty(shifts, now);
        return new DutyNow([.. onDuty.Select(Row)], [.. backups.Select(Row)], next is null ? null : Row(next));
    }

    private static ShiftRow Row(Shift s) => new(s.Id, s.Kind, s.StartsAt, s.EndsAt, s.EngineerId, s.EngineerName, s.Phone, s.IsBackup, s.Note);

    private static void Unpublish(DutyRoster roster)
    {
        roster.State = RosterState.Draft;
        roster.Revision++;
    }

    private sealed record Coverage(List<Shift> Shifts, List<CalendarDay> Days, List<SpecialPeriod> Periods);

    /// <summary>
    /// Everything the checks of the months from <paramref name="from"/> to <paramref name="to"/> need, in
    /// three queries: every shift of the unit touching them (a night starting on the last day of the
    /// month before covers the first morning), the calendar days around them and the special periods.
    /// </summary>
    private static async Task<Coverage> CoverageAsync(YunweiDbContext db, Guid unitId, DateOnly from, DateOnly to, CancellationToken cancellationToken)
    {
        var (start, end) = (RosterRules.MonthSpan(from).Start, RosterRules.MonthSpan(to.AddMonths(-1)).End);
        var shifts = await db.Shifts.AsNoTracking().Where(s => s.ClientUnitId == unitId && s.StartsAt < end && s.EndsAt > start).ToListAsync(cancellationToken);
        var days = await db.CalendarDays.AsNoTracking().Where(d => d.ClientUnitId == unitId && d.Date >= from.AddDays(-3) && d.Date < to.AddDays(3)).ToListAsync(cancellationToken);
        var periods = await db.SpecialPeriods.AsNoTracking().Where(p => p.ClientUnitId == unitId && p.StartsOn < to && p.EndsOn >= from).ToListAsync(cancellationToken);
        return new Coverage(shifts, days, periods);
    }

    private static (IReadOnlyList<TimeInterval> Gaps, IReadOnlyList<DateOnly> Needed, IReadOnlyList<DateOnly> Missing) Check(DateOnly month, Coverage coverage)
    {
        var span = RosterRules.MonthSpan(month);
        var shifts = coverage.Shifts.Where(s => s.StartsAt < span.End && s.EndsAt > span.Start).ToList();
        var needed = RosterRules.BackupDays(month, coverage.Days, coverage.Periods);
        return (RosterRules.Gaps(month, shifts), needed, RosterRules.MissingBackups(needed, shifts));
    }
}
