using Microsoft.EntityFrameworkCore;
using Yunwei.Data;
using Yunwei.Domain.Roster;
using Yunwei.Web.Infrastructure;

namespace Yunwei.Web.Features.Roster;

public sealed record CalendarDayRow(DateOnly Date, CalendarDayKind Kind, string Name, string? Source, int Revision);

public sealed record SpecialPeriodRow(Guid Id, string Name, DateOnly StartsOn, DateOnly EndsOn, string? Note);

public sealed record CalendarView(int Year, IReadOnlyList<int> Years, IReadOnlyList<CalendarDayRow> Days, IReadOnlyList<SpecialPeriodRow> Periods);

public sealed record CalendarImportResult(int Year, int Added, int Changed, int Removed);

/// <param name="Revision">The day's revision the change was made on; -1 (or none) for a date not yet on the calendar.</param>
public sealed record CalendarDayRequest(CalendarDayKind Kind, string? Name, int? Revision = null);

public sealed record SpecialPeriodRequest(string? Name, DateOnly StartsOn, DateOnly EndsOn, string? Note);

/// <summary>
/// A unit's working calendar: statutory holidays and make-up working days (imported from a
/// holiday-cn file or entered by hand) and designated special periods. The SLA clocks of a
/// working-hours contract count on it; the roster asks for backups in its holidays and periods.
/// </summary>
public sealed class CalendarsHandler(IDbContextFactory<YunweiDbContext> dbFactory)
{
    public const string ImportedPrefix = "holiday-cn";

    /// <summary>The years a calendar can be read for (a service calendar, not a date library's range).</summary>
    public const int MinYear = 2000;

    public const int MaxYear = 2099;

    public async Task<CalendarView?> GetAsync(Guid unitId, int year, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        if (!await db.ClientUnits.AnyAsync(u => u.Id == unitId, cancellationToken))
        {
            return null;
        }

        var from = new DateOnly(year, 1, 1);
        var to = new DateOnly(year, 12, 31);
        var days = await db.CalendarDays.AsNoTracking().Where(d => d.ClientUnitId == unitId && d.Date >= from && d.Date <= to)
            .OrderBy(d => d.Date).Select(d => new CalendarDayRow(d.Date, d.Kind, d.Name, d.Source, d.Revision)).ToListAsync(cancellationToken);
        var periods = await db.SpecialPeriods.AsNoTracking().Where(p => p.ClientUnitId == unitId && p.StartsOn <= to && p.EndsOn >= from)
            .OrderBy(p => p.StartsOn).Select(p => new SpecialPeriodRow(p.Id, p.Name, p.StartsOn, p.EndsOn, p.Note)).ToListAsync(cancellationToken);
        var stored = await db.CalendarDays.Where(d => d.ClientUnitId == unitId).Select(d => d.Date.Year).Distinct().ToListAsync(cancellationToken);
        var years = stored.Append(year).Distinct().Order().ToList();
        return new CalendarView(year, years, days, periods);
    }

    /// <summary>
    /// Imports a holiday-cn file: all entries or none. The file speaks for its year: imported days of
    /// that year it no longer lists are removed; a hand-entered day on a listed date is replaced.
    /// </summary>
    public async Task<Outcome<CalendarImportResult>> ImportAsync(Guid unitId, string json, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        if (!await db.ClientUnits.AnyAsync(u => u.Id == unitId, cancellationToken))
        {
            return Outcome<CalendarImportResult>.NotFound();
        }

        var (year, entries, problems) = HolidayCnFile.Parse(json);
        if (problems.Count > 0)
        {
            var errors = new ValidationErrors();
            foreach (var problem in problems.Take(20))
            {
                errors.Add("file", problem.Key, problem.Args);
            }

            return Outcome<CalendarImportResult>.Invalid(errors);
        }

        var source = $"{ImportedPrefix} {year}";
        var dates = entries.Select(e => e.Date).ToList();
        var existing = await db.CalendarDays.Where(d => d.ClientUnitId == unitId && (dates.Contains(d.Date) || d.Source == source)).ToListAsync(cancellationToken);
        int added = 0, changed = 0, removed = 0;
        foreach (var entry in entries)
        {
            var day = existing.FirstOrDefault(d => d.Date == entry.Date);
            if (day is null)
            {
                db.CalendarDays.Add(new CalendarDay { ClientUnitId = unitId, Date = entry.Date, Kind = entry.Kind, Name = entry.Name, Source = source });
                added++;
            }
            else if (day.Kind != entry.Kind || day.Name != entry.Name || day.Source != source)
            {
                (day.Kind, day.Name, day.Source, day.Revision) = (entry.Kind, entry.Name, source, day.Revision + 1);
                changed++;
            }
        }

        foreach (var stale in existing.Where(d => d.Source == source && !dates.Contains(d.Date)))
        {
            db.CalendarDays.Remove(stale);
            removed++;
        }

        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            // A day changed by hand (or another import) in between: nothing of this file is applied.
            return Outcome<CalendarImportResult>.Conflict();
        }

