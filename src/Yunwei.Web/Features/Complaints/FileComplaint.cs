using Microsoft.EntityFrameworkCore;
using Yunwei.Domain;
using Yunwei.Domain.Administration;
using Yunwei.Domain.Complaints;
using Yunwei.Domain.Sla;
using Yunwei.Web.Infrastructure;
using Yunwei.Web.Platform;

namespace Yunwei.Web.Features.Complaints;

/// <param name="ReceivedAt">When it came in (a phone call recorded afterwards); defaults to now.</param>
public sealed record FileComplaintRequest(
    ComplaintCategory Category, string? Subject, string? Description, string? Concerning = null,
    ComplaintChannel Channel = ComplaintChannel.Online, string? ComplainantName = null, string? ComplainantPhone = null, DateTime? ReceivedAt = null);

public sealed partial class ComplaintsHandler
{
    public async Task<Outcome<ComplaintRow>> FileAsync(Guid unitId, FileComplaintRequest request, CancellationToken cancellationToken = default)
    {
        if (!currentUser.Can(Permissions.ComplaintsFile))
        {
            return Outcome<ComplaintRow>.NotAllowed();
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        if (!await db.ClientUnits.AnyAsync(u => u.Id == unitId, cancellationToken))
        {
            return Outcome<ComplaintRow>.NotFound();
        }

        var now = time.GetUtcNow().UtcDateTime;
        var errors = new ValidationErrors()
            .Required(nameof(request.Subject), request.Subject, 200)
            .Required(nameof(request.Description), request.Description, Complaint.MaxText)
            .Optional(nameof(request.Concerning), request.Concerning, 200)
            .Optional(nameof(request.ComplainantName), request.ComplainantName, 100)
            .Optional(nameof(request.ComplainantPhone), request.ComplainantPhone, 30);
        if (!Enum.IsDefined(request.Category))
        {
            errors.Add(nameof(request.Category), "Validation.Invalid");
        }

        if (!Enum.IsDefined(request.Channel))
        {
            errors.Add(nameof(request.Channel), "Validation.Invalid");
        }

        // Someone else's complaint taken by phone or in person names the complainant; one filed online is the user's own.
        var recorded = request.Channel != ComplaintChannel.Online;
        if (recorded && string.IsNullOrWhiteSpace(request.ComplainantName))
        {
            errors.Add(nameof(request.ComplainantName), "Validation.Required");
        }

        var receivedAt = request.ReceivedAt?.ToUniversalTime() ?? now;
        if (receivedAt > now.AddMinutes(1) || receivedAt < now.AddDays(-7))
        {
            errors.Add(nameof(request.ReceivedAt), "Complaint.Error.ReceivedAt");
        }

        if (!errors.IsEmpty)
        {
            return Outcome<ComplaintRow>.Invalid(errors);
        }

        var contract = await CurrentContract.LoadAsync(db.ServiceContracts.AsNoTracking(), unitId, ChinaTime.Today(time.GetUtcNow()), cancellationToken);
        // Complaint deadlines are in plain hours and days (docs/contract.md §10: "within 8 hours", "half a month").
        var (reply, close) = ComplaintRules.Deadlines(
            WorkCalendar.AllDay, receivedAt, contract?.ComplaintReplyHours ?? ComplaintRules.DefaultReplyHours, contract?.ComplaintCloseDays ?? ComplaintRules.DefaultCloseDays);
        var complaint = new Complaint
        {
            ClientUnitId = unitId,
            Category = request.Category,
            Channel = request.Channel,
            Subject = request.Subject!.Trim(),
            Description = request.Description!.Trim(),
            Concerning = string.IsNullOrWhiteSpace(request.Concerning) ? null : request.Concerning.Trim(),
            ComplainantName = recorded ? request.ComplainantName!.Trim() : currentUser.DisplayName ?? "",
            ComplainantPhone = string.IsNullOrWhiteSpace(request.ComplainantPhone) ? null : request.ComplainantPhone.Trim(),
            ComplainantId = recorded ? null : currentUser.UserId,
            ReceivedAt = receivedAt,
            RecordedBy = currentUser.DisplayName,
            ReplyDeadline = reply,
            CloseDeadline = close,
        };
        complaint.NextDueAt = ComplaintRules.NextDue(complaint);
        db.ComplaintEvents.Add(Event(complaint, ComplaintEventType.Received, receivedAt, complaint.Subject));
        var handlers = await NotificationWriter.MembersAsync(db, unitId, [.. Permissions.RolesFor(Permissions.ComplaintsHandle)], cancellationToken);
        var numbers = new DailyNumbers(db, ChinaTime.Today(time.GetUtcNow()), "TS");
        for (var attempt = 0; ; attempt++)
        {
            complaint.Number = await numbers.NextAsync(cancellationToken);
            db.Complaints.Add(complaint);
            NotificationWriter.Add(db, handlers.Cast<Guid?>(), unitId, "Notify.Complaint.Received", [complaint.ComplainantName, complaint.Subject, Format.DateTime(reply)],
                $"/complaints/{complaint.Id}", $"complaint:{complaint.Id}:received", urgent: true, now);
            try
            {
                await db.SaveChangesAsync(cancellationToken);
                break;
            }
            catch (DbUpdateException) when (attempt < 5)
            {
                db.ChangeTracker.Clear();
                db.ComplaintEvents.Add(Event(complaint, ComplaintEventType.Received, receivedAt, complaint.Subject));
            }
        }

        return Outcome<ComplaintRow>.Ok(Row(complaint, now));
    }
}
