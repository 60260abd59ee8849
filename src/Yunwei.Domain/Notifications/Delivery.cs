namespace Yunwei.Domain.Notifications;

/// <summary>Who gets what by mail, and when.</summary>
public static class Delivery
{
    /// <summary>
    /// When a mail may go: now, or — inside the person's quiet hours (China time, may span midnight) —
    /// when they end. Urgent messages (level-1 faults, escalations to leadership) never wait.
    /// </summary>
    public static DateTime MailDue(DateTime nowUtc, TimeOnly? quietFrom, TimeOnly? quietTo, bool urgent)
    {
        if (urgent || quietFrom is not { } from || quietTo is not { } to || from == to)
        {
            return nowUtc;
        }

        var local = ChinaTime.ToLocal(nowUtc);
        var time = TimeOnly.FromDateTime(local);
        var today = DateOnly.FromDateTime(local);
        var inside = from < to ? time >= from && time < to : time >= from || time < to;
        if (!inside)
        {
            return nowUtc;
        }

        // The end is today, or tomorrow when the quiet hours started today and span midnight.
        var endDay = from > to && time >= from ? today.AddDays(1) : today;
        return ChinaTime.ToUtc(endDay.ToDateTime(to));
    }

    /// <summary>Whether an event (message key) matches a rule's or a mute's prefix ("Notify.Fault." or the full key).</summary>
    public static bool Matches(string prefix, string messageKey) =>
        !string.IsNullOrWhiteSpace(prefix) && messageKey.StartsWith(prefix.Trim(), StringComparison.Ordinal);

    /// <summary>The events a rule or preference can name, by group, in the order the pages list them.</summary>
    public static readonly IReadOnlyList<string> Events =
    [
        "Notify.Fault.Reported", "Notify.Fault.Ruled", "Notify.Fault.Warning", "Notify.Fault.Breach", "Notify.Fault.Escalated", "Notify.Fault.Leadership",
        "Notify.Fault.Unverified", "Notify.Fault.MailReply", "Notify.Approval.", "Notify.Paperwork.", "Notify.Complaint.", "Notify.Inspection.",
        "Notify.Weekly.", "Notify.Assessment.", "Notify.Roster.", "Notify.Stock.",
    ];
}
