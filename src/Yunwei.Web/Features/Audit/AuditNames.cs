using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Yunwei.Data;

namespace Yunwei.Web.Features.Audit;

/// <summary>
/// The names behind the keys an audit entry's changes hold (an asset's type, place, subsystem, a person,
/// a unit, another asset), so a history reads "服务器 → 交换机", never two GUIDs. Looked up through the
/// caller's own context: a key of a record the reader may not see stays unnamed.
/// </summary>
public static class AuditNames
{
    public static async Task<IReadOnlyDictionary<Guid, string>> ResolveAsync(YunweiDbContext db, IEnumerable<string> changes, CancellationToken cancellationToken)
    {
        var keys = changes.SelectMany(Keys).Distinct().ToList();
        var names = new Dictionary<Guid, string>();
        if (keys.Count == 0)
        {
            return names;
        }

        void Add(IEnumerable<(Guid Id, string Name)> found)
        {
            foreach (var (id, name) in found)
            {
                names.TryAdd(id, name);
            }
        }

        Add((await db.AssetTypes.AsNoTracking().Where(t => keys.Contains(t.Id)).Select(t => new { t.Id, t.Name }).ToListAsync(cancellationToken)).Select(x => (x.Id, x.Name)));
        Add((await db.Subsystems.AsNoTracking().Where(t => keys.Contains(t.Id)).Select(t => new { t.Id, t.Name }).ToListAsync(cancellationToken)).Select(x => (x.Id, x.Name)));
        Add((await db.Locations.AsNoTracking().Where(t => keys.Contains(t.Id)).Select(t => new { t.Id, t.Name }).ToListAsync(cancellationToken)).Select(x => (x.Id, x.Name)));
        Add((await db.Assets.AsNoTracking().Where(t => keys.Contains(t.Id)).Select(t => new { t.Id, t.Code, t.Name }).ToListAsync(cancellationToken)).Select(x => (x.Id, $"{x.Code} {x.Name}")));
        Add((await db.ClientUnits.AsNoTracking().Where(t => keys.Contains(t.Id)).Select(t => new { t.Id, t.Name }).ToListAsync(cancellationToken)).Select(x => (x.Id, x.Name)));
        Add((await db.Users.AsNoTracking().Where(t => keys.Contains(t.Id)).Select(t => new { t.Id, t.DisplayName }).ToListAsync(cancellationToken)).Select(x => (x.Id, x.DisplayName)));
        return names;
    }

    /// <summary>The GUID values of one entry's changes (before and after).</summary>
    private static IEnumerable<Guid> Keys(string changes)
    {
        var found = new List<Guid>();
        try
        {
            using var document = JsonDocument.Parse(changes);
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                return found;
            }

            foreach (var property in document.RootElement.EnumerateObject())
            {
                if (property.Value.ValueKind != JsonValueKind.Array)
                {
                    continue;
                }

                foreach (var value in property.Value.EnumerateArray())
                {
                    if (value.ValueKind == JsonValueKind.String && Guid.TryParse(value.GetString(), out var id))
                    {
                        found.Add(id);
                    }
                }
            }
        }
        catch (JsonException)
        {
            // A malformed entry names nothing; the chain check reports it.
        }

        return found;
    }
}
