using Microsoft.EntityFrameworkCore;
using Yunwei.Data;
using Yunwei.Domain.Roster;
using Yunwei.Domain.Sla;
using Yunwei.Web.Infrastructure;
using Yunwei.Web.Platform;

namespace Yunwei.Web.Features.Roster;

public sealed record ShiftRow(Guid Id, ShiftKind Kind, DateTime StartsAt, DateTime EndsAt, Guid EngineerId, string EngineerName, string? Phone, bool IsBackup, string? Note);

public sealed record SwapRow(Guid ShiftId, string FromEngineerName, string ToEngineerName, string Reason, DateTime At, string? By);

public sealed record RosterView(
    DateOnly Month, RosterState State, int Revision, DateTime? PublishedAt, string? PublishedBy, string? GapsAcknowledgement,
    IReadOnlyList<ShiftRow> Shifts, IReadOnlyList<TimeInterval> Gaps, IReadOnlyList<DateOnly> BackupDays, IReadOnlyList<DateOnly> MissingBackups,
    IReadOnlyList<EngineerChoice> Engineers,
    IReadOnlyList<SwapRow> Swaps);

/// <summary>
/// Monthly duty rosters (docs/contract.md §7): shifts per engineer without overlaps, a coverage check of
/// every hour, backups with phone numbers required on holidays and in special periods before
/// publishing, and who is on duty now. Changing a published roster returns it to draft.
/// </summary>
public sealed partial class DutyRostersHandler(IDbContextFactory<YunweiDbContext> dbFactory, CurrentUser currentUser, TimeProvider time)
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
