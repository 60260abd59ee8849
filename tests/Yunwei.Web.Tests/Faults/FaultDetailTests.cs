using System.Net;
using System.Net.Http.Json;
using Yunwei.Web.Tests.Infrastructure;

namespace Yunwei.Web.Tests.Faults;

/// <summary>The fault detail names what the fault is about, on both databases (its names come from one compiled statement).</summary>
public sealed class FaultDetailTests
{
    [SkippableTheory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task The_detail_names_the_unit_asset_location_and_subsystem_and_only_what_the_fault_has(bool postgres)
    {
        await FaultsFactory.OnAsync(postgres, async factory =>
        {
            var (unit, code) = await factory.AssetAsync();
            var resident = await factory.ApiClientAsync("resident");
            var unitName = (await (await resident.GetAsync("/api/units")).ReadJsonAsync()).EnumerateArray()
                .Single(u => u.GetProperty("id").GetGuid() == unit).GetProperty("name").GetString();
            var options = await (await resident.GetAsync($"/api/units/{unit}/asset-options")).ReadJsonAsync();
            var type = options.GetProperty("types").EnumerateArray().Single(t => t.GetProperty("name").GetString() == "服务器");
            var subsystem = options.GetProperty("subsystems").EnumerateArray()
                .Single(s => s.GetProperty("id").GetGuid() == type.GetProperty("subsystemId").GetGuid()).GetProperty("name").GetString();
            var room = "第七审判庭 " + Guid.NewGuid().ToString("N")[..4];
            var added = await resident.PostAsJsonAsync($"/api/units/{unit}/locations", new { name = room, kind = "Room" });
            added.StatusCode.ShouldBe(HttpStatusCode.Created, await added.Content.ReadAsStringAsync());
            var location = await added.Content.ReadFromJsonAsync<Guid>();

            async Task<System.Text.Json.JsonElement> ReportAndReadAsync(object body)
            {
                var created = await resident.PostAsJsonAsync($"/api/units/{unit}/faults", body);
                created.StatusCode.ShouldBe(HttpStatusCode.Created, await created.Content.ReadAsStringAsync());
                var id = (await created.ReadJsonAsync()).GetProperty("id").GetGuid();
                return await (await resident.GetAsync($"/api/faults/{id}")).ReadJsonAsync();
            }

            var full = await ReportAndReadAsync(new { description = "服务器无法开机", assetCode = code, locationId = location, callerName = "书记员", channel = "Hotline" });
            full.GetProperty("unitName").GetString().ShouldBe(unitName);
            full.GetProperty("assetCode").GetString().ShouldBe(code);
            full.GetProperty("assetName").GetString().ShouldBe("审判业务服务器");
            full.GetProperty("locationName").GetString().ShouldBe(room);
            full.GetProperty("subsystemName").GetString().ShouldBe(subsystem);

            // A place without a device: no asset and no subsystem to name.
            var place = await ReportAndReadAsync(new { description = "庭内不知哪台电脑蓝屏", locationId = location, callerName = "书记员", channel = "Hotline" });
            place.GetProperty("unitName").GetString().ShouldBe(unitName);
            place.GetProperty("locationName").GetString().ShouldBe(room);
            place.GetProperty("assetCode").ValueKind.ShouldBe(System.Text.Json.JsonValueKind.Null);
            place.GetProperty("assetName").ValueKind.ShouldBe(System.Text.Json.JsonValueKind.Null);
            place.GetProperty("subsystemName").ValueKind.ShouldBe(System.Text.Json.JsonValueKind.Null);
        });
    }
}
