using Microsoft.EntityFrameworkCore;
using Yunwei.Domain.Administration;
using Yunwei.Domain.Roster;
using Yunwei.Web.Infrastructure;
using Yunwei.Web.Platform;

namespace Yunwei.Web.Features.Roster;

public sealed record PublishRequest(int Revision, string? GapsAcknowledgement);

public sealed partial class DutyRostersHandler
{
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
}
