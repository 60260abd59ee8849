namespace Yunwei.Domain.Assets;

/// <summary>子系统: one of the systems a unit runs (docs/contract.md §1), e.g. 安防 or 机房.</summary>
public sealed class Subsystem : IUnitOwned
{
    public Guid Id { get; set; } = Guid.CreateVersion7();

    public Guid ClientUnitId { get; set; }

    public required string Name { get; set; }

    public int SortOrder { get; set; }

    /// <summary>Optimistic concurrency: an edit on an older revision is refused.</summary>
    public int Revision { get; set; }

    /// <summary>The client's person responsible for this subsystem (甲方负责人).</summary>
    public Guid? ClientOwnerId { get; set; }

    /// <summary>The provider's person responsible for this subsystem (乙方负责人).</summary>
    public Guid? ProviderOwnerId { get; set; }

    /// <summary>Document kinds the archive must hold for this subsystem (completeness matrix).</summary>
    public List<Documents.DocumentKind> RequiredDocuments { get; set; } = [];

    /// <summary>The twelve subsystems of docs/contract.md §1, in the contract's order.</summary>
    public static readonly IReadOnlyList<string> DefaultNames =
    [
        "信息管理", "科技法庭", "电子会议", "计算机网络", "有(无)线通信", "办公自动化",
        "安防", "一卡通", "机房", "视频会议", "信息发布", "信息安全",
    ];
}
