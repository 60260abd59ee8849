namespace Yunwei.Domain.Assets;

/// <summary>How two assets are related. Read "From kind To": the camera is connected to the switch.</summary>
public enum RelationKind
{
    /// <summary>连接到: a physical or network link upstream (camera → access switch).</summary>
    ConnectedTo = 0,

    /// <summary>依赖于: needs the other to work (camera → NVR).</summary>
    DependsOn = 1,

    /// <summary>属于/组成部分: a component of the other (disk → storage array).</summary>
    PartOf = 2,
}

/// <summary>A directed relation between two assets of the same unit.</summary>
public sealed class AssetRelation : IUnitOwned
{
    public Guid Id { get; set; } = Guid.CreateVersion7();

    public Guid ClientUnitId { get; set; }

    public Guid FromAssetId { get; set; }

    public Guid ToAssetId { get; set; }

    public RelationKind Kind { get; set; }

    public string? Note { get; set; }

    public DateTime CreatedAt { get; set; }
}

/// <summary>An asset that stops when another fails, and how far away it is (1 = directly).</summary>
public readonly record struct ImpactedAsset(Guid AssetId, int Distance, Guid Via);

/// <summary>Graph rules over a unit's relations: no cycles, and what a failure takes down.</summary>
public static class AssetGraph
{
    /// <summary>
    /// Whether adding From → To would close a loop: true when To already reaches From. A relation to
    /// oneself is a loop too.
    /// </summary>
    public static bool WouldCreateCycle(IEnumerable<(Guid From, Guid To)> edges, Guid from, Guid to)
    {
        if (from == to)
        {
            return true;
        }

        var next = edges.ToLookup(e => e.From, e => e.To);
        var seen = new HashSet<Guid> { to };
        var queue = new Queue<Guid>([to]);
        while (queue.Count > 0)
        {
            foreach (var n in next[queue.Dequeue()])
            {
                if (n == from)
                {
                    return true;
                }

                if (seen.Add(n))
                {
                    queue.Enqueue(n);
                }
            }
        }

        return false;
    }

    /// <summary>
    /// Everything that stops when <paramref name="failed"/> fails: every asset with a path of relations
    /// (connected to, depends on, part of) leading to it, nearest first. Each appears once, at its
    /// shortest distance, with the asset through which the failure reaches it.
    /// </summary>
    public static IReadOnlyList<ImpactedAsset> Impact(IEnumerable<(Guid From, Guid To)> edges, Guid failed)
    {
        var dependents = edges.ToLookup(e => e.To, e => e.From);
        var result = new List<ImpactedAsset>();
        var seen = new HashSet<Guid> { failed };
        var queue = new Queue<(Guid Asset, int Distance)>([(failed, 0)]);
        while (queue.Count > 0)
        {
            var (asset, distance) = queue.Dequeue();
            foreach (var dependent in dependents[asset])
            {
                if (seen.Add(dependent))
                {
                    result.Add(new ImpactedAsset(dependent, distance + 1, asset));
                    queue.Enqueue((dependent, distance + 1));
                }
            }
        }

        return result;
    }
}
