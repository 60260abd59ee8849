using System.Globalization;

namespace Yunwei.Domain.Inspections;

/// <summary>How an item is answered.</summary>
public enum ChecklistItemKind
{
    /// <summary>正常 / 异常: a failed check is a fault (故障).</summary>
    PassFail = 0,

    /// <summary>A measured number with a unit; the normal range and the fault limits decide the result.</summary>
    Reading = 1,

    /// <summary>One of the listed options, each with its result.</summary>
    Choice = 2,

    /// <summary>Free text (a version, a serial number, an observation): normal unless the engineer flags it.</summary>
    Text = 3,
}

/// <summary>正常 / 警告 / 故障 (docs/contract.md §13).</summary>
public enum ItemResult
{
    Normal = 0,
    Warning = 1,
    Fault = 2,
}

public sealed class ChoiceOption
{
    public string Label { get; set; } = "";

    public ItemResult Result { get; set; }
}

/// <summary>
/// One line of a checklist. An item with asset types is answered per asset of those types; an item
/// without is answered once per inspection (the room, the platform, the subsystem as a whole).
/// </summary>
public sealed class ChecklistItem
{
    public const int MaxName = 200;

    /// <summary>Stable within the template's versions, so results of different versions line up.</summary>
    public string Key { get; set; } = "";

    public string Name { get; set; } = "";

    public ChecklistItemKind Kind { get; set; }

    public string? Unit { get; set; }

    /// <summary>Reading: the normal range (inclusive); outside it is a warning.</summary>
    public decimal? NormalMin { get; set; }

    public decimal? NormalMax { get; set; }

    /// <summary>Reading: outside these limits the reading is a fault, not only a warning.</summary>
    public decimal? FaultMin { get; set; }

    public decimal? FaultMax { get; set; }

    public List<ChoiceOption> Choices { get; set; } = [];

    public bool PhotoRequired { get; set; }

    /// <summary>Asset type names the item applies to; empty: once per inspection.</summary>
    public List<string> AssetTypes { get; set; } = [];

    /// <summary>The normal range as printed on the report, e.g. "18–27 ℃", "≤ 80 %".</summary>
    public string? RangeText()
    {
        string N(decimal v) => v.ToString("0.##", CultureInfo.InvariantCulture);
        var unit = string.IsNullOrEmpty(Unit) ? "" : " " + Unit;
        return (Kind, NormalMin, NormalMax) switch
        {
            (ChecklistItemKind.Reading, { } min, { } max) => $"{N(min)}–{N(max)}{unit}",
            (ChecklistItemKind.Reading, { } min, null) => $"≥ {N(min)}{unit}",
            (ChecklistItemKind.Reading, null, { } max) => $"≤ {N(max)}{unit}",
            (ChecklistItemKind.PassFail, _, _) => "正常",
            (ChecklistItemKind.Choice, _, _) => string.Join(" / ", Choices.Where(c => c.Result == ItemResult.Normal).Select(c => c.Label)),
            _ => null,
        };
    }
}

/// <summary>
/// A subsystem's checklist (巡检项) at one version. Editing makes a new version; inspections keep a copy
/// of the items they were done with, so a template change never alters a finished inspection.
/// </summary>
public sealed class ChecklistTemplate : IUnitOwned
{
    public Guid Id { get; set; } = Guid.CreateVersion7();

    public Guid ClientUnitId { get; set; }

    public Guid SubsystemId { get; set; }

    public string Name { get; set; } = "";

    public int Version { get; set; } = 1;

    /// <summary>The version new inspections use; earlier versions stay for the record.</summary>
    public bool IsCurrent { get; set; } = true;

    public List<ChecklistItem> Items { get; set; } = [];

    public DateTime CreatedAt { get; set; }

    public string? CreatedBy { get; set; }
}

public static class ChecklistRules
{
    public const int MaxItems = 200;

    /// <summary>The answer's result, or the resource key of why the value cannot be accepted.</summary>
    public static (ItemResult? Result, string? Error) Evaluate(ChecklistItem item, string? value)
    {
        ArgumentNullException.ThrowIfNull(item);
        var v = value?.Trim();
        if (string.IsNullOrEmpty(v))
        {
            return (null, "Validation.Required");
        }

        switch (item.Kind)
        {
            case ChecklistItemKind.PassFail:
                return v switch
                {
                    "pass" => (ItemResult.Normal, null),
                    "fail" => (ItemResult.Fault, null),
                    _ => (null, "Validation.Invalid"),
                };
            case ChecklistItemKind.Reading:
                if (!TryNumber(v, out var n))
                {
                    return (null, "Inspection.Error.NotANumber");
                }

                if ((item.FaultMin is { } fmin && n < fmin) || (item.FaultMax is { } fmax && n > fmax))
                {
                    return (ItemResult.Fault, null);
                }

                return (item.NormalMin is { } min && n < min) || (item.NormalMax is { } max && n > max)
                    ? (ItemResult.Warning, null)
                    : (ItemResult.Normal, null);
            case ChecklistItemKind.Choice:
                return item.Choices.FirstOrDefault(c => c.Label == v) is { } option ? (option.Result, null) : (null, "Validation.Invalid");
            default:
                return v.Length > 1000 ? (null, "Validation.Invalid") : (ItemResult.Normal, null);
        }
    }

