using Microsoft.EntityFrameworkCore;
using Yunwei.Domain;
using Yunwei.Domain.Roster;
using Yunwei.Web.Infrastructure;
using Yunwei.Web.Platform;

namespace Yunwei.Web.Features.Roster;

/// <param name="StartsAt">China time; with <paramref name="EndsAt"/> overrides the kind's standard hours.</param>
public sealed record ShiftRequest(DateOnly Date, ShiftKind Kind, Guid EngineerId, bool IsBackup = false, string? Phone = null, string? Note = null,
    TimeOnly? StartsAt = null, TimeOnly? EndsAt = null);

public sealed partial class DutyRostersHandler
{
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
}
