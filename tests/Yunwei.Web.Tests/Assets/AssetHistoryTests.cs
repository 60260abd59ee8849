using System.Net.Http.Json;
using Yunwei.Web.Tests.Infrastructure;

namespace Yunwei.Web.Tests.Assets;

/// <summary>An asset's change history reads in words: types, places, states and people by name, never keys, numbers, revisions or "{}".</summary>
public sealed class AssetHistoryTests(YunweiFactory factory) : IClassFixture<YunweiFactory>
{
    [Fact]
    public async Task The_history_names_the_type_the_place_and_the_state_never_their_keys()
    {
        var resident = await factory.ApiClientAsync("resident");
        var unit = (await (await resident.GetAsync("/api/units")).ReadJsonAsync())[0].GetProperty("id").GetGuid();
        var types = (await (await resident.GetAsync($"/api/units/{unit}/asset-options")).ReadJsonAsync()).GetProperty("types").EnumerateArray()
            .ToDictionary(t => t.GetProperty("name").GetString()!, t => t.GetProperty("id").GetGuid());
        var room = "档案室" + Guid.NewGuid().ToString("N")[..4];
        var place = await (await resident.PostAsJsonAsync($"/api/units/{unit}/locations", new { name = room, kind = "Room" })).Content.ReadFromJsonAsync<Guid>();
        var code = "HIS-" + Guid.NewGuid().ToString("N")[..6];
        var asset = await (await resident.PostAsJsonAsync($"/api/units/{unit}/assets", new { code, name = "档案服务器", assetTypeId = types["服务器"], status = "InUse" }))
            .Content.ReadFromJsonAsync<Guid>();
        var edit = await resident.PutAsJsonAsync($"/api/assets/{asset}", new
        {
            code,
            name = "档案服务器",
            assetTypeId = types["交换机"],
            status = "Spare",
            locationId = place,
            revision = 0,
        });
        edit.EnsureSuccessStatusCode();

        var browser = await FormBrowser.SignedInAsync(factory, "resident");
        var page = await browser.GetStringAsync($"/assets/{asset}");
        var history = page[page.IndexOf("tid-asset-history", StringComparison.Ordinal)..];

        history.ShouldContain("服务器");
        history.ShouldContain("交换机");
        history.ShouldContain(room);
        history.ShouldContain("在用");
        history.ShouldContain("备用");
        foreach (var key in new[] { types["服务器"], types["交换机"], place, unit })
        {
            history.ShouldNotContain(key.ToString(), customMessage: "a key in the history");
        }

        history.ShouldNotContain("Revision");
        history.ShouldNotContain("{}");
        history.ShouldNotContain("<ins>1</ins>", customMessage: "a state as its number");
    }
}
