using Yunwei.Domain.Assets;

namespace Yunwei.Domain.Tests.Assets;

public class AssetRulesTests
{
    [Theory]
    [InlineData("192.168.1.10", "192.168.1.10")]
    [InlineData(" 10.0.0.1 ", "10.0.0.1")]
    [InlineData("fe80::1", "fe80::1")]
    [InlineData("2001:DB8::0:1", "2001:db8::1")]
    public void Valid_ip_addresses_are_normalised(string input, string expected)
    {
        AssetRules.TryNormalizeIp(input, out var ip).ShouldBeTrue();
        ip.ShouldBe(expected);
    }

    [Theory]
    [InlineData("")]
    [InlineData("10")]
    [InlineData("10.1")]
    [InlineData("192.168.1")]
    [InlineData("192.168.1.256")]
    [InlineData("192.168.1.1.1")]
    [InlineData("abc")]
    [InlineData("192.168.1.10/24")]
    public void Invalid_ip_addresses_are_rejected(string input) => AssetRules.TryNormalizeIp(input, out _).ShouldBeFalse();

    [Theory]
    [InlineData("00:1a:2b:3c:4d:5e")]
    [InlineData("00-1A-2B-3C-4D-5E")]
    [InlineData("001A.2B3C.4D5E")]
    [InlineData("001a2b3c4d5e")]
    public void Mac_addresses_in_the_usual_notations_are_normalised(string input)
    {
        AssetRules.TryNormalizeMac(input, out var mac).ShouldBeTrue();
        mac.ShouldBe("00:1A:2B:3C:4D:5E");
    }

    [Theory]
    [InlineData("00:1A:2B:3C:4D")]
    [InlineData("00:1A:2B:3C:4D:5G")]
    [InlineData("00:1A:2B:3C:4D:5E:6F")]
    [InlineData("0:01A:2B:3C:4D:5E")]
    [InlineData("001A2B3C4D5E:")]
    public void Malformed_mac_addresses_are_rejected(string input) => AssetRules.TryNormalizeMac(input, out _).ShouldBeFalse();

    private static readonly AttributeDefinition[] Camera =
    [
        new() { Key = "nvr", Label = "所属NVR", Kind = AttributeKind.Text },
        new() { Key = "channel", Label = "通道号", Kind = AttributeKind.Number, Required = true },
        new() { Key = "form", Label = "形态", Kind = AttributeKind.Choice, Options = ["枪机", "球机"] },
        new() { Key = "ip", Label = "IP", Kind = AttributeKind.IpAddress },
        new() { Key = "installed", Label = "安装日期", Kind = AttributeKind.Date },
    ];

    [Fact]
    public void Attribute_values_are_checked_against_the_type_and_cleaned()
    {
        var errors = new List<(string, string)>();

        var values = AssetRules.CleanAttributes(Camera, new Dictionary<string, string?>
        {
            ["nvr"] = " NVR-01 ",
            ["channel"] = "12",
            ["form"] = "球机",
            ["ip"] = "10.1.1.9",
            ["installed"] = "2025-06-01",
        }, errors);

        errors.ShouldBeEmpty();
        values.ShouldBe(new Dictionary<string, string>
        {
            ["nvr"] = "NVR-01",
            ["channel"] = "12",
            ["form"] = "球机",
            ["ip"] = "10.1.1.9",
            ["installed"] = "2025-06-01",
        }, ignoreOrder: true);
    }

    [Fact]
    public void Each_bad_attribute_value_gets_its_own_error()
    {
        var errors = new List<(string Key, string Error)>();

        AssetRules.CleanAttributes(Camera, new Dictionary<string, string?>
        {
            ["channel"] = "twelve",
            ["form"] = "半球",
            ["ip"] = "10.1",
            ["installed"] = "01/06/2025",
            ["color"] = "red",
            ["nvr"] = new string('x', 201),
        }, errors);

        errors.ShouldBe(
        [
            ("color", "Validation.Asset.UnknownAttribute"),
            ("nvr", "Validation.Asset.TextTooLong"),
            ("channel", "Validation.Number"),
            ("form", "Validation.Asset.Choice"),
            ("ip", "Validation.Asset.Ip"),
            ("installed", "Validation.Date"),
        ], ignoreOrder: true);
    }

    [Fact]
    public void A_missing_required_attribute_is_an_error_and_empty_optional_ones_are_dropped()
    {
        var errors = new List<(string Key, string Error)>();

        var values = AssetRules.CleanAttributes(Camera, new Dictionary<string, string?> { ["nvr"] = "  ", ["channel"] = null }, errors);

        errors.ShouldBe([("channel", "Validation.Required")]);
        values.ShouldBeEmpty();
    }

    [Theory]
    [InlineData("2026-12-01", 30, true)]
    [InlineData("2026-12-27", 30, true)]
    [InlineData("2026-12-28", 30, false)]
    [InlineData("2026-11-26", 30, false)]
    public void Warranty_expiring_means_ending_between_today_and_the_horizon(string ends, int days, bool expected) =>
        AssetRules.WarrantyExpiringWithin(DateOnly.Parse(ends, System.Globalization.CultureInfo.InvariantCulture), new DateOnly(2026, 11, 27), days).ShouldBe(expected);

    [Fact]
    public void Every_default_asset_type_belongs_to_one_of_the_twelve_subsystems_with_unique_attribute_keys()
    {
        foreach (var type in AssetTypeDefaults.All())
        {
            Subsystem.DefaultNames.ShouldContain(type.Subsystem);
            type.Attributes.Select(a => a.Key).ShouldBeUnique();
        }

        AssetTypeDefaults.All().Select(t => t.Name).ShouldBeUnique();
    }
}
