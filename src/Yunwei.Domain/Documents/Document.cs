using Yunwei.Domain.Assets;

namespace Yunwei.Domain.Documents;

/// <summary>Kinds of base documents (基础资料) the contract asks to rebuild and archive (docs/contract.md §1, §8).</summary>
public enum DocumentKind
{
    /// <summary>网络拓扑图.</summary>
    NetworkTopology = 0,

    /// <summary>综合布线图.</summary>
    WiringDiagram = 1,

    /// <summary>设备说明书.</summary>
    DeviceManual = 2,

    /// <summary>配置文件/配置备份.</summary>
    Configuration = 3,

    /// <summary>合同.</summary>
    Contract = 4,

    /// <summary>验收记录.</summary>
    AcceptanceRecord = 5,

    /// <summary>其他.</summary>
    Other = 6,
}

/// <summary>A base document of a unit, attached to the unit itself or to a subsystem, place or asset.</summary>
public sealed class Document : IUnitOwned
{
    public const int TitleMaxLength = 200;

    public Guid Id { get; set; } = Guid.CreateVersion7();

    public Guid ClientUnitId { get; set; }

    public required string Title { get; set; }

    public DocumentKind Kind { get; set; }

    public Guid? SubsystemId { get; set; }

    public Guid? LocationId { get; set; }

    public Guid? AssetId { get; set; }

    /// <summary>Number of the newest version (1 for the first upload).</summary>
    public int CurrentVersion { get; set; }

    public DateTime CreatedAt { get; set; }

    public DateTime UpdatedAt { get; set; }
}

/// <summary>One uploaded file of a document. Files are never overwritten: a new upload is a new version.</summary>
public sealed class DocumentVersion : IUnitOwned
{
    public Guid Id { get; set; } = Guid.CreateVersion7();

    public Guid ClientUnitId { get; set; }

    public Guid DocumentId { get; set; }

    public int Version { get; set; }

    /// <summary>The uploaded name, cleaned of paths and unsafe characters.</summary>
    public required string FileName { get; set; }

    /// <summary>The type found from the file's first bytes, not from its name.</summary>
    public required string ContentType { get; set; }

    public long Size { get; set; }

    public required string Sha256 { get; set; }

    /// <summary>Where the bytes are, relative to the file store's root (outside the web root).</summary>
    public required string StorageKey { get; set; }

    public string? Note { get; set; }

    public DateTime UploadedAt { get; set; }

    public string? UploadedBy { get; set; }
}

/// <summary>Which document kinds each subsystem must have, and what the archive holds.</summary>
public static class DocumentCompleteness
{
    /// <summary>Default required kinds: manuals and acceptance records everywhere, plus network and cabling drawings where they matter.</summary>
    public static IReadOnlyList<DocumentKind> DefaultRequired(string subsystemName) => subsystemName switch
    {
        "计算机网络" => [DocumentKind.NetworkTopology, DocumentKind.Configuration, DocumentKind.DeviceManual, DocumentKind.AcceptanceRecord],
        "机房" => [DocumentKind.WiringDiagram, DocumentKind.DeviceManual, DocumentKind.AcceptanceRecord],
        "安防" or "一卡通" or "有(无)线通信" => [DocumentKind.NetworkTopology, DocumentKind.WiringDiagram, DocumentKind.DeviceManual, DocumentKind.AcceptanceRecord],
        "信息安全" => [DocumentKind.NetworkTopology, DocumentKind.Configuration, DocumentKind.AcceptanceRecord],
        _ => [DocumentKind.DeviceManual, DocumentKind.AcceptanceRecord],
    };

    /// <summary>For each required kind, how many documents of that kind the subsystem has (0 = missing).</summary>
    public static IReadOnlyDictionary<DocumentKind, int> Matrix(IEnumerable<DocumentKind> required, IEnumerable<DocumentKind> present)
    {
        var counts = present.GroupBy(k => k).ToDictionary(g => g.Key, g => g.Count());
        return required.Distinct().ToDictionary(k => k, k => counts.GetValueOrDefault(k));
    }
}
