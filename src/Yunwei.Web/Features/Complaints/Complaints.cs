using Microsoft.EntityFrameworkCore;
using Yunwei.Data;
using Yunwei.Domain;
using Yunwei.Domain.Administration;
using Yunwei.Domain.Complaints;
using Yunwei.Domain.Sla;
using Yunwei.Domain.Units;
using Yunwei.Web.Features.Faults;
using Yunwei.Web.Features.Inspections;
using Yunwei.Web.Features.Notifications;
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

/// <param name="ReceivedAt">When it came in (a phone call recorded afterwards); defaults to now.</param>
public sealed record FileComplaintRequest(
    ComplaintCategory Category, string? Subject, string? Description, string? Concerning = null,
    ComplaintChannel Channel = ComplaintChannel.Online, string? ComplainantName = null, string? ComplainantPhone = null, DateTime? ReceivedAt = null);

public sealed record ComplaintActionRequest(ComplaintAction Action, int Revision, string? Text = null, int? Satisfaction = null);

public sealed record ComplaintRow(
    Guid Id, string Number, ComplaintCategory Category, string Subject, string ComplainantName, DateTime ReceivedAt, ComplaintState State,
    DateTime ReplyDeadline, DateTime CloseDeadline, DateTime? FirstReplyAt, DateTime? ClosedAt, bool ReplyLate, bool CloseLate, bool Escalated, int? Satisfaction);

public sealed record ComplaintEventView(ComplaintEventType Type, DateTime At, string? ActorName, string? Text);

public sealed record ComplaintView(
    Complaint Complaint, IReadOnlyList<ComplaintEventView> Timeline, IReadOnlyList<LeadershipContact> LeadershipContacts,
    bool ReplyLate, bool CloseLate, bool CanHandle, bool CanConfirm);

public sealed record ComplaintStats(
    int Total, int Open, int RepliedInTime, int RepliedLate, int NotRepliedOverdue, int ClosedInTime, int ClosedLate, int Escalated,
    double? AverageSatisfaction, IReadOnlyDictionary<ComplaintCategory, int> ByCategory);

/// <summary>
/// Complaints (投诉, contract docs/contract.md §10): filed by the client's people (or recorded from a phone call),
/// answered by the provider, closed only when the client is satisfied or closes it. The reply and
/// closing deadlines come from the contract; the monitor escalates a late first reply to the
/// provider's leadership, and the client then sees the leadership's contacts.
/// </summary>
public sealed class ComplaintsHandler(IDbContextFactory<YunweiDbContext> dbFactory, CurrentUser currentUser, TimeProvider time)
{
    public IQueryable<Complaint> Visible(YunweiDbContext db)
    {
        ArgumentNullException.ThrowIfNull(db);
        var me = currentUser.UserId;
        return FaultAccess.OwnOnly(currentUser) ? db.Complaints.Where(c => c.ComplainantId == me) : db.Complaints;
    }

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

    public async Task<IReadOnlyList<ComplaintRow>?> ListAsync(Guid unitId, bool openOnly, DateOnly? from = null, DateOnly? to = null, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        if (!await db.ClientUnits.AnyAsync(u => u.Id == unitId, cancellationToken))
        {
            return null;
        }

        var rows = Visible(db).AsNoTracking().Where(c => c.ClientUnitId == unitId);
        if (openOnly)
        {
            rows = rows.Where(c => c.State != ComplaintState.Closed);
        }

        if (from is { } f)
        {
            var start = ChinaTime.DayStartUtc(f);
            rows = rows.Where(c => c.ReceivedAt >= start);
        }

        if (to is { } t)
        {
            var end = ChinaTime.DayEndUtc(t);
            rows = rows.Where(c => c.ReceivedAt < end);
        }

        var now = time.GetUtcNow().UtcDateTime;
        return [.. (await rows.OrderByDescending(c => c.ReceivedAt).Take(500).ToListAsync(cancellationToken)).Select(c => Row(c, now))];
    }

