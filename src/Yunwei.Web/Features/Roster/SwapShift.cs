using Microsoft.EntityFrameworkCore;
using Yunwei.Domain;
using Yunwei.Domain.Roster;
using Yunwei.Web.Infrastructure;
using Yunwei.Web.Platform;

namespace Yunwei.Web.Features.Roster;

public sealed record SwapRequest(Guid EngineerId, string? Reason, string? Phone = null);

public sealed partial class DutyRostersHandler
{
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
}
