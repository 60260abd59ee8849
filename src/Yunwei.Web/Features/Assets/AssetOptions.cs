using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Yunwei.Data;
using Yunwei.Domain.Assets;

namespace Yunwei.Web.Features.Assets;

public sealed record SubsystemOption(Guid Id, string Name);

public sealed record AssetTypeOption(Guid Id, string Name, Guid? SubsystemId, IReadOnlyList<AttributeDefinition> Attributes);

/// <summary>A location with its full path, e.g. "审判综合楼 / 3楼配线间".</summary>
public sealed record LocationOption(Guid Id, string Path, LocationKind Kind, Guid? ParentId, int Revision);

public sealed record AssetOptions(IReadOnlyList<SubsystemOption> Subsystems, IReadOnlyList<AssetTypeOption> Types, IReadOnlyList<LocationOption> Locations);

/// <summary>The unit's subsystems, asset types and locations: choices for filters and forms.</summary>
public sealed class GetAssetOptionsHandler(IDbContextFactory<YunweiDbContext> dbFactory)
{
    private static readonly StringComparer Chinese = StringComparer.Create(new CultureInfo("zh-CN"), ignoreCase: true);

    public async Task<AssetOptions?> HandleAsync(Guid unitId, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        if (!await db.ClientUnits.AnyAsync(u => u.Id == unitId, cancellationToken))
        {
            return null;
        }

        var subsystems = await db.Subsystems.AsNoTracking().Where(s => s.ClientUnitId == unitId).OrderBy(s => s.SortOrder)
            .Select(s => new SubsystemOption(s.Id, s.Name)).ToListAsync(cancellationToken);
        var types = await db.AssetTypes.AsNoTracking().Where(t => t.ClientUnitId == unitId).OrderBy(t => t.SortOrder)
            .ToListAsync(cancellationToken);
        var locations = await db.Locations.AsNoTracking().Where(l => l.ClientUnitId == unitId).ToListAsync(cancellationToken);
        return new AssetOptions(
            subsystems,
            [.. types.Select(t => new AssetTypeOption(t.Id, t.Name, t.SubsystemId, t.Attributes))],
            LocationPaths(locations));
    }

    /// <summary>Flattens the tree depth-first, siblings by sort order then name, each with its path.</summary>
    internal static IReadOnlyList<LocationOption> LocationPaths(IReadOnlyList<Location> locations)
    {
        var children = locations.ToLookup(l => l.ParentId);
        var result = new List<LocationOption>();
        void Walk(Guid? parent, string prefix, int depth)
        {
            if (depth > 20)
            {
                return;
            }

            foreach (var location in children[parent].OrderBy(l => l.SortOrder).ThenBy(l => l.Name, Chinese))
            {
                var path = prefix.Length == 0 ? location.Name : prefix + " / " + location.Name;
                result.Add(new LocationOption(location.Id, path, location.Kind, location.ParentId, location.Revision));
                Walk(location.Id, path, depth + 1);
            }
        }

        Walk(null, string.Empty, 0);
        return result;
    }
}
