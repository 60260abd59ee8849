using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using MiniExcelLibs;
using Yunwei.Data;
using Yunwei.Domain.Assets;
using Yunwei.Web.Infrastructure;

namespace Yunwei.Web.Features.Assets;

/// <summary>A problem with one cell of the sheet (row numbers as Excel shows them, header is row 1).</summary>
public sealed record ImportError(int Row, string Column, string? Value, string Reason);

/// <summary>What an import found and did. Nothing is written when <see cref="Written"/> is false.</summary>
public sealed record ImportResult(
    int Rows,
    int ValidRows,
    int InvalidRows,
    int Created,
    int Updated,
    int Unchanged,
    bool Written,
    string? FileError,
    IReadOnlyList<ImportError> Errors);

/// <summary>
/// Imports assets from an .xlsx sheet (the template's columns), upserting by asset code. A dry run
/// only reports. Unless the caller asks to import the valid rows only, nothing is written while any
/// row is invalid. Every problem is reported with its row, column, value and a reason in the
/// user's language.
/// </summary>
public sealed class ImportAssetsHandler(IDbContextFactory<YunweiDbContext> dbFactory, TimeProvider time, IStringLocalizer<SharedResource> localizer)
{
    public const int MaxRows = 100_000;
    public const long MaxBytes = 20 * 1024 * 1024;

    public async Task<ImportResult?> HandleAsync(Guid unitId, Stream file, bool dryRun, bool validRowsOnly, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        if (!await db.ClientUnits.AnyAsync(u => u.Id == unitId, cancellationToken))
        {
            return null;
        }

        // The catalog (types, subsystems, places) is read once: the header check needs the types too.
        var catalog = await AssetCatalog.LoadAsync(db, unitId, cancellationToken);
        var (rows, fileError) = await ReadAsync(file, catalog.Types, cancellationToken);
        if (fileError is not null)
        {
            return new ImportResult(0, 0, 0, 0, 0, 0, false, fileError, []);
        }

        var codes = rows!.Select(r => r.Cells.GetValueOrDefault(AssetSheet.Code)).Where(c => c is not null).Distinct().ToList();
        var existing = await db.Assets.Where(a => a.ClientUnitId == unitId && codes.Contains(a.Code)).ToDictionaryAsync(a => a.Code, StringComparer.Ordinal, cancellationToken);

        var errors = new List<ImportError>();
        var valid = new List<ValidAsset>();
        var firstRowOfCode = new Dictionary<string, int>(StringComparer.Ordinal);
        var invalidRows = 0;
        foreach (var row in rows!)
        {
            var rowErrors = new List<ImportError>();
            var asset = Check(row, catalog, firstRowOfCode, rowErrors);
            if (asset is null)
            {
                invalidRows++;
                errors.AddRange(rowErrors);
            }
            else
            {
                valid.Add(asset);
            }
        }

        var write = !dryRun && valid.Count > 0 && (invalidRows == 0 || validRowsOnly);
        var created = valid.Count(v => !existing.ContainsKey(v.Code));
        var unchanged = valid.Count(v => existing.TryGetValue(v.Code, out var a) && v.SameAs(a));
        var updated = valid.Count - created - unchanged;
        if (write)
        {
            var now = time.GetUtcNow().UtcDateTime;
            foreach (var v in valid)
            {
                if (!existing.TryGetValue(v.Code, out var asset))
                {
                    asset = new Asset { ClientUnitId = unitId, Code = v.Code, Name = v.Name, CreatedAt = now };
                    db.Assets.Add(asset);
                }
                else if (v.SameAs(asset))
                {
                    // No change, no write, no audit entry.
                    continue;
                }

                v.ApplyTo(asset, now);
                asset.Revision++;
            }

            await db.SaveChangesAsync(cancellationToken);
        }

        return new ImportResult(rows.Count, valid.Count, invalidRows, write ? created : 0, write ? updated : 0, unchanged, write, null, errors);
    }

    private sealed record SheetRow(int Number, Dictionary<string, string?> Cells);

