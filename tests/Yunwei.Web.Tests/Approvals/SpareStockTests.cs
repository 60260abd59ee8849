using System.Net;
using System.Net.Http.Json;
using Yunwei.Web.Tests.Infrastructure;

namespace Yunwei.Web.Tests.Approvals;

public sealed class SpareStockTests(YunweiFactory factory) : IClassFixture<YunweiFactory>
{
    [Fact]
    public async Task A_replacement_consumes_stock_under_its_approval_and_stock_never_goes_below_zero()
    {
        var resident = await factory.ApiClientAsync("resident");
        var unit = (await (await resident.GetAsync("/api/units")).ReadJsonAsync())[0].GetProperty("id").GetGuid();
        var name = "SAS 硬盘 " + Guid.NewGuid().ToString("N")[..4];
        var created = await resident.PostAsJsonAsync($"/api/units/{unit}/spare-parts", new { name, model = "1.2T 10K", owner = "Provider", lowStockThreshold = 2 });
        created.StatusCode.ShouldBe(HttpStatusCode.Created);
        var part = await created.Content.ReadFromJsonAsync<Guid>();
        (await resident.PostAsJsonAsync($"/api/units/{unit}/spare-parts", new { name, model = "1.2T 10K", owner = "Provider" })).StatusCode.ShouldBe(HttpStatusCode.BadRequest);

        var received = await resident.PostAsJsonAsync($"/api/spare-parts/{part}/movements", new { reason = "Receive", amount = 4 });
        (await received.ReadJsonAsync()).GetInt32().ShouldBe(4);

        var pending = await resident.PostAsJsonAsync($"/api/units/{unit}/approvals", new
        {
            kind = "PartReplacement",
            title = "更换存储硬盘",
            gatedType = "None",
            fields = new Dictionary<string, string> { ["part"] = name, ["quantity"] = "3", ["reason"] = "坏盘" },
        });
        var approval = await pending.Content.ReadFromJsonAsync<Guid>();
        var tooEarly = await resident.PostAsJsonAsync($"/api/spare-parts/{part}/movements", new { reason = "Consume", amount = 3, approvalId = approval });
        (await tooEarly.ShouldBeProblemAsync(400)).GetProperty("errors").GetProperty("ApprovalId")[0].GetString()!.ShouldContain("已批准");

        var rep = await factory.ApiClientAsync("client.rep");
        var signature = new[] { new[] { new { x = 100, y = 100 }, new { x = 200, y = 250 }, new { x = 300, y = 120 }, new { x = 400, y = 260 }, new { x = 500, y = 110 } } };
        (await rep.PostAsJsonAsync($"/api/approvals/{approval}/approve", new { signature })).StatusCode.ShouldBe(HttpStatusCode.OK);

        var used = await resident.PostAsJsonAsync($"/api/spare-parts/{part}/movements", new { reason = "Consume", amount = 3, approvalId = approval, replacedPartFate = "SentForRepair" });
        (await used.ReadJsonAsync()).GetInt32().ShouldBe(1);
        var list = await (await resident.GetAsync($"/api/units/{unit}/spare-parts")).ReadJsonAsync();
        var row = list.EnumerateArray().Single(p => p.GetProperty("id").GetGuid() == part);
        row.GetProperty("quantity").GetInt32().ShouldBe(1);
        row.GetProperty("isLow").GetBoolean().ShouldBeTrue();

        var overdraw = await resident.PostAsJsonAsync($"/api/spare-parts/{part}/movements", new { reason = "Consume", amount = 2 });
        (await overdraw.ShouldBeProblemAsync(400)).GetProperty("errors").GetProperty("Amount")[0].GetString().ShouldBe("库存不足：当前仅剩 1");
    }

    [Fact]
    public async Task Two_consumptions_of_the_last_parts_at_once_never_take_stock_below_zero()
    {
        var resident = await factory.ApiClientAsync("resident");
        var unit = (await (await resident.GetAsync("/api/units")).ReadJsonAsync())[0].GetProperty("id").GetGuid();
        var part = await (await resident.PostAsJsonAsync($"/api/units/{unit}/spare-parts", new { name = "光模块 " + Guid.NewGuid().ToString("N")[..4], owner = "Client" })).Content.ReadFromJsonAsync<Guid>();
        await resident.PostAsJsonAsync($"/api/spare-parts/{part}/movements", new { reason = "Receive", amount = 1 });
        var duty = await factory.ApiClientAsync("client.maint");

        var results = await Task.WhenAll(
            resident.PostAsJsonAsync($"/api/spare-parts/{part}/movements", new { reason = "Consume", amount = 1 }),
            duty.PostAsJsonAsync($"/api/spare-parts/{part}/movements", new { reason = "Consume", amount = 1 }));

        results.Count(r => r.StatusCode == HttpStatusCode.OK).ShouldBe(1);
        var row = (await (await resident.GetAsync($"/api/units/{unit}/spare-parts")).ReadJsonAsync()).EnumerateArray().Single(p => p.GetProperty("id").GetGuid() == part);
        row.GetProperty("quantity").GetInt32().ShouldBe(0);
    }
}
