namespace Yunwei.Domain.Units;

/// <summary>委托单位: a client unit served by the provider, e.g. a court.</summary>
public sealed class ClientUnit
{
    public const int NameMaxLength = 100;
    public const int CodeMaxLength = 32;

    public Guid Id { get; set; } = Guid.CreateVersion7();

    /// <summary>Short unique code used in numbers and URLs, e.g. "DEMO".</summary>
    public required string Code { get; set; }

    public required string Name { get; set; }

    public string? Address { get; set; }

    public bool IsActive { get; set; } = true;

    public DateTime CreatedAt { get; set; }

    /// <summary>Optimistic concurrency: an edit on an older revision is refused.</summary>
    public int Revision { get; set; }
}
