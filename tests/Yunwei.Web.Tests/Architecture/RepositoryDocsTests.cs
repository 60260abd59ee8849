using System.Text.RegularExpressions;

namespace Yunwei.Web.Tests.Architecture;

/// <summary>
/// The repository stands on its own: code comments cite sections of docs/contract.md that exist, and
/// nothing in README, src or docs points to documents outside the repository.
/// </summary>
public sealed partial class RepositoryDocsTests
{
    private static readonly string Root = FindRoot();

    private static string FindRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Yunwei.slnx")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName ?? throw new InvalidOperationException("the repository root (Yunwei.slnx) is not above " + AppContext.BaseDirectory);
    }

    private static IEnumerable<string> Sources(params string[] patterns) =>
        patterns.SelectMany(p => Directory.EnumerateFiles(Path.Combine(Root, "src"), p, SearchOption.AllDirectories))
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                        && !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal));

    [GeneratedRegex(@"docs/contract\.md §(\d+)")]
    private static partial Regex Citation();

    [GeneratedRegex(@"^## §(\d+) ", RegexOptions.Multiline)]
    private static partial Regex Heading();

    [GeneratedRegex(@"(?:\.\./shared|CONTRACT §|DOMAIN\.md|CONTRACT\.md)")]
    private static partial Regex Outside();

    [Fact]
    public void Every_contract_section_cited_in_the_code_is_a_heading_of_docs_contract_md()
    {
        var headings = Heading().Matches(File.ReadAllText(Path.Combine(Root, "docs", "contract.md"))).Select(m => m.Groups[1].Value).ToHashSet();
        headings.Count.ShouldBeGreaterThanOrEqualTo(12);

        var cited = Sources("*.cs", "*.razor")
            .SelectMany(f => Citation().Matches(File.ReadAllText(f)).Select(m => (File: Path.GetRelativePath(Root, f), Section: m.Groups[1].Value)))
            .ToList();
        cited.ShouldNotBeEmpty();
        cited.Where(c => !headings.Contains(c.Section)).Select(c => $"{c.File}: §{c.Section}").ShouldBeEmpty();
    }

    [Fact]
    public void Nothing_points_to_documents_outside_the_repository()
    {
        var files = Sources("*.cs", "*.razor", "*.json")
            .Concat(Directory.EnumerateFiles(Path.Combine(Root, "docs"), "*.md", SearchOption.AllDirectories))
            .Append(Path.Combine(Root, "README.md"));
        files.Where(f => Outside().IsMatch(File.ReadAllText(f))).Select(f => Path.GetRelativePath(Root, f)).ShouldBeEmpty();
    }

    [GeneratedRegex(@"\.Map(?:Get|Post|Put|Delete|Patch|Methods)\([^;]*?=>", RegexOptions.Singleline)]
    private static partial Regex InlineRoute();

    /// <summary>
    /// A route table reads as a table of contents: each route names its method (no inline lambda body),
    /// and no line of a feature's C# runs to 200 characters or more.
    /// </summary>
    [Fact]
    public void Route_tables_name_their_handlers_and_lines_stay_short()
    {
        var features = Sources("*.cs").Where(f => f.Contains($"{Path.DirectorySeparatorChar}Features{Path.DirectorySeparatorChar}", StringComparison.Ordinal)).ToList();
        var tables = features.Where(f => File.ReadAllText(f).Contains("IEndpointRouteBuilder", StringComparison.Ordinal)).ToList();
        tables.Count.ShouldBeGreaterThan(20);
        tables.Where(f => InlineRoute().IsMatch(File.ReadAllText(f))).Select(f => Path.GetRelativePath(Root, f)).ShouldBeEmpty();
        features.SelectMany(f => File.ReadLines(f).Select((line, i) => (File: f, Line: i + 1, line.Length)))
            .Where(l => l.Length >= 200)
            .Select(l => $"{Path.GetRelativePath(Root, l.File)}:{l.Line} ({l.Length})")
            .ShouldBeEmpty();
    }
}
