namespace Yunwei.Domain.Notifications;

/// <summary>
/// One message for one person: the in-app notification centre reads it, and it is the outbox the
/// other channels (mail, chat robots) deliver from. The text is a resource key with arguments,
/// rendered in the reader's language.
/// </summary>
public sealed class Notification
{
    public Guid Id { get; set; } = Guid.CreateVersion7();

    public Guid RecipientId { get; set; }

    public Guid? ClientUnitId { get; set; }

    /// <summary>Resource key of the message, e.g. "Notify.Fault.Warning".</summary>
    public required string MessageKey { get; set; }

    public List<string> Args { get; set; } = [];

    /// <summary>Where the message leads, e.g. "/faults/{id}".</summary>
    public string? Link { get; set; }

    /// <summary>Unique per recipient: the same event never notifies one person twice.</summary>
    public required string DedupKey { get; set; }

    /// <summary>Level-1 faults and escalations: never held back by quiet hours.</summary>
    public bool Urgent { get; set; }

    public DateTime CreatedAt { get; set; }

    public DateTime? ReadAt { get; set; }

    /// <summary>Handed to the unit's outgoing channels (robots, webhooks) by the dispatcher.</summary>
    public bool Queued { get; set; }

    /// <summary>The copy by mail to the recipient's own address, per their preferences.</summary>
    public PersonalMail Mail { get; set; }

    public int MailAttempts { get; set; }

    /// <summary>When the mail is (next) due: now, the end of quiet hours, or the next retry.</summary>
    public DateTime? MailDueAt { get; set; }

    public string? MailError { get; set; }
}

public enum PersonalMail
{
    /// <summary>Not by mail: no address, turned off, or this kind muted.</summary>
    None = 0,

    Pending = 1,

    Sent = 2,

    Failed = 3,
}

public enum RuleAudience
{
    /// <summary>The unit's people holding a role.</summary>
    Role = 0,

    /// <summary>The engineers on duty at the moment of the event (published roster), backups included.</summary>
    DutyEngineer = 1,

    /// <summary>The leadership contacts of the unit's contract: by mail to their addresses, in-app to leadership accounts of the unit.</summary>
    Leadership = 2,
}

/// <summary>
/// A unit's rule: an event (message-key prefix) also goes to an audience — beyond the people each
/// feature already tells (the assignee, the unit's engineers) — in-app and, when set, by mail.
/// </summary>
public sealed class NotificationRule : IUnitOwned
{
    public Guid Id { get; set; } = Guid.CreateVersion7();

    public Guid ClientUnitId { get; set; }

    /// <summary>A message key or its prefix, e.g. "Notify.Fault." or "Notify.Fault.Reported".</summary>
    public string Event { get; set; } = "";

    public RuleAudience Audience { get; set; }

    /// <summary>The role, for <see cref="RuleAudience.Role"/>.</summary>
    public string? Role { get; set; }

    /// <summary>Only for urgent events (level-1 faults, escalations to leadership).</summary>
    public bool UrgentOnly { get; set; }

    public bool Enabled { get; set; } = true;

    public DateTime CreatedAt { get; set; }
}

/// <summary>An administrator's wording of a message in one language, replacing the built-in text; the placeholders stay.</summary>
public sealed class MessageTemplate
{
    public Guid Id { get; set; } = Guid.CreateVersion7();

    /// <summary>The message key, e.g. "Notify.Fault.Warning".</summary>
    public string MessageKey { get; set; } = "";

    /// <summary>"zh-CN" or "en".</summary>
    public string Culture { get; set; } = "zh-CN";

    /// <summary>The wording; empty when an administrator went back to the built-in text (the row stays so the revision never repeats).</summary>
    public string Text { get; set; } = "";

    /// <summary>
    /// Optimistic concurrency for the message as a whole: both languages' rows carry the revision of
    /// the last save, and a save names the one it was made on.
    /// </summary>
    public int Revision { get; set; }

    public DateTime UpdatedAt { get; set; }

    public string? UpdatedBy { get; set; }
}
