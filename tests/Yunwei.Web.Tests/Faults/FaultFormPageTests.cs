using System.Text.RegularExpressions;
using Yunwei.Web.Tests.Infrastructure;

namespace Yunwei.Web.Tests.Faults;

/// <summary>
/// The hotline form starts with its unit's callers and, from a QR code, with the asset chosen — on both
/// databases. On PostgreSQL the layout's units query completes later than the page starts; the page used to
/// start with no unit then, and showed the form without them about every other time.
/// </summary>
public sealed partial class FaultFormPageTests
{
    [SkippableTheory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task The_new_fault_form_always_starts_with_the_units_callers_and_the_scanned_asset(bool postgres)
    {
        await FaultsFactory.OnAsync(postgres, async factory =>
        {
            var (_, code) = await factory.AssetAsync();
            var browser = await FormBrowser.SignedInAsync(factory, "resident");
            for (var i = 0; i < 12; i++)
            {
                var page = await browser.GetStringAsync($"/faults/new?asset={code}");
                var callers = CallersList().Match(page);
                callers.Success.ShouldBeTrue("the form has its callers list");
                Regex.Count(callers.Groups[1].Value, "<option").ShouldBeGreaterThan(0, $"round {i}: the unit's callers are offered");
                page.ShouldContain("data-testid=\"asset-chosen\"", customMessage: $"round {i}: the scanned asset is chosen");
            }
        });
    }

    [GeneratedRegex("<datalist id=\"fault-callers\">(.*?)</datalist>", RegexOptions.Singleline)]
    private static partial Regex CallersList();
}
