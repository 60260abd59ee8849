namespace Yunwei.Domain.Assets;

/// <summary>How a custom attribute's value is entered and checked.</summary>
public enum AttributeKind
{
    Text = 0,
    Number = 1,
    IpAddress = 2,
    Choice = 3,
    Date = 4,
}

/// <summary>A custom attribute of an asset type, e.g. a camera's NVR channel.</summary>
public sealed class AttributeDefinition
{
    /// <summary>Stable key stored with each asset's values, e.g. "channel".</summary>
    public required string Key { get; set; }

    /// <summary>What users see, e.g. "通道号".</summary>
    public required string Label { get; set; }

    public AttributeKind Kind { get; set; }

    public bool Required { get; set; }

    /// <summary>Allowed values of a <see cref="AttributeKind.Choice"/> attribute.</summary>
    public List<string> Options { get; set; } = [];

    /// <summary>Unit of a number, e.g. "TB".</summary>
    public string? Unit { get; set; }
}

/// <summary>资产类型: a kind of device, grouped under a subsystem, with its own attributes.</summary>
public sealed class AssetType : IUnitOwned
{
    public const int NameMaxLength = 50;

    public Guid Id { get; set; } = Guid.CreateVersion7();

    public Guid ClientUnitId { get; set; }

    public Guid? SubsystemId { get; set; }

    public required string Name { get; set; }

    public int SortOrder { get; set; }

    /// <summary>Optimistic concurrency: an edit on an older revision is refused.</summary>
    public int Revision { get; set; }

    public List<AttributeDefinition> Attributes { get; set; } = [];
}
