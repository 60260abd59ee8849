using Microsoft.EntityFrameworkCore;
using Yunwei.Data;
using Yunwei.Domain.Approvals;
using Yunwei.Web.Features.Notifications;
using Yunwei.Web.Infrastructure;
using Yunwei.Web.Platform;

namespace Yunwei.Web.Features.Approvals;

public sealed record RequestApprovalRequest(
    ApprovalKind Kind,
    string? Title,
    string? Description,
    Dictionary<string, string?>? Fields,
    GatedRecordType GatedType,
    Guid? GatedId,
    DateTime? ExpiresAt,
    VerbalConfirmation? Emergency = null,
    string? GatedAssetCode = null);

/// <summary>The emergency path of a part replacement: who agreed by word, when, and how (电话 / 当面).</summary>
public sealed record VerbalConfirmation(string? ConfirmedBy, DateTime? ConfirmedAt, string? Channel);

/// <summary>
/// Asks the client for consent. Each kind must fill its structured fields; the gated record must be
/// of the same unit. The request starts pending and goes to the kind's client deciders.
/// </summary>
public sealed class RequestApprovalHandler(IDbContextFactory<YunweiDbContext> dbFactory, CurrentUser currentUser, TimeProvider time)
{
    public async Task<Outcome<Guid>> HandleAsync(Guid unitId, RequestApprovalRequest request, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        if (!await db.ClientUnits.AnyAsync(u => u.Id == unitId, cancellationToken))
        {
            return Outcome<Guid>.NotFound();
        }

        var now = time.GetUtcNow().UtcDateTime;
        var errors = new ValidationErrors()
            .Required(nameof(request.Title), request.Title, 200)
            .Optional(nameof(request.Description), request.Description, 4000);
        if (!Enum.IsDefined(request.Kind))
        {
            errors.Add(nameof(request.Kind), "Validation.Invalid");
            return Outcome<Guid>.Invalid(errors);
        }

        var fields = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var key in ApprovalRules.RequiredFields(request.Kind))
        {
            var value = request.Fields?.GetValueOrDefault(key)?.Trim();
            if (string.IsNullOrEmpty(value))
            {
                errors.Add($"Fields.{key}", "Validation.Required");
            }
            else if (value.Length > 2000)
            {
                errors.Add($"Fields.{key}", "Validation.MaxLength", 2000);
            }
            else
            {
                fields[key] = value;
            }
        }

        foreach (var (key, value) in request.Fields ?? [])
        {
            if (!fields.ContainsKey(key) && !string.IsNullOrWhiteSpace(value) && key.Length <= 50 && value.Length <= 2000)
            {
                fields[key] = value.Trim();
            }
        }

        if (request.ExpiresAt is { } expires && expires.ToUniversalTime() <= now)
        {
            errors.Add(nameof(request.ExpiresAt), "Approval.Error.ExpiryPast");
        }

        // An asset may be named by its code instead of its id (the request form does).
        var gatedId = request.GatedId;
        if (request.GatedType == GatedRecordType.Asset && gatedId is null && !string.IsNullOrWhiteSpace(request.GatedAssetCode))
        {
            var code = request.GatedAssetCode.Trim();
            gatedId = await db.Assets.Where(a => a.ClientUnitId == unitId && a.Code == code).Select(a => (Guid?)a.Id).FirstOrDefaultAsync(cancellationToken);
        }

        var gatedOk = request.GatedType switch
        {
            GatedRecordType.None => gatedId is null,
            GatedRecordType.Asset => await db.Assets.AnyAsync(a => a.Id == gatedId && a.ClientUnitId == unitId, cancellationToken),
            GatedRecordType.Engineer => await db.UnitMemberships.AnyAsync(m => m.UserId == gatedId && m.ClientUnitId == unitId, cancellationToken),
            GatedRecordType.Fault => await db.Faults.AnyAsync(f => f.Id == gatedId && f.ClientUnitId == unitId, cancellationToken),
            _ => false,
        };
        if (!gatedOk)
        {
            errors.Add(nameof(request.GatedId), "Approval.Error.UnknownRecord");
        }

