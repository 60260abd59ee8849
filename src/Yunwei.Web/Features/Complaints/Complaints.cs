using Microsoft.EntityFrameworkCore;
using Yunwei.Data;
using Yunwei.Domain;
using Yunwei.Domain.Administration;
using Yunwei.Domain.Complaints;
using Yunwei.Domain.Units;
using Yunwei.Web.Features.Faults;
using Yunwei.Web.Infrastructure;
using Yunwei.Web.Platform;

namespace Yunwei.Web.Features.Complaints;

public sealed record ComplaintRow(
    Guid Id, string Number, ComplaintCategory Category, string Subject, string ComplainantName, DateTime ReceivedAt, ComplaintState State,
    DateTime ReplyDeadline, DateTime CloseDeadline, DateTime? FirstReplyAt, DateTime? ClosedAt, bool ReplyLate, bool CloseLate, bool Escalated, int? Satisfaction);

public sealed record ComplaintEventView(ComplaintEventType Type, DateTime At, string? ActorName, string? Text);

public sealed record ComplaintView(
    Complaint Complaint, IReadOnlyList<ComplaintEventView> Timeline, IReadOnlyList<LeadershipContact> LeadershipContacts,
    bool ReplyLate, bool CloseLate, bool CanHandle, bool CanConfirm);

/// <summary>
/// Complaints (投诉, contract docs/contract.md §10): filed by the client's people (or recorded from a phone call),
/// answered by the provider, closed only when the client is satisfied or closes it. The reply and
/// closing deadlines come from the contract; the monitor escalates a late first reply to the
/// provider's leadership, and the client then sees the leadership's contacts.
/// </summary>
public sealed partial class ComplaintsHandler(IDbContextFactory<YunweiDbContext> dbFactory, CurrentUser currentUser, TimeProvider time)
{
    public IQueryable<Complaint> Visible(YunweiDbContext db)
    {
        ArgumentNullException.ThrowIfNull(db);
        var me = currentUser.UserId;
        return FaultAccess.OwnOnly(currentUser) ? db.Complaints.Where(c => c.ComplainantId == me) : db.Complaints;
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
