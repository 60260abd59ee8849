using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Yunwei.Web.Tests.Faults;
using Yunwei.Web.Tests.Infrastructure;

namespace Yunwei.Web.Tests.Inspections;

/// <summary>Steps the inspection tests share: plan the week, open a subsystem's inspection, answer every item.</summary>
internal static class InspectionKit
{
    public static readonly object[][] Ink =
    [
        [new { x = 100, y = 100 }, new { x = 200, y = 250 }, new { x = 300, y = 120 }, new { x = 400, y = 260 }, new { x = 500, y = 110 }],
    ];

    /// <summary>A 1×1 PNG.</summary>
    public static readonly byte[] Png = Convert.FromBase64String("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==");

    public static async Task<Guid> UnitAsync(HttpClient client) =>
        (await (await client.GetAsync("/api/units")).ReadJsonAsync())[0].GetProperty("id").GetGuid();

    /// <summary>Plans the unit's inspections and returns the open one of the subsystem.</summary>
    public static async Task<JsonElement> OpenInspectionAsync(FaultsFactory factory, string subsystem)
    {
        var resident = await factory.ApiClientAsync("resident");
        var unit = await UnitAsync(resident);
        (await resident.PostAsync($"/api/units/{unit}/inspections/plan", null)).StatusCode.ShouldBe(HttpStatusCode.OK);
        var page = await (await resident.GetAsync($"/api/units/{unit}/inspections")).ReadJsonAsync();
        var row = page.GetProperty("rows").EnumerateArray().First(r => r.GetProperty("subsystem").GetString() == subsystem);
        return await (await resident.GetAsync($"/api/inspections/{row.GetProperty("id").GetGuid()}")).ReadJsonAsync();
    }

    /// <summary>A normal answer for an item: pass, the middle of the normal range, the first normal option, a text.</summary>
    public static string NormalValue(JsonElement item) => item.GetProperty("kind").GetString() switch
    {
        "PassFail" => "pass",
        "Reading" => Middle(item),
        "Choice" => item.GetProperty("choices").EnumerateArray().First(c => c.GetProperty("result").GetString() == "Normal").GetProperty("label").GetString()!,
        _ => "V1.0",
    };

    private static string Middle(JsonElement item)
    {
        decimal? N(string name) => item.GetProperty(name).ValueKind == JsonValueKind.Number ? item.GetProperty(name).GetDecimal() : null;
        var (min, max) = (N("normalMin"), N("normalMax"));
        return (min, max) switch
        {
            ({ } a, { } b) => ((a + b) / 2).ToString(System.Globalization.CultureInfo.InvariantCulture),
            ({ } a, null) => (a + 1).ToString(System.Globalization.CultureInfo.InvariantCulture),
            (null, { } b) => (b - 1).ToString(System.Globalization.CultureInfo.InvariantCulture),
            _ => "1",
        };
    }

    /// <summary>Answers every (item, asset) pair not answered yet with a normal value, attaching photos where required.</summary>
    public static async Task AnswerRestAsync(HttpClient client, Guid id)
    {
        var detail = await (await client.GetAsync($"/api/inspections/{id}")).ReadJsonAsync();
        var answered = detail.GetProperty("entries").EnumerateArray().Select(e => (e.GetProperty("itemKey").GetString(), e.GetProperty("assetId").GetGuid())).ToHashSet();
        var targets = detail.GetProperty("targets").EnumerateArray().ToList();
        foreach (var item in detail.GetProperty("items").EnumerateArray())
        {
            var types = item.GetProperty("assetTypes").EnumerateArray().Select(t => t.GetString()).ToList();
            var assets = types.Count == 0 ? [Guid.Empty] : targets.Where(t => types.Contains(t.GetProperty("assetType").GetString())).Select(t => t.GetProperty("assetId").GetGuid()).ToList();
            foreach (var asset in assets.Where(a => !answered.Contains((item.GetProperty("key").GetString(), a))))
            {
                var key = item.GetProperty("key").GetString();
                var response = await client.PutAsJsonAsync($"/api/inspections/{id}/entries", new { itemKey = key, assetId = asset == Guid.Empty ? (Guid?)null : asset, value = NormalValue(item) });
                response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
                if (item.GetProperty("photoRequired").GetBoolean())
                {
                    await PhotoAsync(client, id, key!, asset);
                }
            }
        }
    }

    public static async Task<HttpResponseMessage> PhotoAsync(HttpClient client, Guid id, string itemKey, Guid asset, byte[]? bytes = null, string name = "photo.png")
    {
        using var form = new MultipartFormDataContent
        {
            { new ByteArrayContent(bytes ?? Png), "file", name },
            { new StringContent(itemKey), "itemKey" },
        };
        if (asset != Guid.Empty)
        {
            form.Add(new StringContent(asset.ToString()), "assetId");
        }

        return await client.PostAsync($"/api/inspections/{id}/photos", form);
    }

    public static JsonElement Item(JsonElement detail, string name) =>
        detail.GetProperty("items").EnumerateArray().First(i => i.GetProperty("name").GetString() == name);
}
