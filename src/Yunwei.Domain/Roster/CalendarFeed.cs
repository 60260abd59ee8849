namespace Yunwei.Domain.Roster;

/// <summary>Whose shifts a calendar subscription shows.</summary>
public enum FeedKind
{
    /// <summary>One engineer's own shifts, in every unit.</summary>
    Engineer = 0,

    /// <summary>Every shift of one unit (for the client's office calendar).</summary>
    Unit = 1,
}

/// <summary>
/// An iCalendar subscription URL (RFC 5545) for phone and desktop calendar apps, which cannot sign
/// in: the secret token in the URL is the key, so only its hash is stored and it can be revoked.
/// </summary>
public sealed class CalendarFeed
{
    public Guid Id { get; set; } = Guid.CreateVersion7();

    public FeedKind Kind { get; set; }

    /// <summary>The engineer (Kind Engineer) or the person who made it (Kind Unit).</summary>
    public Guid UserId { get; set; }

    /// <summary>The unit of a unit feed.</summary>
    public Guid? ClientUnitId { get; set; }

    public required string TokenHash { get; set; }

    /// <summary>The first characters, to tell feeds apart in a list.</summary>
    public required string Prefix { get; set; }

    public DateTime CreatedAt { get; set; }

    public DateTime? RevokedAt { get; set; }
}

/// <summary>A shift handed from one engineer to another: the roster keeps who swapped, when and why.</summary>
public sealed class ShiftSwap : IUnitOwned
{
    public Guid Id { get; set; } = Guid.CreateVersion7();

    public Guid ClientUnitId { get; set; }

    public Guid ShiftId { get; set; }

    public Guid FromEngineerId { get; set; }

    public required string FromEngineerName { get; set; }

    public Guid ToEngineerId { get; set; }

    public required string ToEngineerName { get; set; }

    public required string Reason { get; set; }

    public DateTime At { get; set; }

    public string? By { get; set; }
}
