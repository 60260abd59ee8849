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
}
