using System.Globalization;
using Yunwei.Domain.Assets;

namespace Yunwei.Web.Features.Assets;

/// <summary>
/// The columns of the asset spreadsheet (template, export and import), with the Chinese headers
/// users see in 《资产台账》 and the request field each one fills.
/// </summary>
public static class AssetSheet
{
    public sealed record Column(string Header, string Field, bool Required = false);

    public const string Code = "资产编码";
    public const string Name = "名称";
    public const string Type = "资产类型";
    public const string Subsystem = "子系统";
    public const string Location = "位置";
    public const string Status = "状态";

    public static readonly IReadOnlyList<Column> Columns =
    [
        new(Code, nameof(SaveAssetRequest.Code), true),
        new(Name, nameof(SaveAssetRequest.Name), true),
        new(Type, nameof(SaveAssetRequest.AssetTypeId), true),
        new(Subsystem, nameof(SaveAssetRequest.SubsystemId)),
        new(Location, nameof(SaveAssetRequest.LocationId)),
        new(Status, nameof(SaveAssetRequest.Status)),
        new("品牌", nameof(SaveAssetRequest.Brand)),
        new("型号", nameof(SaveAssetRequest.Model)),
        new("序列号", nameof(SaveAssetRequest.SerialNumber)),
        new("IP地址", nameof(SaveAssetRequest.IpAddress)),
        new("MAC地址", nameof(SaveAssetRequest.MacAddress)),
        new("使用部门", nameof(SaveAssetRequest.OwnerDepartment)),
        new("保管人", nameof(SaveAssetRequest.Custodian)),
        new("购置日期", nameof(SaveAssetRequest.PurchaseDate)),
        new("保修截止", nameof(SaveAssetRequest.WarrantyEnds)),
        new("备注", nameof(SaveAssetRequest.Notes)),
    ];

    /// <summary>Status labels as written in the sheet.</summary>
    public static readonly IReadOnlyDictionary<AssetStatus, string> StatusLabels = new Dictionary<AssetStatus, string>
    {
        [AssetStatus.InUse] = "在用",
        [AssetStatus.Spare] = "备用",
        [AssetStatus.UnderRepair] = "维修中",
        [AssetStatus.Scrapped] = "已报废",
    };

    public static bool TryParseStatus(string? text, out AssetStatus status)
    {
        status = AssetStatus.InUse;
        if (string.IsNullOrWhiteSpace(text))
        {
            return true;
        }

        var value = text.Trim();
        foreach (var (key, label) in StatusLabels)
        {
            if (label == value)
            {
                status = key;
                return true;
            }
        }

        return Enum.TryParse(value, ignoreCase: true, out status) && Enum.IsDefined(status) && !int.TryParse(value, out _);
    }

    private static readonly string[] DateFormats = ["yyyy-MM-dd", "yyyy/M/d", "yyyy-M-d", "yyyy.M.d", "yyyyMMdd"];

    public static bool TryParseDate(string? text, out DateOnly? date)
    {
        date = null;
        if (string.IsNullOrWhiteSpace(text))
        {
            return true;
        }

        if (DateOnly.TryParseExact(text.Trim(), DateFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var parsed))
        {
            date = parsed;
            return true;
        }

        return false;
    }

    /// <summary>A cell as text: dates as yyyy-MM-dd, numbers without exponent or trailing zeros.</summary>
    public static string? CellText(object? value) => value switch
    {
        null => null,
        DateTime d => d.TimeOfDay == TimeSpan.Zero ? d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) : d.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture),
        double n => n.ToString("0.############", CultureInfo.InvariantCulture),
        decimal n => n.ToString("0.############", CultureInfo.InvariantCulture),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString(),
    } is { } text && text.Trim().Length > 0 ? text.Trim() : null;

    /// <summary>The headers of a template: the common columns, then the attributes of the given types.</summary>
    public static IReadOnlyList<string> Headers(IEnumerable<AssetType> types) =>
        [.. Columns.Select(c => c.Header), .. types.SelectMany(t => t.Attributes).Select(a => a.Label).Distinct(StringComparer.Ordinal)];
}
