using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Yunwei.Web.Tests.Infrastructure;

namespace Yunwei.Web.Tests.Notifications;

/// <summary>In-app notifications: deciders hear of requests, requesters of decisions, keepers of low stock.</summary>
public sealed class NotificationsTests(YunweiFactory factory) : IClassFixture<YunweiFactory>
{
    private static async Task<List<JsonElement>> InboxAsync(HttpClient client, string containing) =>
        [.. (await (await client.GetAsync("/api/notifications")).ReadJsonAsync()).GetProperty("rows").EnumerateArray()
            .Where(n => n.GetProperty("text").GetString()!.Contains(containing, StringComparison.Ordinal))];

    [Fact]
    public async Task Deciders_hear_of_a_request_and_the_requester_hears_of_the_decision_once()
    {
        var resident = await factory.ApiClientAsync("resident");
        var admin = await factory.ApiClientAsync("client.admin");
        var maint = await factory.ApiClientAsync("client.maint");
        var rep = await factory.ApiClientAsync("client.rep");
        var unit = (await (await resident.GetAsync("/api/units")).ReadJsonAsync())[0].GetProperty("id").GetGuid();
        var title = "重启视频会议 MCU " + Guid.NewGuid().ToString("N")[..4];
        var created = await resident.PostAsJsonAsync($"/api/units/{unit}/approvals", new
        {
            kind = "MajorOperation",
            title,
            fields = new Dictionary<string, string> { ["operation"] = "重启", ["plan"] = "会后重启", ["risk"] = "无会议时低", ["rollback"] = "无", ["window"] = "18:00" },
        });
        created.StatusCode.ShouldBe(HttpStatusCode.Created);
        var id = await created.Content.ReadFromJsonAsync<Guid>();

        (await InboxAsync(admin, title)).ShouldHaveSingleItem().GetProperty("text").GetString()!.ShouldContain("请审批");
        (await InboxAsync(maint, title)).ShouldHaveSingleItem();
        (await InboxAsync(rep, title)).ShouldBeEmpty("the representative decides parts, not operations");

        (await maint.PostAsJsonAsync($"/api/approvals/{id}/approve", new { comment = "同意" })).StatusCode.ShouldBe(HttpStatusCode.OK);
        var decided = (await InboxAsync(resident, title)).ShouldHaveSingleItem();
        decided.GetProperty("text").GetString()!.ShouldContain("已批准");
        decided.GetProperty("link").GetString().ShouldBe("/approvals?scope=Mine");

        var before = (await (await resident.GetAsync("/api/notifications")).ReadJsonAsync()).GetProperty("unread").GetInt32();
        (await resident.PostAsync($"/api/notifications/{decided.GetProperty("id").GetGuid()}/read", null)).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await (await resident.GetAsync("/api/notifications")).ReadJsonAsync()).GetProperty("unread").GetInt32().ShouldBe(before - 1);

        // Someone else's notification cannot be marked read by me.
        var adminNote = (await InboxAsync(admin, title)).Single().GetProperty("id").GetGuid();
        (await (await resident.PostAsync($"/api/notifications/{adminNote}/read", null)).ReadJsonAsync()).GetProperty("changed").GetInt32().ShouldBe(0);
    }

    [Fact]
    public async Task Falling_to_the_low_stock_threshold_alerts_once_per_crossing()
    {
        var resident = await factory.ApiClientAsync("resident");
        var admin = await factory.ApiClientAsync("client.admin");
        var unit = (await (await resident.GetAsync("/api/units")).ReadJsonAsync())[0].GetProperty("id").GetGuid();
        var name = "硬盘 " + Guid.NewGuid().ToString("N")[..4];
        var part = await (await resident.PostAsJsonAsync($"/api/units/{unit}/spare-parts", new { name, model = "1.2T 10K", owner = "Provider", lowStockThreshold = 2 })).Content.ReadFromJsonAsync<Guid>();
        await resident.PostAsJsonAsync($"/api/spare-parts/{part}/movements", new { reason = "Receive", amount = 4 });

        await resident.PostAsJsonAsync($"/api/spare-parts/{part}/movements", new { reason = "Consume", amount = 1 });
        (await InboxAsync(resident, name)).ShouldBeEmpty("3 is above the threshold");
        await resident.PostAsJsonAsync($"/api/spare-parts/{part}/movements", new { reason = "Consume", amount = 1 });
        await resident.PostAsJsonAsync($"/api/spare-parts/{part}/movements", new { reason = "Consume", amount = 1 });

        (await InboxAsync(resident, name)).ShouldHaveSingleItem().GetProperty("text").GetString()!.ShouldContain("库存仅剩 2");
        (await InboxAsync(admin, name)).ShouldHaveSingleItem();
    }
}
