using Yunwei.Domain.Sla;

namespace Yunwei.Domain.Complaints;

/// <summary>What the complaint is about.</summary>
public enum ComplaintCategory
{
    /// <summary>服务态度.</summary>
    Attitude = 0,

    /// <summary>响应不及时.</summary>
    Timeliness = 1,

    /// <summary>处理质量.</summary>
    Quality = 2,

    /// <summary>人员 (the engineer's conduct, presence, skills).</summary>
    Staff = 3,

    /// <summary>其他.</summary>
    Other = 4,
}

public enum ComplaintChannel
{
    /// <summary>The client user filed it in the system.</summary>
    Online = 0,

    /// <summary>Received by phone and recorded by whoever took it.</summary>
    Phone = 1,

    InPerson = 2,

    Letter = 3,
}

public enum ComplaintState
{
    /// <summary>Received, no reply yet.</summary>
    Received = 0,

    /// <summary>The provider replied; being handled.</summary>
    Replied = 1,

    /// <summary>The provider considers it solved; the client is asked to confirm.</summary>
    Resolved = 2,

    /// <summary>Closed: the client confirmed satisfaction or closed it.</summary>
    Closed = 3,
}

public enum ComplaintEventType
{
    Received = 0,
    Replied = 1,
    Note = 2,
    Resolved = 3,

    /// <summary>The client was not satisfied: handled again.</summary>
    Reopened = 4,
    Closed = 5,

    /// <summary>No first reply in time: the provider's leadership was alerted (docs/contract.md §10).</summary>
    Escalated = 6,

    /// <summary>Not closed within the closing deadline.</summary>
    Overdue = 7,
}

/// <summary>
/// A complaint (投诉, contract docs/contract.md §10): a channel separate from fault reports. First reply within 8 hours
/// of receipt, closed within 15 days (per contract); a late first reply escalates to the provider's
/// leadership, whose contacts the client then sees; closed only when the client is satisfied (or
/// closes it).
/// </summary>
public sealed class Complaint : IUnitOwned
{
    public const int MaxText = 4000;

    public Guid Id { get; set; } = Guid.CreateVersion7();

    public Guid ClientUnitId { get; set; }

    /// <summary>TS-yyyyMMdd-nnn.</summary>
    public string Number { get; set; } = "";

    public ComplaintCategory Category { get; set; }

    public ComplaintChannel Channel { get; set; }

    public string Subject { get; set; } = "";

    public string Description { get; set; } = "";

    /// <summary>The service or the person concerned, as the complainant names it.</summary>
    public string? Concerning { get; set; }

    public string ComplainantName { get; set; } = "";

    public string? ComplainantPhone { get; set; }

    public Guid? ComplainantId { get; set; }

    public DateTime ReceivedAt { get; set; }

    public string? RecordedBy { get; set; }

    public DateTime ReplyDeadline { get; set; }

    public DateTime CloseDeadline { get; set; }

    public ComplaintState State { get; set; }

    public DateTime? FirstReplyAt { get; set; }

    public DateTime? ResolvedAt { get; set; }

    public DateTime? ClosedAt { get; set; }

    public string? ClosedBy { get; set; }

    /// <summary>1–5, given when the client confirms.</summary>
    public int? Satisfaction { get; set; }

    /// <summary>When the leadership was alerted for a late first reply.</summary>
    public DateTime? EscalatedAt { get; set; }

    /// <summary>When the closing deadline passed with the complaint still open (alerted once).</summary>
    public DateTime? OverdueAt { get; set; }

    /// <summary>The next moment the monitor must look at it (a deadline not yet acted on); null: nothing due.</summary>
    public DateTime? NextDueAt { get; set; }

    public int Revision { get; set; }
}

public sealed class ComplaintEvent : IUnitOwned
{
    public Guid Id { get; set; } = Guid.CreateVersion7();

    public Guid ClientUnitId { get; set; }

    public Guid ComplaintId { get; set; }

    public ComplaintEventType Type { get; set; }

    public DateTime At { get; set; }

    public Guid? ActorId { get; set; }

    public string? ActorName { get; set; }

    public string? Text { get; set; }
}

/// <summary>The complaint clocks (on the SLA module's counted-time arithmetic) and what each state allows.</summary>
public static class ComplaintRules
{
    public const int DefaultReplyHours = 8;
    public const int DefaultCloseDays = 15;

    /// <summary>The reply and closing deadlines of a complaint received at <paramref name="receivedAt"/>.</summary>
    public static (DateTime Reply, DateTime Close) Deadlines(WorkCalendar calendar, DateTime receivedAt, int replyHours, int closeDays) =>
        (ClockMath.Advance(calendar, receivedAt, TimeSpan.FromHours(replyHours), []) ?? receivedAt.AddHours(replyHours),
         ClockMath.Advance(calendar, receivedAt, TimeSpan.FromDays(closeDays), []) ?? receivedAt.AddDays(closeDays));

    /// <summary>The next deadline the monitor must act on, or null when none is left.</summary>
    public static DateTime? NextDue(Complaint complaint)
    {
        ArgumentNullException.ThrowIfNull(complaint);
        if (complaint.State == ComplaintState.Closed)
        {
            return null;
        }

        if (complaint.FirstReplyAt is null && complaint.EscalatedAt is null)
        {
            return complaint.ReplyDeadline;
        }

        return complaint.OverdueAt is null ? complaint.CloseDeadline : null;
    }

    public static bool RepliedInTime(Complaint complaint) =>
        complaint?.FirstReplyAt is { } r && r <= complaint.ReplyDeadline;

    public static bool ClosedInTime(Complaint complaint) =>
        complaint?.ClosedAt is { } c && c <= complaint.CloseDeadline;

    /// <summary>The refusal (a resource key) of moving a complaint by <paramref name="type"/>, or null.</summary>
    public static string? Check(Complaint complaint, ComplaintEventType type)
    {
        ArgumentNullException.ThrowIfNull(complaint);
        return (type, complaint.State) switch
        {
            (_, ComplaintState.Closed) when type != ComplaintEventType.Note => "Complaint.Error.Closed",
            (ComplaintEventType.Replied, _) => null,
            (ComplaintEventType.Note, _) => null,
            (ComplaintEventType.Resolved, ComplaintState.Received) => "Complaint.Error.ReplyFirst",
            (ComplaintEventType.Resolved, ComplaintState.Resolved) => "Complaint.Error.AlreadyResolved",
            (ComplaintEventType.Resolved, _) => null,
            (ComplaintEventType.Reopened, ComplaintState.Resolved) => null,
            (ComplaintEventType.Reopened, _) => "Complaint.Error.NotResolved",
            (ComplaintEventType.Closed, _) => null,
            _ => "Validation.Invalid",
        };
    }
}
