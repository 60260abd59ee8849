using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Yunwei.Domain.Notifications;
using Yunwei.Web.Features.Notifications;
using Yunwei.Web.Infrastructure;
using Yunwei.Web.Tests.Faults;
using Yunwei.Web.Tests.Infrastructure;

namespace Yunwei.Web.Tests.Notifications;

/// <summary>Robots and webhooks hear of an escalation exactly once, signed.</summary>
public sealed class ChannelsTests(FaultsFactory factory) : IClassFixture<FaultsFactory>
{
    private async Task<int> DispatchAsync()
    {
        await using var scope = factory.Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<CurrentUser>().ActAsSystem();
        return await scope.ServiceProvider.GetRequiredService<ChannelDispatchHandler>().RunAsync();
    }

    [Fact]
    public async Task A_level_2_escalation_reaches_the_wecom_and_dingtalk_robots_and_the_webhook_once_each_correctly_signed()
    {
        await using var receiver = await RobotReceiver.StartAsync();
        var admin = await factory.ApiClientAsync("client.admin");
        var resident = await factory.ApiClientAsync("resident");
        var (unit, asset) = await factory.AssetAsync();

        (await (await admin.PostAsJsonAsync($"/api/units/{unit}/channels", new { kind = "WeCom", name = "x", url = "ftp://robot" })).ShouldBeProblemAsync(400))
            .GetProperty("errors").GetProperty("Url")[0].GetString().ShouldBe("请填写 http(s) 完整地址");
        var escalated = new[] { "Notify.Fault.Escalated" };
        var wecom = await (await admin.PostAsJsonAsync($"/api/units/{unit}/channels", new { kind = "WeCom", name = "运维群", url = $"{receiver.BaseUrl}/wecom?key=abc", events = escalated })).ReadJsonAsync();
        var ding = await (await admin.PostAsJsonAsync($"/api/units/{unit}/channels", new { kind = "DingTalk", name = "钉钉群", url = $"{receiver.BaseUrl}/dingtalk?access_token=t1", secret = "SEC-ding-secret", events = escalated, mentionMobiles = new[] { "13800000001" } })).ReadJsonAsync();
        (await admin.PostAsJsonAsync($"/api/units/{unit}/channels", new { kind = "Webhook", name = "工单系统", url = $"{receiver.BaseUrl}/hook", secret = "hook-secret", events = escalated })).StatusCode.ShouldBe(HttpStatusCode.Created);
        ding.GetProperty("hasSecret").GetBoolean().ShouldBeTrue();
        ding.GetProperty("url").GetString().ShouldBe($"{receiver.BaseUrl}/dingtalk?…");
        (await admin.GetStringAsync($"/api/units/{unit}/channels")).ShouldNotContain("SEC-ding-secret");

        // A level-2 fault nobody attends to: at its resolve deadline it escalates to level 1.
        var fault = await (await resident.PostAsJsonAsync($"/api/units/{unit}/faults", new { title = "审判系统数据库无响应", description = "全院无法立案", assetCode = asset, proposedLevel = "Level2", channel = "Hotline", callerName = "立案庭" })).ReadJsonAsync();
        factory.Clock.Advance(TimeSpan.FromHours(25));
        await factory.SweepAsync();
        (await DispatchAsync()).ShouldBe(3);
        (await DispatchAsync()).ShouldBe(0);
        await factory.SweepAsync();
        (await DispatchAsync()).ShouldBe(0);

        var toWecom = receiver.At("/wecom").ShouldHaveSingleItem();
        toWecom.Query.ShouldBe("?key=abc");
        using (var body = JsonDocument.Parse(toWecom.Body))
        {
            body.RootElement.GetProperty("msgtype").GetString().ShouldBe("markdown");
            body.RootElement.GetProperty("markdown").GetProperty("content").GetString()!.ShouldContain(fault.GetProperty("number").GetString()!);
        }

        var toDing = receiver.At("/dingtalk").ShouldHaveSingleItem();
        var query = System.Web.HttpUtility.ParseQueryString(toDing.Query);
        query["access_token"].ShouldBe("t1");
        var timestamp = long.Parse(query["timestamp"]!, System.Globalization.CultureInfo.InvariantCulture);
        timestamp.ShouldBe(factory.Clock.GetUtcNow().ToUnixTimeMilliseconds());
        // The receiver's own check: base64(HMAC-SHA256(secret, timestamp + "\n" + secret)).
        var expected = Convert.ToBase64String(System.Security.Cryptography.HMACSHA256.HashData("SEC-ding-secret"u8.ToArray(), System.Text.Encoding.UTF8.GetBytes($"{timestamp}\nSEC-ding-secret")));
        query["sign"].ShouldBe(expected);
        using (var body = JsonDocument.Parse(toDing.Body))
        {
            body.RootElement.GetProperty("at").GetProperty("atMobiles")[0].GetString().ShouldBe("13800000001");
            body.RootElement.GetProperty("markdown").GetProperty("text").GetString()!.ShouldContain("@13800000001");
        }

        var toHook = receiver.At("/hook").ShouldHaveSingleItem();
        var signature = "sha256=" + Convert.ToHexStringLower(System.Security.Cryptography.HMACSHA256.HashData("hook-secret"u8.ToArray(), toHook.Raw));
        toHook.Headers["X-Yunwei-Signature"].ShouldBe(signature);
        (await (await admin.GetAsync($"/api/units/{unit}/channel-deliveries?state=Sent")).ReadJsonAsync()).GetArrayLength().ShouldBe(3);
        // Renamed without giving the address again: the stored (masked) address stays.
        (await admin.PutAsJsonAsync($"/api/units/{unit}/channels/{wecom.GetProperty("id").GetGuid()}", new { kind = "WeCom", name = "运维值班群", events = escalated, revision = 0 })).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await admin.PostAsJsonAsync($"/api/units/{unit}/channels/{wecom.GetProperty("id").GetGuid()}/test", new { })).StatusCode.ShouldBe(HttpStatusCode.OK);
        receiver.At("/wecom").Count.ShouldBe(2);
    }

}

