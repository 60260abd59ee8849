using System.Text.RegularExpressions;
using System.Xml.Linq;

namespace Yunwei.Web.Tests.Localization;

/// <summary>Every UI text exists in both languages, and pages take their texts from the resources.</summary>
public sealed partial class LocalizationTests
{
    private static readonly string Root = FindRoot();

    private static string FindRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Yunwei.slnx")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName ?? throw new InvalidOperationException("Yunwei.slnx not found above the test folder.");
    }

    private static Dictionary<string, string> Load(string file) =>
        XDocument.Load(Path.Combine(Root, "src/Yunwei.Web/Resources", file)).Root!.Elements("data")
            .ToDictionary(d => d.Attribute("name")!.Value, d => d.Element("value")!.Value);

    [Fact]
    public void Every_key_exists_in_chinese_and_in_english()
    {
        var zh = Load("SharedResource.resx");
        var en = Load("SharedResource.en.resx");

        zh.Keys.Except(en.Keys).ShouldBeEmpty("keys only in Chinese");
        en.Keys.Except(zh.Keys).ShouldBeEmpty("keys only in English");
        zh.Where(p => string.IsNullOrWhiteSpace(p.Value)).ShouldBeEmpty();
        en.Where(p => string.IsNullOrWhiteSpace(p.Value)).ShouldBeEmpty();
    }

    [Fact]
    public void Placeholders_match_between_the_languages()
    {
        var zh = Load("SharedResource.resx");
        var en = Load("SharedResource.en.resx");

        foreach (var (key, text) in zh)
        {
            Placeholders(text).ShouldBe(Placeholders(en[key]), key);
        }
    }

    [Fact]
    public void Every_key_used_in_code_exists()
    {
        var zh = Load("SharedResource.resx");
        var used = Directory.EnumerateFiles(Path.Combine(Root, "src"), "*.*", SearchOption.AllDirectories)
            .Where(f => (f.EndsWith(".razor", StringComparison.Ordinal) || f.EndsWith(".cs", StringComparison.Ordinal)) && !f.Contains("/obj/", StringComparison.Ordinal))
            .SelectMany(f => LiteralKey().Matches(File.ReadAllText(f)).Select(m => m.Groups[1].Value))
            .Distinct();

        used.Where(k => !zh.ContainsKey(k)).ShouldBeEmpty();
    }

    [Fact]
    public void No_chinese_text_is_typed_into_razor_markup()
    {
        var offenders = Directory.EnumerateFiles(Path.Combine(Root, "src/Yunwei.Web"), "*.razor", SearchOption.AllDirectories)
            .Where(f => ChineseInMarkup().IsMatch(File.ReadAllText(f)))
            .Select(f => Path.GetRelativePath(Root, f));

        offenders.ShouldBeEmpty();
    }

    private static string[] Placeholders(string text) => [.. Placeholder().Matches(text).Select(m => m.Value).Order()];

    [GeneratedRegex(@"\{\d+\}")]
    private static partial Regex Placeholder();

    // L["Some.Key"] and validation keys such as "Validation.Required" in code.
    [GeneratedRegex(@"(?:L\[""|""(?=(?:Validation|Problem|Identity)\.))([A-Z][A-Za-z0-9]*\.[A-Za-z0-9.]*[A-Za-z0-9])""")]
    private static partial Regex LiteralKey();

    [GeneratedRegex(@">[^<@]*[\u4e00-\u9fff][^<]*<")]
    private static partial Regex ChineseInMarkup();
}
