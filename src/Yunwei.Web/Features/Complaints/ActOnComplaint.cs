using Microsoft.EntityFrameworkCore;
using Yunwei.Domain.Administration;
using Yunwei.Domain.Complaints;
using Yunwei.Web.Infrastructure;
using Yunwei.Web.Platform;

namespace Yunwei.Web.Features.Complaints;

public enum ComplaintAction
{
    Reply,
    Note,
    Resolve,

    /// <summary>The client is not satisfied with the resolution.</summary>
    Reopen,

    /// <summary>The client confirms satisfaction (with a rating) or closes it.</summary>
    Close,
}

public sealed record ComplaintActionRequest(ComplaintAction Action, int Revision, string? Text = null, int? Satisfaction = null);

public sealed partial class ComplaintsHandler
{
    public async Task<Outcome<ComplaintView>> ActAsync(Guid id, ComplaintActionRequest request, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var complaint = await Visible(db).FirstOrDefaultAsync(c => c.Id == id, cancellationToken);
        if (complaint is null)
        {
            return Outcome<ComplaintView>.NotFound();
        }

        if (!Enum.IsDefined(request.Action))
        {
            return Outcome<ComplaintView>.Invalid(new ValidationErrors().Add(nameof(request.Action), "Validation.Invalid"));
        }

        var allowed = request.Action is ComplaintAction.Reopen or ComplaintAction.Close
            ? IsClientSide(complaint)
            : currentUser.Can(Permissions.ComplaintsHandle);
        if (!allowed)
        {
            return Outcome<ComplaintView>.NotAllowed();
        }

        if (request.Revision != complaint.Revision)
        {
            return Outcome<ComplaintView>.Conflict();
        }

        var type = request.Action switch
        {
            ComplaintAction.Reply => ComplaintEventType.Replied,
            ComplaintAction.Note => ComplaintEventType.Note,
            ComplaintAction.Resolve => ComplaintEventType.Resolved,
            ComplaintAction.Reopen => ComplaintEventType.Reopened,
            _ => ComplaintEventType.Closed,
        };
        var errors = new ValidationErrors();
        if (ComplaintRules.Check(complaint, type) is { } refused)
        {
            errors.Add("State", refused);
        }

        var text = request.Text?.Trim();
        if (request.Action != ComplaintAction.Close && string.IsNullOrEmpty(text))
        {
            errors.Add(nameof(request.Text), "Validation.Required");
        }
        else if (text?.Length > Complaint.MaxText)
        {
            errors.Add(nameof(request.Text), "Validation.MaxLength", Complaint.MaxText);
        }

        if (request.Satisfaction is { } s && (s < 1 || s > 5))
        {
            errors.Add(nameof(request.Satisfaction), "Complaint.Error.Satisfaction");
        }

        // Confirming a resolution is a judgement: the client says how satisfied it is.
        if (request.Action == ComplaintAction.Close && complaint.State == ComplaintState.Resolved && request.Satisfaction is null)
        {
            errors.Add(nameof(request.Satisfaction), "Complaint.Error.Satisfaction");
        }

        if (!errors.IsEmpty)
        {
            return Outcome<ComplaintView>.Invalid(errors);
        }

        var now = time.GetUtcNow().UtcDateTime;
        switch (request.Action)
        {
            case ComplaintAction.Reply:
                complaint.FirstReplyAt ??= now;
                if (complaint.State == ComplaintState.Received)
                {
                    complaint.State = ComplaintState.Replied;
                }

                Tell(db, complaint, "Notify.Complaint.Replied", "replied", now);
                break;
            case ComplaintAction.Resolve:
                complaint.FirstReplyAt ??= now;
                (complaint.State, complaint.ResolvedAt) = (ComplaintState.Resolved, now);
                Tell(db, complaint, "Notify.Complaint.Resolved", "resolved", now);
                break;
            case ComplaintAction.Reopen:
                (complaint.State, complaint.ResolvedAt) = (ComplaintState.Replied, null);
                var handlers = await NotificationWriter.MembersAsync(db, complaint.ClientUnitId, [.. Permissions.RolesFor(Permissions.ComplaintsHandle)], cancellationToken);
                NotificationWriter.Add(db, handlers.Cast<Guid?>(), complaint.ClientUnitId, "Notify.Complaint.Reopened", [complaint.Number, text ?? ""],
                    $"/complaints/{complaint.Id}", $"complaint:{complaint.Id}:reopened:{complaint.Revision}", urgent: true, now);
                break;
            case ComplaintAction.Close:
                (complaint.State, complaint.ClosedAt, complaint.ClosedBy, complaint.Satisfaction) = (ComplaintState.Closed, now, currentUser.DisplayName, request.Satisfaction);
                break;
        }

        db.ComplaintEvents.Add(new ComplaintEvent
        {
            ClientUnitId = complaint.ClientUnitId,
            ComplaintId = complaint.Id,
            Type = type,
            At = now,
            ActorId = currentUser.UserId,
            ActorName = currentUser.DisplayName,
            Text = request.Satisfaction is { } rating ? $"{rating}/5 {text}".Trim() : text,
        });
        complaint.NextDueAt = ComplaintRules.NextDue(complaint);
        complaint.Revision++;
        if (!await db.SavedAsync(cancellationToken))
        {
            return Outcome<ComplaintView>.Conflict();
        }

        return Outcome<ComplaintView>.Ok((await GetAsync(id, cancellationToken))!);
    }
}
