namespace Yunwei.Web.Tests.Architecture;

/// <summary>
/// A feature folder does not reach into another's files: what many features share lives in
/// <c>Yunwei.Web.Platform</c> (or Infrastructure, Yunwei.Data, Yunwei.Domain). The few real relations
/// between features are listed, each with its reason, in feature-relations.txt beside this file.
/// </summary>
public sealed class FeatureRoomsTests
{
    private static readonly string AllowList = Path.Combine(AppContext.BaseDirectory, "Architecture", "feature-relations.txt");

    /// <summary>"From -> To: reason" per line; # starts a comment.</summary>
    private static Dictionary<(string From, string To), string> Allowed() =>
        File.ReadAllLines(AllowList)
            .Select(l => l.Trim())
            .Where(l => l.Length > 0 && !l.StartsWith('#'))
            .Select(l =>
            {
                var colon = l.IndexOf(':', StringComparison.Ordinal);
                colon.ShouldBeGreaterThan(0, $"'{l}' needs a reason after a colon");
                var pair = l[..colon].Split("->", StringSplitOptions.TrimEntries);
                pair.Length.ShouldBe(2, $"'{l}' is not 'From -> To: reason'");
                l[(colon + 1)..].Trim().ShouldNotBeEmpty($"'{l}' needs a reason");
                return (Key: (pair[0], pair[1]), Reason: l[(colon + 1)..].Trim());
            })
            .ToDictionary(x => x.Key, x => x.Reason);

    [Fact]
    public void No_feature_uses_another_features_types_unless_the_relation_is_listed()
    {
        var found = FeatureReferences.Find(typeof(Program).Assembly);
        var allowed = Allowed();

        var unlisted = found.Where(f => !allowed.ContainsKey(f.Key)).Select(f => $"{f.Key.From} -> {f.Key.To} ({f.Value})").Order().ToList();
        unlisted.ShouldBeEmpty("a feature uses another feature's types: move what both need to Platform, or list the relation with its reason in feature-relations.txt");

        var stale = allowed.Keys.Where(k => !found.ContainsKey(k)).Select(k => $"{k.From} -> {k.To}").Order().ToList();
        stale.ShouldBeEmpty("feature-relations.txt lists relations that no longer exist: remove them");
    }

    [Fact]
    public void The_reader_sees_a_use_hidden_in_a_lambda_and_only_real_uses()
    {
        var found = FeatureReferences.Find(typeof(FeatureRoomsTests).Assembly);

        found.Keys.ShouldContain(("ProbeA", "ProbeB"), "a static call inside a lambda inside an async method");
        found.Keys.ShouldNotContain(("ProbeB", "ProbeA"));
        found.Keys.ShouldNotContain(("ProbeA", "ProbeC"), "a feature named only in a string is not used");
    }
}