    /// <summary>The register's figures for a period (received from..to, China dates).</summary>
    public async Task<ComplaintStats?> StatsAsync(Guid unitId, DateOnly from, DateOnly to, CancellationToken cancellationToken = default)
    {
        var rows = await ListAsync(unitId, false, from, to, cancellationToken);
        if (rows is null)
        {
            return null;
        }

        return new ComplaintStats(
            rows.Count,
            rows.Count(r => r.State != ComplaintState.Closed),
            rows.Count(r => r.FirstReplyAt is { } a && a <= r.ReplyDeadline),
            rows.Count(r => r.FirstReplyAt is { } a && a > r.ReplyDeadline),
            rows.Count(r => r.FirstReplyAt is null && r.ReplyLate),
            rows.Count(r => r.ClosedAt is { } c && c <= r.CloseDeadline),
            rows.Count(r => r.ClosedAt is { } c && c > r.CloseDeadline),
            rows.Count(r => r.Escalated),
            rows.Where(r => r.Satisfaction is not null).Select(r => (double)r.Satisfaction!.Value).DefaultIfEmpty().Average() is var avg && rows.Any(r => r.Satisfaction is not null) ? Math.Round(avg, 2) : null,
            Enum.GetValues<ComplaintCategory>().ToDictionary(c => c, c => rows.Count(r => r.Category == c)));
    }

    public async Task<ComplaintView?> GetAsync(Guid id, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var complaint = await Visible(db).AsNoTracking().FirstOrDefaultAsync(c => c.Id == id, cancellationToken);
        if (complaint is null)
        {
            return null;
        }

        var events = await db.ComplaintEvents.AsNoTracking().Where(e => e.ComplaintId == id).OrderBy(e => e.At).ThenBy(e => e.Id)
            .Select(e => new ComplaintEventView(e.Type, e.At, e.ActorName, e.Text)).ToListAsync(cancellationToken);
        var now = time.GetUtcNow().UtcDateTime;
        var row = Row(complaint, now);

        // docs/contract.md §10: a request without a timely response goes to the provider's leadership directly.
        var contacts = complaint.EscalatedAt is not null || row.ReplyLate
            ? (await CurrentContract.LoadAsync(db.ServiceContracts.AsNoTracking(), complaint.ClientUnitId, ChinaTime.Today(time.GetUtcNow()), cancellationToken))?.LeadershipContacts ?? []
            : [];
        return new ComplaintView(complaint, events, contacts, row.ReplyLate, row.CloseLate,
            CanHandle: currentUser.Can(Permissions.ComplaintsHandle) && complaint.State != ComplaintState.Closed,
            CanConfirm: complaint.State != ComplaintState.Closed && IsClientSide(complaint));
    }

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

    /// <summary>The client's side of a complaint: the complainant, or the client's people who rule faults.</summary>
    private bool IsClientSide(Complaint complaint) =>
        (currentUser.UserId is { } me && complaint.ComplainantId == me) || currentUser.Can(Permissions.FaultsRule);

    /// <summary>The complainant hears of a reply or a resolution in the notification centre.</summary>
    private static void Tell(YunweiDbContext db, Complaint complaint, string key, string what, DateTime now) =>
        NotificationWriter.Add(db, [complaint.ComplainantId], complaint.ClientUnitId, key, [complaint.Number, complaint.Subject],
            $"/complaints/{complaint.Id}", $"complaint:{complaint.Id}:{what}:{complaint.Revision}", urgent: false, now);

    internal static ComplaintEvent Event(Complaint complaint, ComplaintEventType type, DateTime at, string? text, string? actor = null) => new()
    {
        ClientUnitId = complaint.ClientUnitId,
        ComplaintId = complaint.Id,
        Type = type,
        At = at,
        ActorName = actor ?? complaint.RecordedBy,
        Text = text,
    };

    private static ComplaintRow Row(Complaint c, DateTime now) => new(
        c.Id, c.Number, c.Category, c.Subject, c.ComplainantName, c.ReceivedAt, c.State, c.ReplyDeadline, c.CloseDeadline, c.FirstReplyAt, c.ClosedAt,
        ReplyLate: (c.FirstReplyAt ?? now) > c.ReplyDeadline,
        CloseLate: (c.ClosedAt ?? now) > c.CloseDeadline,
        Escalated: c.EscalatedAt is not null,
        c.Satisfaction);
}