    private async Task<(List<SheetRow>? Rows, string? Error)> ReadAsync(Stream file, IReadOnlyList<AssetType> types, CancellationToken cancellationToken)
    {
        // Read into memory once: the signature check, the header check and the rows all need it.
        using var buffer = new MemoryStream();
        await file.CopyToAsync(buffer, cancellationToken);
        if (buffer.Length == 0)
        {
            return (null, localizer["Import.Empty"]);
        }

        var bytes = buffer.GetBuffer();
        if (buffer.Length < 4 || bytes[0] != 'P' || bytes[1] != 'K' || bytes[2] != 3 || bytes[3] != 4)
        {
            return (null, localizer["Import.NotXlsx"]);
        }

        var known = AssetSheet.Headers(types).ToHashSet(StringComparer.Ordinal);
        try
        {
            buffer.Position = 0;
            var headers = MiniExcel.GetColumns(buffer, useHeaderRow: true, excelType: ExcelType.XLSX)
                .Where(h => !string.IsNullOrWhiteSpace(h)).Select(h => h.Trim()).ToList();
            var unknown = headers.Where(h => !known.Contains(h)).ToList();
            if (unknown.Count > 0)
            {
                return (null, localizer["Import.UnknownHeaders", string.Join("、", unknown)]);
            }

            var missing = AssetSheet.Columns.Where(c => c.Required && !headers.Contains(c.Header)).Select(c => c.Header).ToList();
            if (missing.Count > 0)
            {
                return (null, localizer["Import.MissingHeaders", string.Join("、", missing)]);
            }

            buffer.Position = 0;
            var rows = new List<SheetRow>();
            var number = 1;
            foreach (IDictionary<string, object?> raw in MiniExcel.Query(buffer, useHeaderRow: true, excelType: ExcelType.XLSX))
            {
                number++;
                var cells = raw.Where(p => !string.IsNullOrWhiteSpace(p.Key))
                    .ToDictionary(p => p.Key.Trim(), p => AssetSheet.CellText(p.Value), StringComparer.Ordinal);
                if (cells.Values.All(v => v is null))
                {
                    continue;
                }

                if (rows.Count == MaxRows)
                {
                    return (null, localizer["Import.TooManyRows", MaxRows]);
                }

                rows.Add(new SheetRow(number, cells));
            }

            return rows.Count == 0 ? (null, localizer["Import.NoRows"]) : (rows, null);
        }
        catch (Exception ex) when (ex is InvalidDataException or InvalidOperationException or System.Xml.XmlException or IOException or FormatException)
        {
            return (null, localizer["Import.NotXlsx"]);
        }
    }

    private ValidAsset? Check(SheetRow row, AssetCatalog catalog, Dictionary<string, int> firstRowOfCode, List<ImportError> errors)
    {
        string? Cell(string header) => row.Cells.GetValueOrDefault(header);
        void Fail(string header, string reason) => errors.Add(new ImportError(row.Number, header, Cell(header), reason));

        var typeName = Cell(AssetSheet.Type);
        var type = typeName is null ? null : catalog.Types.FirstOrDefault(t => t.Name == typeName);
        if (typeName is not null && type is null)
        {
            Fail(AssetSheet.Type, localizer["Validation.Asset.UnknownType"]);
        }

        Guid? subsystemId = null;
        if (Cell(AssetSheet.Subsystem) is { } subsystemName)
        {
            subsystemId = catalog.Subsystems.FirstOrDefault(s => s.Name == subsystemName)?.Id;
            if (subsystemId is null)
            {
                Fail(AssetSheet.Subsystem, localizer["Validation.Asset.UnknownSubsystem"]);
            }
        }

        Guid? locationId = null;
        if (Cell(AssetSheet.Location) is { } locationText)
        {
            // A full path, or a place name that occurs once in the tree.
            var byPath = catalog.Locations.FirstOrDefault(l => l.Path == locationText);
            var byName = catalog.Locations.Where(l => l.Path.Split(" / ")[^1] == locationText).ToList();
            locationId = byPath?.Id ?? (byName.Count == 1 ? byName[0].Id : null);
            if (locationId is null)
            {
                Fail(AssetSheet.Location, localizer[byName.Count > 1 ? "Import.AmbiguousLocation" : "Validation.Asset.UnknownLocation"]);
            }
        }

        if (!AssetSheet.TryParseStatus(Cell(AssetSheet.Status), out var status))
        {
            Fail(AssetSheet.Status, localizer["Import.Status"]);
        }

        if (!AssetSheet.TryParseDate(Cell("购置日期"), out var bought))
        {
            Fail("购置日期", localizer["Validation.Date"]);
        }

        if (!AssetSheet.TryParseDate(Cell("保修截止"), out var warranty))
        {
            Fail("保修截止", localizer["Validation.Date"]);
        }

        var code = Cell(AssetSheet.Code);
        if (code is not null && !firstRowOfCode.TryAdd(code, row.Number))
        {
            Fail(AssetSheet.Code, localizer["Import.DuplicateCode", firstRowOfCode[code]]);
        }

        var attributes = type?.Attributes.ToDictionary(a => a.Key, a => Cell(a.Label), StringComparer.Ordinal);
        var request = new SaveAssetRequest(
            code, Cell(AssetSheet.Name), type?.Id, subsystemId, locationId, Cell("品牌"), Cell("型号"), Cell("序列号"),
            Cell("IP地址"), Cell("MAC地址"), Cell("使用部门"), Cell("保管人"), bought, warranty, status, Cell("备注"), attributes);
        var validation = new ValidationErrors();
        var valid = AssetValidation.Validate(request, catalog, codeHolder: null, validation);
        foreach (var (field, key, args) in validation.Entries)
        {
            var header = HeaderOf(field, type);
            // Type, subsystem and location problems were reported above with the cell's text.
            if (errors.All(e => e.Column != header))
            {
                Fail(header, localizer[key, args]);
            }
        }

        return errors.Count == 0 ? valid : null;
    }

    private static string HeaderOf(string field, AssetType? type)
    {
        if (field.StartsWith("Attributes.", StringComparison.Ordinal))
        {
            var key = field["Attributes.".Length..];
            return type?.Attributes.FirstOrDefault(a => a.Key == key)?.Label ?? key;
        }

        return AssetSheet.Columns.FirstOrDefault(c => c.Field == field)?.Header ?? field;
    }
}