        return Outcome<CalendarImportResult>.Ok(new CalendarImportResult(year, added, changed, removed));
    }

    /// <summary>Adds or changes one day by hand.</summary>
    public async Task<Outcome<CalendarDayRow>> SetDayAsync(Guid unitId, DateOnly date, CalendarDayRequest request, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        if (!await db.ClientUnits.AnyAsync(u => u.Id == unitId, cancellationToken))
        {
            return Outcome<CalendarDayRow>.NotFound();
        }

        var errors = new ValidationErrors().Required(nameof(request.Name), request.Name, CalendarDay.NameMaxLength);
        if (!Enum.IsDefined(request.Kind))
        {
            errors.Add(nameof(request.Kind), "Validation.Invalid");
        }

        // A make-up working day is a weekend day worked; a weekday is a working day already.
        if (request.Kind == CalendarDayKind.MakeUpWorkday && date.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday))
        {
            errors.Add("date", "Calendar.Error.MakeUpOnWeekday");
        }

        if (date.Year is < 2000 or > 2100)
        {
            errors.Add("date", "Validation.Invalid");
        }

        if (!errors.IsEmpty)
        {
            return Outcome<CalendarDayRow>.Invalid(errors);
        }

        var day = await db.CalendarDays.FirstOrDefaultAsync(d => d.ClientUnitId == unitId && d.Date == date, cancellationToken);
        if (day is null)
        {
            if (request.Revision is not (null or -1))
            {
                // Changed on a day that has been removed since.
                return Outcome<CalendarDayRow>.Conflict();
            }

            day = new CalendarDay { ClientUnitId = unitId, Date = date, Name = "" };
            db.CalendarDays.Add(day);
        }
        else if (request.Revision != day.Revision)
        {
            // Someone set this day (or imported it) since the caller looked: nothing is overwritten.
            return request.Revision == -1 ? Outcome<CalendarDayRow>.Conflict() : Outcome<CalendarDayRow>.StaleEdit(request.Revision);
        }
        else
        {
            day.Revision++;
        }

        (day.Kind, day.Name, day.Source) = (request.Kind, request.Name!.Trim(), "manual");
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            return Outcome<CalendarDayRow>.Conflict();
        }

        return Outcome<CalendarDayRow>.Ok(new CalendarDayRow(day.Date, day.Kind, day.Name, day.Source, day.Revision));
    }

    public async Task<bool> RemoveDayAsync(Guid unitId, DateOnly date, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var day = await db.CalendarDays.FirstOrDefaultAsync(d => d.ClientUnitId == unitId && d.Date == date, cancellationToken);
        if (day is null)
        {
            return false;
        }

        db.CalendarDays.Remove(day);
        await db.SaveChangesAsync(cancellationToken);
        return true;
    }

    public async Task<Outcome<Guid>> AddPeriodAsync(Guid unitId, SpecialPeriodRequest request, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        if (!await db.ClientUnits.AnyAsync(u => u.Id == unitId, cancellationToken))
        {
            return Outcome<Guid>.NotFound();
        }

        var errors = new ValidationErrors().Required(nameof(request.Name), request.Name, 100).Optional(nameof(request.Note), request.Note, 500);
        if (request.EndsOn < request.StartsOn)
        {
            errors.Add(nameof(request.EndsOn), "Calendar.Error.PeriodEndsBeforeStart");
        }
        else if (request.EndsOn.DayNumber - request.StartsOn.DayNumber > 366)
        {
            errors.Add(nameof(request.EndsOn), "Calendar.Error.PeriodTooLong");
        }

        if (!errors.IsEmpty)
        {
            return Outcome<Guid>.Invalid(errors);
        }

        var period = new SpecialPeriod
        {
            ClientUnitId = unitId,
            Name = request.Name!.Trim(),
            StartsOn = request.StartsOn,
            EndsOn = request.EndsOn,
            Note = string.IsNullOrWhiteSpace(request.Note) ? null : request.Note.Trim()
        };
        db.SpecialPeriods.Add(period);
        await db.SaveChangesAsync(cancellationToken);
        return Outcome<Guid>.Ok(period.Id);
    }

    public async Task<bool> RemovePeriodAsync(Guid id, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var period = await db.SpecialPeriods.FirstOrDefaultAsync(p => p.Id == id, cancellationToken);
        if (period is null)
        {
            return false;
        }

        db.SpecialPeriods.Remove(period);
        await db.SaveChangesAsync(cancellationToken);
        return true;
    }
}