    /// <summary>A number as engineers type it: "28.5", "28,5", full-width digits, a trailing unit sign.</summary>
    public static bool TryNumber(string text, out decimal value)
    {
        ArgumentNullException.ThrowIfNull(text);
        var normal = new string([.. text.Trim().Normalize(System.Text.NormalizationForm.FormKC).Where(c => !char.IsWhiteSpace(c))])
            .Replace(',', '.').TrimEnd('%', '℃', '°', 'C', 'V', 'A');
        return decimal.TryParse(normal, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out value);
    }

    /// <summary>Field errors of a template's items, keyed "Items[i].Field".</summary>
    public static IEnumerable<(string Field, string Key)> Validate(IReadOnlyList<ChecklistItem> items)
    {
        ArgumentNullException.ThrowIfNull(items);
        if (items.Count == 0)
        {
            yield return ("Items", "Checklist.Error.NoItems");
        }

        if (items.Count > MaxItems)
        {
            yield return ("Items", "Checklist.Error.TooMany");
        }

        var keys = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < items.Count; i++)
        {
            var item = items[i];
            var at = $"Items[{i}]";
            if (string.IsNullOrWhiteSpace(item.Name) || item.Name.Length > ChecklistItem.MaxName)
            {
                yield return ($"{at}.Name", "Validation.Required");
            }

            if (!string.IsNullOrEmpty(item.Key) && !keys.Add(item.Key))
            {
                yield return ($"{at}.Key", "Checklist.Error.DuplicateKey");
            }

            if (!Enum.IsDefined(item.Kind))
            {
                yield return ($"{at}.Kind", "Validation.Invalid");
            }

            if (item.Kind == ChecklistItemKind.Reading)
            {
                if (item.NormalMin > item.NormalMax || item.FaultMin > item.FaultMax
                    || item.FaultMin > item.NormalMin || (item.FaultMax is { } fmax && item.NormalMax > fmax))
                {
                    yield return ($"{at}.NormalMin", "Checklist.Error.Range");
                }
            }

            if (item.Kind == ChecklistItemKind.Choice
                && (item.Choices.Count < 2 || item.Choices.Any(c => string.IsNullOrWhiteSpace(c.Label)) || item.Choices.Select(c => c.Label).Distinct().Count() != item.Choices.Count))
            {
                yield return ($"{at}.Choices", "Checklist.Error.Choices");
            }
        }
    }

    /// <summary>Options as one line for editing: "正常，降级:故障，重建中:警告" (an option without a mark is normal).</summary>
    public static string ChoicesText(IEnumerable<ChoiceOption> choices) =>
        string.Join("，", choices.Select(c => c.Result switch
        {
            ItemResult.Normal => c.Label,
            ItemResult.Warning => c.Label + ":警告",
            _ => c.Label + ":故障",
        }));

    /// <summary>Reads <see cref="ChoicesText"/> back; marks may also be written :warning / :fault.</summary>
    public static List<ChoiceOption> ParseChoices(string? text) =>
        [.. (text ?? "").Split(['，', ','], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(part =>
        {
            var pieces = part.Split([':', '：'], 2, StringSplitOptions.TrimEntries);
            var mark = pieces.Length == 2 ? pieces[1].ToUpperInvariant() : "";
            var result = mark is "故障" or "FAULT" ? ItemResult.Fault : mark is "警告" or "WARNING" ? ItemResult.Warning : ItemResult.Normal;
            return new ChoiceOption { Label = pieces[0], Result = result };
        })];

    /// <summary>Gives items without a key a new one not used before in this template's history.</summary>
    public static void AssignKeys(IList<ChecklistItem> items, IEnumerable<string> usedBefore)
    {
        ArgumentNullException.ThrowIfNull(items);
        var used = new HashSet<string>(usedBefore.Concat(items.Select(i => i.Key)).Where(k => !string.IsNullOrEmpty(k)), StringComparer.Ordinal);
        var next = 1;
        foreach (var item in items.Where(i => string.IsNullOrEmpty(i.Key)))
        {
            while (used.Contains($"i{next}"))
            {
                next++;
            }

            item.Key = $"i{next}";
            used.Add(item.Key);
        }
    }
}
