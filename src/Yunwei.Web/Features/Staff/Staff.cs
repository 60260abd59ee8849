using Microsoft.EntityFrameworkCore;
using Yunwei.Data;
using Yunwei.Domain;
using Yunwei.Domain.Administration;
using Yunwei.Domain.Staff;
using Yunwei.Domain.Units;
using Yunwei.Web.Features.Notifications;
using Yunwei.Web.Infrastructure;
using Yunwei.Web.Platform;

namespace Yunwei.Web.Features.Staff;


public sealed record CertificateRow(string Name, string? Number, DateOnly? ExpiresOn, bool Expiring);

public sealed record EngineerRow(
    Guid UserId, string Name, IReadOnlyList<string> Roles, string? Phone, string? BackupPhone, IReadOnlyList<string> Skills,
    IReadOnlyList<CertificateRow> Certificates, DateOnly? ConfidentialityTrainedOn, bool MayBeDispatched, string? Note, bool CanEdit,
    IReadOnlyList<string> ServingUnits, int Revision);

public sealed record AssignmentRow(Guid Id, Guid UserId, string EngineerName, DateOnly StartsOn, DateOnly? EndsOn, Guid? ApprovalId, string? Note);

public sealed record StaffView(IReadOnlyList<EngineerRow> Engineers, IReadOnlyList<AssignmentRow> Assignments, IReadOnlyList<LeadershipContact> Leadership);

public sealed record CertificateInput(string? Name, string? Number, DateOnly? ExpiresOn);

/// <param name="Revision">The profile's revision the edit was made on (0 before its first save).</param>
public sealed record ProfileRequest(
    string? Phone, string? BackupPhone, IReadOnlyList<string>? Skills, IReadOnlyList<CertificateInput>? Certificates, DateOnly? ConfidentialityTrainedOn, string? Note,
    int? Revision = null);

/// <summary>
/// The provider's people at a unit (docs/contract.md §8–§10): engineer profiles, who served when, and the
/// leadership contacts the client may call. Engineers keep their own profile; the provider's
/// management keeps everyone's.
/// </summary>
public sealed class StaffHandler(IDbContextFactory<YunweiDbContext> dbFactory, CurrentUser currentUser, TimeProvider time)
{
    public async Task<StaffView?> GetAsync(Guid unitId, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        if (!await db.ClientUnits.AnyAsync(u => u.Id == unitId, cancellationToken))
        {
            return null;
        }

        var today = ChinaTime.Today(time.GetUtcNow());
        var engineerRoles = new[] { Roles.ResidentEngineer, Roles.DutyEngineer, Roles.SupportEngineer };
        var members = await (from m in db.UnitMemberships
                             where m.ClientUnitId == unitId
                             join ur in db.UserRoles on m.UserId equals ur.UserId
                             join r in db.Roles on ur.RoleId equals r.Id
                             where engineerRoles.Contains(r.Name!)
                             join u in db.Users on m.UserId equals u.Id
                             select new { u.Id, u.DisplayName, u.PhoneNumber, Role = r.Name! }).ToListAsync(cancellationToken);
        var ids = members.Select(m => m.Id).Distinct().ToList();
        var profiles = await db.EngineerProfiles.AsNoTracking().Where(p => ids.Contains(p.UserId)).ToDictionaryAsync(p => p.UserId, cancellationToken);

        // The units each engineer serves now (open assignments), among those the reader may see.
        var serving = (await (from a in db.Assignments.AsNoTracking()
                              where ids.Contains(a.UserId) && a.EndsOn == null
                              join u in db.ClientUnits on a.ClientUnitId equals u.Id
                              select new { a.UserId, u.Name }).ToListAsync(cancellationToken))
            .GroupBy(x => x.UserId).ToDictionary(g => g.Key, g => (IReadOnlyList<string>)[.. g.Select(x => x.Name).Distinct()]);
        var engineers = members.GroupBy(m => m.Id).Select(g =>
        {
            var p = profiles.GetValueOrDefault(g.Key);
            var expiring = p is null ? [] : StaffRules.Expiring(p, today).ToHashSet();
            return new EngineerRow(
                g.Key, g.First().DisplayName, [.. g.Select(x => x.Role).Distinct()], p?.Phone ?? g.First().PhoneNumber, p?.BackupPhone, p?.Skills ?? [],
                [.. (p?.Certificates ?? []).Select(c => new CertificateRow(c.Name, c.Number, c.ExpiresOn, expiring.Contains(c)))],
                p?.ConfidentialityTrainedOn, StaffRules.MayBeDispatched(p), p?.Note, CanEdit(g.Key), serving.GetValueOrDefault(g.Key) ?? [], p?.Revision ?? 0);
        }).OrderBy(e => e.Name, StringComparer.Create(new System.Globalization.CultureInfo("zh-CN"), false)).ToList();

        var assignments = await db.Assignments.AsNoTracking().Where(a => a.ClientUnitId == unitId).OrderByDescending(a => a.StartsOn)
            .Select(a => new AssignmentRow(a.Id, a.UserId, a.EngineerName, a.StartsOn, a.EndsOn, a.ApprovalId, a.Note)).ToListAsync(cancellationToken);
        var contract = await CurrentContract.LoadAsync(db.ServiceContracts.AsNoTracking(), unitId, today, cancellationToken);
        return new StaffView(engineers, assignments, contract?.LeadershipContacts ?? []);
    }

