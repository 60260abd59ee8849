namespace Yunwei.Domain.Assets;

/// <summary>资产状态.</summary>
public enum AssetStatus
{
    /// <summary>在用.</summary>
    InUse = 0,

    /// <summary>备用.</summary>
    Spare = 1,

    /// <summary>维修中.</summary>
    UnderRepair = 2,

    /// <summary>已报废.</summary>
    Scrapped = 3,
}

/// <summary>A device or system the provider maintains: a PC, a camera, a switch, the UPS…</summary>
public sealed class Asset : IUnitOwned
{
    public const int CodeMaxLength = 50;
    public const int NameMaxLength = 100;

    public Guid Id { get; set; } = Guid.CreateVersion7();

    public Guid ClientUnitId { get; set; }

    /// <summary>Unique within the unit, e.g. "AF-CAM-0001"; printed on the QR label.</summary>
    public required string Code { get; set; }

    public required string Name { get; set; }

    public Guid AssetTypeId { get; set; }

    public Guid SubsystemId { get; set; }

    public Guid? LocationId { get; set; }

    public string? Brand { get; set; }

    public string? Model { get; set; }

    public string? SerialNumber { get; set; }

    /// <summary>Normalised IPv4 or IPv6 address.</summary>
    public string? IpAddress { get; set; }

    /// <summary>Normalised as 00:1A:2B:3C:4D:5E.</summary>
    public string? MacAddress { get; set; }

    public string? OwnerDepartment { get; set; }

    public string? Custodian { get; set; }

    public DateOnly? PurchaseDate { get; set; }

    public DateOnly? WarrantyEnds { get; set; }

    public AssetStatus Status { get; set; }

    public string? Notes { get; set; }

    /// <summary>Values of the type's custom attributes, by attribute key.</summary>
    public Dictionary<string, string> Attributes { get; set; } = [];

    public DateTime CreatedAt { get; set; }

    public DateTime UpdatedAt { get; set; }

    /// <summary>Optimistic concurrency: an edit made on an older revision is refused, never silently overwrites.</summary>
    public int Revision { get; set; }
}
