namespace Yunwei.Domain.Assets;

public enum LocationKind
{
    Building = 0,
    Floor = 1,
    Room = 2,
    ServerRoom = 3,
    WiringCloset = 4,
}

/// <summary>A place in the unit's location tree (building → floor → room).</summary>
public sealed class Location : IUnitOwned
{
    public Guid Id { get; set; } = Guid.CreateVersion7();

    public Guid ClientUnitId { get; set; }

    public Guid? ParentId { get; set; }

    public required string Name { get; set; }

    public LocationKind Kind { get; set; }

    public int SortOrder { get; set; }

    /// <summary>Optimistic concurrency: an edit on an older revision is refused.</summary>
    public int Revision { get; set; }
}