        // A third party's time must be a real moment ahead, or it cannot replace a deadline.
        if (request.Kind == ApprovalKind.ThirdPartyDeadline && fields.TryGetValue("newResolveAt", out var newResolveAt)
            && (!ApprovalRules.TryParseDeadline(newResolveAt, out var deadline) || deadline <= now))
        {
            errors.Add("Fields.newResolveAt", "Approval.Error.BadDeadline");
        }

        // Nobody is dispatched without confidentiality training (docs/contract.md §8, §11).
        if (request.Kind == ApprovalKind.StaffingChange && request.GatedType == GatedRecordType.Engineer && gatedOk
            && Domain.Staff.StaffRules.ParseChange(fields.GetValueOrDefault("change")) is Domain.Staff.StaffingChange.Dispatch or Domain.Staff.StaffingChange.Replace
            && !Domain.Staff.StaffRules.MayBeDispatched(await db.EngineerProfiles.AsNoTracking().FirstOrDefaultAsync(p => p.UserId == gatedId, cancellationToken)))
        {
            errors.Add(nameof(request.GatedId), "Staff.Error.NoConfidentialityTraining");
        }

        if (request.Emergency is { } emergency)
        {
            if (request.Kind != ApprovalKind.PartReplacement)
            {
                errors.Add(nameof(request.Emergency), "Approval.Error.EmergencyOnlyParts");
            }

            errors.Required("Emergency.ConfirmedBy", emergency.ConfirmedBy, 100).Required("Emergency.Channel", emergency.Channel, 20);
            if (emergency.ConfirmedAt is null)
            {
                errors.Add("Emergency.ConfirmedAt", "Validation.Required");
            }
            else if (emergency.ConfirmedAt.Value.ToUniversalTime() > now.AddMinutes(5))
            {
                errors.Add("Emergency.ConfirmedAt", "Approval.Error.ConfirmedInFuture");
            }
        }

        if (!errors.IsEmpty)
        {
            return Outcome<Guid>.Invalid(errors);
        }

        var approval = new ApprovalRequest
        {
            ClientUnitId = unitId,
            Kind = request.Kind,
            Title = request.Title!.Trim(),
            Description = string.IsNullOrWhiteSpace(request.Description) ? null : request.Description.Trim(),
            Fields = fields,
            GatedType = request.GatedType,
            GatedId = gatedId,
            RequestedById = currentUser.UserId,
            RequestedByName = currentUser.DisplayName,
            RequestedAt = now,
            ExpiresAt = request.ExpiresAt?.ToUniversalTime(),
            State = ApprovalState.Pending,
            VerbalConfirmedBy = request.Emergency?.ConfirmedBy?.Trim(),
            VerbalConfirmedAt = request.Emergency?.ConfirmedAt?.ToUniversalTime(),
            VerbalChannel = request.Emergency?.Channel?.Trim(),
        };
        db.ApprovalRequests.Add(approval);

        // The deciders hear of it; a gated fault shows it on its timeline.
        var deciders = await NotificationWriter.MembersAsync(db, unitId, [.. ApprovalRules.DeciderRoles(approval.Kind)], cancellationToken);
        NotificationWriter.Add(db, deciders.Cast<Guid?>(), unitId, "Notify.Approval.Requested", [approval.RequestedByName ?? "", $"ApprovalKind.{approval.Kind}", approval.Title],
            "/approvals?scope=ToDecide", $"approval:{approval.Id}:requested", approval.VerbalConfirmedAt is not null, now);
        if (approval.VerbalConfirmedAt is not null)
        {
            // Replaced on a verbal yes: the signature is owed (a paperwork debt) until the form is signed.
            NotificationWriter.Add(db, deciders.Cast<Guid?>(), unitId, "Notify.Paperwork.Debt", [approval.RequestedByName ?? "", approval.Title],
                "/approvals?scope=PaperworkDebts", $"approval:{approval.Id}:debt", false, now);
        }
        if (approval.GatedType == GatedRecordType.Fault && approval.GatedId is { } faultId)
        {
            var requested = Domain.Faults.FaultEvent.Create(
                faultId, unitId, Domain.Faults.FaultEventType.ApprovalRequested, now, now, currentUser.UserId, currentUser.DisplayName, approval.Title);
            requested.ApprovalId = approval.Id;
            db.FaultEvents.Add(requested);
        }

        await db.SaveChangesAsync(cancellationToken);
        return Outcome<Guid>.Ok(approval.Id);
    }
}
