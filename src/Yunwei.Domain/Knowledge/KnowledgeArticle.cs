namespace Yunwei.Domain.Knowledge;

/// <summary>
/// A solved fault written up for the next one (docs/contract.md §4: the provider's fault database): symptom,
/// cause, fix and prevention. Kept per client unit: a unit's technical details are confidential (docs/contract.md §11).
/// </summary>
public sealed class KnowledgeArticle : IUnitOwned
{
    public Guid Id { get; set; } = Guid.CreateVersion7();

    public Guid ClientUnitId { get; set; }

    public required string Title { get; set; }

    public required string Symptom { get; set; }

    public string? Cause { get; set; }

    public required string Fix { get; set; }

    public string? Prevention { get; set; }

    public Guid? SubsystemId { get; set; }

    public Guid? AssetTypeId { get; set; }

    /// <summary>The fault whose confirmed report this came from.</summary>
    public Guid? SourceFaultId { get; set; }

    /// <summary>Normalised text of all fields (see <see cref="KnowledgeSearch.Normalize"/>) that the database pre-filters on.</summary>
    public string SearchText { get; set; } = string.Empty;

    public string? CreatedBy { get; set; }

    public DateTime CreatedAt { get; set; }

    public void Index() => SearchText = KnowledgeSearch.Normalize($"{Title} {Symptom} {Cause} {Fix} {Prevention}");
}