/// <summary>Refusals are retried with backoff and then shown failed; the per-robot rate limit queues without dropping.</summary>
public sealed class ChannelRetryTests(FaultsFactory factory) : IClassFixture<FaultsFactory>
{
    private async Task<int> DispatchAsync()
    {
        await using var scope = factory.Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<CurrentUser>().ActAsSystem();
        return await scope.ServiceProvider.GetRequiredService<ChannelDispatchHandler>().RunAsync();
    }

    [Fact]
    public async Task A_refusing_robot_is_retried_with_backoff_then_shown_failed_and_the_rate_limit_queues_without_dropping()
    {
        await using var receiver = await RobotReceiver.StartAsync();
        var admin = await factory.ApiClientAsync("client.admin");
        var rep = await factory.ApiClientAsync("client.rep");
        var unit = (await (await admin.GetAsync("/api/units")).ReadJsonAsync())[0].GetProperty("id").GetGuid();
        var received = new[] { "Notify.Complaint.Received" };
        var refusing = await (await admin.PostAsJsonAsync($"/api/units/{unit}/channels", new { kind = "WeCom", name = "坏机器人", url = $"{receiver.BaseUrl}/refusing?key=old", events = received })).ReadJsonAsync();
        var test = await (await admin.PostAsJsonAsync($"/api/units/{unit}/channels/{refusing.GetProperty("id").GetGuid()}/test", new { })).ReadJsonAsync();
        test.GetProperty("ok").GetBoolean().ShouldBeFalse();
        test.GetProperty("error").GetString()!.ShouldContain("93000");
        (await admin.PostAsJsonAsync($"/api/units/{unit}/channels", new { kind = "DingTalk", name = "钉钉", url = $"{receiver.BaseUrl}/busy?access_token=t", events = received })).StatusCode.ShouldBe(HttpStatusCode.Created);

        for (var i = 0; i < 25; i++)
        {
            (await rep.PostAsJsonAsync($"/api/units/{unit}/complaints", new { category = "Other", subject = $"投诉 {i}", description = "测试" })).StatusCode.ShouldBe(HttpStatusCode.Created);
        }

        // 20 a minute per robot: the first pass sends 20 to the working one, the rest wait their turn.
        (await DispatchAsync()).ShouldBe(20);
        receiver.At("/busy").Count.ShouldBe(20);
        factory.Clock.Advance(TimeSpan.FromSeconds(61));
        (await DispatchAsync()).ShouldBe(5);
        receiver.At("/busy").Count.ShouldBe(25);

        // The refusing robot: each message tried, retried with growing waits, finally failed with its code.
        for (var attempt = 0; attempt < ChannelRules.MaxAttempts + 2; attempt++)
        {
            factory.Clock.Advance(TimeSpan.FromHours(1));
            await DispatchAsync();
        }

        var failed = await (await admin.GetAsync($"/api/units/{unit}/channel-deliveries?state=Failed")).ReadJsonAsync();
        failed.GetArrayLength().ShouldBe(25);
        failed[0].GetProperty("attempts").GetInt32().ShouldBe(ChannelRules.MaxAttempts);
        failed[0].GetProperty("lastError").GetString().ShouldBe("errcode 93000: invalid webhook url");
        (await (await admin.GetAsync($"/api/units/{unit}/channel-deliveries?state=Sent")).ReadJsonAsync()).GetArrayLength().ShouldBe(25);
        (await rep.GetAsync($"/api/units/{unit}/channels")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
    }
}
