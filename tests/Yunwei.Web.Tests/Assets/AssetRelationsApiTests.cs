using System.Net;
using System.Net.Http.Json;
using Yunwei.Web.Tests.Infrastructure;

namespace Yunwei.Web.Tests.Assets;

public sealed class AssetRelationsApiTests(YunweiFactory factory) : IClassFixture<YunweiFactory>
{
    private async Task<(HttpClient Client, Func<string, string, Task<Guid>> Add)> SetupAsync()
    {
        var client = await factory.ApiClientAsync("resident");
        var unit = (await (await client.GetAsync("/api/units")).ReadJsonAsync())[0].GetProperty("id").GetGuid();
        var options = await (await client.GetAsync($"/api/units/{unit}/asset-options")).ReadJsonAsync();
        Guid Type(string name) => options.GetProperty("types").EnumerateArray().Single(t => t.GetProperty("name").GetString() == name).GetProperty("id").GetGuid();
        async Task<Guid> Add(string code, string type)
        {
            var response = await client.PostAsJsonAsync($"/api/units/{unit}/assets", new { code, name = code, assetTypeId = Type(type), status = "InUse" });
            response.StatusCode.ShouldBe(HttpStatusCode.Created);
            return await response.Content.ReadFromJsonAsync<Guid>();
        }

        return (client, Add);
    }

    [Fact]
    public async Task Relations_build_a_chain_whose_impact_crosses_subsystems_and_loops_are_refused()
    {
        var (client, add) = await SetupAsync();
        var p = Guid.NewGuid().ToString("N")[..4].ToUpperInvariant();
        var camera = await add($"{p}-CAM", "摄像机");
        var nvr = await add($"{p}-NVR", "NVR");
        var access = await add($"{p}-SW", "交换机");
        var core = await add($"{p}-CORE", "交换机");
        var ups = await add($"{p}-UPS", "UPS");

        (await client.PostAsJsonAsync($"/api/assets/{camera}/relations", new { toAssetId = nvr, kind = "DependsOn" })).StatusCode.ShouldBe(HttpStatusCode.Created);
        (await client.PostAsJsonAsync($"/api/assets/{nvr}/relations", new { toAssetCode = $"{p}-SW", kind = "ConnectedTo" })).StatusCode.ShouldBe(HttpStatusCode.Created);
        (await client.PostAsJsonAsync($"/api/assets/{access}/relations", new { toAssetId = core, kind = "ConnectedTo" })).StatusCode.ShouldBe(HttpStatusCode.Created);
        (await client.PostAsJsonAsync($"/api/assets/{core}/relations", new { toAssetId = ups, kind = "DependsOn", note = "机房 UPS 供电" })).StatusCode.ShouldBe(HttpStatusCode.Created);

        var impact = await (await client.GetAsync($"/api/assets/{ups}/impact")).ReadJsonAsync();
        impact.EnumerateArray().Select(i => i.GetProperty("code").GetString()).ShouldBe([$"{p}-CORE", $"{p}-SW", $"{p}-NVR", $"{p}-CAM"]);
        impact.EnumerateArray().Select(i => i.GetProperty("subsystemName").GetString()).Distinct().ShouldBe(["计算机网络", "安防"], ignoreOrder: true);

        var loop = await client.PostAsJsonAsync($"/api/assets/{ups}/relations", new { toAssetId = camera, kind = "PartOf" });
        (await loop.ShouldBeProblemAsync(400)).GetProperty("errors").GetProperty("ToAssetId")[0].GetString()!.ShouldContain("循环");
        var self = await client.PostAsJsonAsync($"/api/assets/{camera}/relations", new { toAssetId = camera, kind = "PartOf" });
        (await self.ShouldBeProblemAsync(400)).GetProperty("errors").GetProperty("ToAssetId")[0].GetString().ShouldBe("资产不能与自身建立关系");
        var twice = await client.PostAsJsonAsync($"/api/assets/{camera}/relations", new { toAssetId = nvr, kind = "DependsOn" });
        (await twice.ShouldBeProblemAsync(400)).GetProperty("errors").GetProperty("ToAssetId")[0].GetString().ShouldBe("该关系已存在");
        var unknown = await client.PostAsJsonAsync($"/api/assets/{camera}/relations", new { toAssetCode = "NO-SUCH-CODE", kind = "DependsOn" });
        await unknown.ShouldBeProblemAsync(400);

        var relations = await (await client.GetAsync($"/api/assets/{nvr}/relations")).ReadJsonAsync();
        relations.GetProperty("outgoing").EnumerateArray().Single().GetProperty("code").GetString().ShouldBe($"{p}-SW");
        var incoming = relations.GetProperty("incoming").EnumerateArray().Single();
        incoming.GetProperty("code").GetString().ShouldBe($"{p}-CAM");

        var removed = await client.DeleteAsync($"/api/assets/{nvr}/relations/{incoming.GetProperty("relationId").GetGuid()}");
        removed.StatusCode.ShouldBe(HttpStatusCode.NoContent);
        var after = await (await client.GetAsync($"/api/assets/{ups}/impact")).ReadJsonAsync();
        after.EnumerateArray().Select(i => i.GetProperty("code").GetString()).ShouldNotContain($"{p}-CAM");
    }

    [Fact]
    public async Task Assets_of_another_unit_cannot_be_related()
    {
        var (client, add) = await SetupAsync();
        var mine = await add("REL-" + Guid.NewGuid().ToString("N")[..6], "交换机");
        var admin = await factory.ApiClientAsync("admin");
        var other = (await (await admin.PostJsonAsync("/api/units", new { code = "RL" + Guid.NewGuid().ToString("N")[..6], name = "壬法院" })).ReadJsonAsync()).GetProperty("id").GetGuid();
        var type = (await (await admin.GetAsync($"/api/units/{other}/asset-options")).ReadJsonAsync()).GetProperty("types")[0].GetProperty("id").GetGuid();
        var theirs = await (await admin.PostAsJsonAsync($"/api/units/{other}/assets", new { code = "T-1", name = "别家", assetTypeId = type, status = "InUse" })).Content.ReadFromJsonAsync<Guid>();

        var response = await client.PostAsJsonAsync($"/api/assets/{mine}/relations", new { toAssetId = theirs, kind = "ConnectedTo" });

        (await response.ShouldBeProblemAsync(400)).GetProperty("errors").GetProperty("ToAssetId")[0].GetString().ShouldBe("关联的资产不存在");
        await (await client.GetAsync($"/api/assets/{theirs}/impact")).ShouldBeProblemAsync(404);
    }
}
