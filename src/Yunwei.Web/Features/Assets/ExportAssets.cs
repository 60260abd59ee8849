using Microsoft.EntityFrameworkCore;
using MiniExcelLibs;
using Yunwei.Data;
using Yunwei.Domain;

namespace Yunwei.Web.Features.Assets;

/// <summary>
/// Writes assets to .xlsx in the import template's layout, so an exported sheet can be edited and
/// imported again: the filtered list, or an empty template for chosen asset types.
/// </summary>
public sealed class ExportAssetsHandler(IDbContextFactory<YunweiDbContext> dbFactory, TimeProvider time)
{
    public const string ContentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    /// <summary>The filtered assets (all pages); null when the unit is not visible.</summary>
    public async Task<byte[]?> ExportAsync(AssetQuery query, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        if (!await db.ClientUnits.AnyAsync(u => u.Id == query.UnitId, cancellationToken))
        {
            return null;
        }

        var catalog = await AssetCatalog.LoadAsync(db, query.UnitId, cancellationToken);
        var types = catalog.Types.ToDictionary(t => t.Id);
        var subsystems = catalog.Subsystems.ToDictionary(s => s.Id, s => s.Name);
        var locations = catalog.Locations.ToDictionary(l => l.Id, l => l.Path);
        var assets = await ListAssetsHandler.Filter(
                db.Assets.AsNoTracking().Where(a => a.ClientUnitId == query.UnitId), query, ChinaTime.Today(time.GetUtcNow()))
            .OrderBy(a => a.Code)
            .ToListAsync(cancellationToken);
        var headers = AssetSheet.Headers(assets.Select(a => a.AssetTypeId).Distinct().Select(id => types[id]));
        var rows = assets.Select(a =>
        {
            var row = headers.ToDictionary(h => h, _ => (object?)null, StringComparer.Ordinal);
            row[AssetSheet.Code] = a.Code;
            row[AssetSheet.Name] = a.Name;
            row[AssetSheet.Type] = types[a.AssetTypeId].Name;
            row[AssetSheet.Subsystem] = subsystems.GetValueOrDefault(a.SubsystemId);
            row[AssetSheet.Location] = a.LocationId is { } l ? locations.GetValueOrDefault(l) : null;
            row[AssetSheet.Status] = AssetSheet.StatusLabels[a.Status];
            row["品牌"] = a.Brand;
            row["型号"] = a.Model;
            row["序列号"] = a.SerialNumber;
            row["IP地址"] = a.IpAddress;
            row["MAC地址"] = a.MacAddress;
            row["使用部门"] = a.OwnerDepartment;
            row["保管人"] = a.Custodian;
            row["购置日期"] = a.PurchaseDate?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
            row["保修截止"] = a.WarrantyEnds?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
            row["备注"] = a.Notes;
            foreach (var attribute in types[a.AssetTypeId].Attributes)
            {
                if (a.Attributes.TryGetValue(attribute.Key, out var value))
                {
                    row[attribute.Label] = value;
                }
            }

            return row;
        }).ToList();
        return Write(headers, rows);
    }

    /// <summary>An empty sheet with the common columns and the attributes of one type (or all types).</summary>
    public async Task<byte[]?> TemplateAsync(Guid unitId, Guid? typeId, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        if (!await db.ClientUnits.AnyAsync(u => u.Id == unitId, cancellationToken))
        {
            return null;
        }

        var types = await db.AssetTypes.AsNoTracking()
            .Where(t => t.ClientUnitId == unitId && (typeId == null || t.Id == typeId))
            .OrderBy(t => t.SortOrder).ToListAsync(cancellationToken);
        return typeId is not null && types.Count == 0 ? null : Write(AssetSheet.Headers(types), []);
    }

    private static byte[] Write(IReadOnlyList<string> headers, List<Dictionary<string, object?>> rows)
    {
        // MiniExcel takes its headers from the first row: an empty sheet gets one blank row, which the import skips.
        if (rows.Count == 0)
        {
            rows.Add(headers.ToDictionary(h => h, _ => (object?)null, StringComparer.Ordinal));
        }

        using var stream = new MemoryStream();
        stream.SaveAs(rows, excelType: ExcelType.XLSX);
        return stream.ToArray();
    }
}