    public async Task<Outcome<Guid>> SaveProfileAsync(Guid userId, ProfileRequest request, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        if (!CanEdit(userId))
        {
            return Outcome<Guid>.NotFound();
        }

        var user = await db.Users.FirstOrDefaultAsync(u => u.Id == userId && u.Party == Party.Provider, cancellationToken);
        if (user is null)
        {
            return Outcome<Guid>.NotFound();
        }

        var errors = new ValidationErrors().Optional(nameof(request.Phone), request.Phone, 30).Optional(nameof(request.BackupPhone), request.BackupPhone,
            30).Optional(nameof(request.Note), request.Note, 500);
        var skills = (request.Skills ?? []).Where(s => !string.IsNullOrWhiteSpace(s)).Select(s => s.Trim()).Distinct().ToList();
        if (skills.Count > 30 || skills.Any(s => s.Length > 30))
        {
            errors.Add(nameof(request.Skills), "Staff.Error.Skills");
        }

        var certificates = request.Certificates ?? [];
        for (var i = 0; i < certificates.Count; i++)
        {
            errors.Required($"Certificates[{i}].Name", certificates[i].Name, 60).Optional($"Certificates[{i}].Number", certificates[i].Number, 60);
        }

        if (request.ConfidentialityTrainedOn is { } trained && trained > ChinaTime.Today(time.GetUtcNow()))
        {
            errors.Add(nameof(request.ConfidentialityTrainedOn), "Staff.Error.TrainingInFuture");
        }

        if (!errors.IsEmpty)
        {
            return Outcome<Guid>.Invalid(errors);
        }

        var profile = await db.EngineerProfiles.FirstOrDefaultAsync(p => p.UserId == userId, cancellationToken);
        if (profile is null)
        {
            profile = new EngineerProfile { UserId = userId };
            db.EngineerProfiles.Add(profile);
        }

        if (request.Revision != profile.Revision)
        {
            // Someone else saved the profile since the form opened: nothing is overwritten.
            return Outcome<Guid>.StaleEdit(request.Revision);
        }

        profile.Revision++;

        profile.Phone = string.IsNullOrWhiteSpace(request.Phone) ? null : request.Phone.Trim();
        profile.BackupPhone = string.IsNullOrWhiteSpace(request.BackupPhone) ? null : request.BackupPhone.Trim();
        profile.Skills = skills;
        profile.Certificates = [.. certificates.Select(c => new Certificate { Name = c.Name!.Trim(),
            Number = string.IsNullOrWhiteSpace(c.Number) ? null : c.Number.Trim(), ExpiresOn = c.ExpiresOn })];
        profile.ConfidentialityTrainedOn = request.ConfidentialityTrainedOn;
        profile.Note = string.IsNullOrWhiteSpace(request.Note) ? null : request.Note.Trim();
        profile.UpdatedAt = time.GetUtcNow().UtcDateTime;
        if (profile.Phone is { } phone && phone != user.PhoneNumber)
        {
            // The phone is on the user's record too: an administrator's user form opened before is now old.
            (user.PhoneNumber, user.Revision) = (phone, user.Revision + 1);
        }

        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            // A save of the same revision (or the profile's first one) landed first.
            return Outcome<Guid>.Conflict();
        }

        return Outcome<Guid>.Ok(profile.Id);
    }

    /// <summary>
    /// Carries out an approved staffing change (docs/contract.md §9): a dispatch opens an assignment; a
    /// replacement closes the unit's open assignments and opens the new engineer's; retention changes
    /// nothing but is on record with the approval. Called inside the decision's transaction.
    /// </summary>
    public static async Task ApplyAsync(YunweiDbContext db, Domain.Approvals.ApprovalRequest approval, DateTime nowUtc, CancellationToken cancellationToken)
    {
        if (approval.GatedType != Domain.Approvals.GatedRecordType.Engineer || approval.GatedId is not { } userId
            || StaffRules.ParseChange(approval.Fields.GetValueOrDefault("change")) is not { } change || change == StaffingChange.Retain)
        {
            return;
        }

        var today = ChinaTime.Today(new DateTimeOffset(nowUtc, TimeSpan.Zero));
        var name = await db.Users.Where(u => u.Id == userId).Select(u => u.DisplayName).FirstAsync(cancellationToken);
        var open = await db.Assignments.Where(a => a.ClientUnitId == approval.ClientUnitId && a.EndsOn == null).ToListAsync(cancellationToken);
        if (change == StaffingChange.Replace)
        {
            foreach (var a in open.Where(a => a.UserId != userId))
            {
                a.EndsOn = today;
            }
        }

        if (!open.Any(a => a.UserId == userId))
        {
            db.Assignments.Add(new Assignment { ClientUnitId = approval.ClientUnitId, UserId = userId, EngineerName = name, StartsOn = today, ApprovalId = approval.Id, Note = approval.Title });
        }
    }

    private bool CanEdit(Guid userId) => currentUser.Can(Permissions.StaffManage) || currentUser.UserId == userId;
}
