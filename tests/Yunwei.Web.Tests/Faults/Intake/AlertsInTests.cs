using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using Yunwei.Web.Tests.Faults;
using Yunwei.Web.Tests.Infrastructure;

namespace Yunwei.Web.Tests.Faults.Intake;

/// <summary>Alertmanager and Zabbix alerts open, de-duplicate and restore faults; wrong tokens and bad payloads create nothing.</summary>
public sealed class AlertsInTests(FaultsFactory factory) : IClassFixture<FaultsFactory>
{
    // The webhook body Alertmanager posts (https://prometheus.io/docs/alerting/latest/configuration/#webhook_config), version 4.
    private static string Alertmanager(string status, string fingerprint, string instance, string severity = "critical") => $$"""
        {
          "version": "4",
          "groupKey": "{}:{alertname=\"NodeDown\"}",
          "truncatedAlerts": 0,
          "status": "{{status}}",
          "receiver": "yunwei",
          "groupLabels": { "alertname": "NodeDown" },
          "commonLabels": { "alertname": "NodeDown", "severity": "{{severity}}" },
          "commonAnnotations": { "summary": "服务器无响应" },
          "externalURL": "http://alertmanager.local:9093",
          "alerts": [
            {
              "status": "{{status}}",
              "labels": { "alertname": "NodeDown", "instance": "{{instance}}", "job": "node", "severity": "{{severity}}" },
              "annotations": { "summary": "服务器 {{instance}} 无响应超过 5 分钟" },
              "startsAt": "2026-03-02T01:55:00Z",
              "endsAt": "{{(status == "resolved" ? "2026-03-02T02:20:00Z" : "0001-01-01T00:00:00Z")}}",
              "generatorURL": "http://prometheus.local:9090/graph",
              "fingerprint": "{{fingerprint}}"
            }
          ]
        }
        """;

    private static async Task<HttpResponseMessage> PostAsync(HttpClient client, string path, string json, string? token)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new StringContent(json, Encoding.UTF8, "application/json") };
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        return await client.SendAsync(request);
    }

    [Fact]
    public async Task An_alertmanager_firing_and_resolved_pair_opens_and_restores_one_fault()
    {
        var admin = await factory.ApiClientAsync("client.admin");
        var unit = (await (await admin.GetAsync("/api/units")).ReadJsonAsync())[0].GetProperty("id").GetGuid();
        var (_, code) = await factory.AssetAsync();
        var assetId = (await (await admin.GetAsync($"/api/units/{unit}/assets?search={code}")).ReadJsonAsync()).GetProperty("rows")[0].GetProperty("id").GetGuid();
        var asset = await (await admin.GetAsync($"/api/assets/{assetId}")).ReadJsonAsync();
        var update = System.Text.Json.JsonSerializer.SerializeToNode(asset)!.AsObject();
        update["ipAddress"] = "10.1.2.30";
        (await admin.PutAsJsonAsync($"/api/assets/{assetId}", update)).StatusCode.ShouldBe(HttpStatusCode.NoContent, "the asset gets its IP");

        var created = await (await admin.PostAsJsonAsync($"/api/units/{unit}/alert-tokens", new { name = "机房 Alertmanager" })).ReadJsonAsync();
        var token = created.GetProperty("token").GetString()!;
        token.ShouldStartWith("ywa_");
        var anonymous = factory.CreateClient();

        // Wrong or missing token, malformed or incomplete payloads: problem details, nothing created.
        (await (await PostAsync(anonymous, "/api/alerts/alertmanager", Alertmanager("firing", "a1", "10.1.2.30:9100"), "ywa_wrong")).ShouldBeProblemAsync(401)).ShouldNotBe(default);
        (await (await PostAsync(anonymous, "/api/alerts/alertmanager", Alertmanager("firing", "a1", "10.1.2.30:9100"), null)).ShouldBeProblemAsync(401)).ShouldNotBe(default);
        (await PostAsync(anonymous, "/api/alerts/alertmanager", "{\"alerts\": [", token)).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await (await PostAsync(anonymous, "/api/alerts/alertmanager", "{\"version\":\"4\",\"alerts\":[{\"status\":\"firing\",\"labels\":{}}]}", token)).ShouldBeProblemAsync(400))
            .GetProperty("errors").GetProperty("alerts[0]")[0].GetString()!.ShouldContain("alertname");
        (await (await admin.GetAsync("/api/faults?scope=All")).ReadJsonAsync()).GetProperty("rows").EnumerateArray().ShouldNotContain(r => r.GetProperty("title").GetString()!.Contains("NodeDown"));

        // Firing: one fault on the asset matched by IP, level 1 (critical); repeated firings update it.
        var fired = await (await PostAsync(anonymous, "/api/alerts/alertmanager", Alertmanager("firing", "a1", "10.1.2.30:9100"), token)).ReadJsonAsync();
        fired[0].GetProperty("outcome").GetString().ShouldBe("Opened");
        var faultId = fired[0].GetProperty("faultId").GetGuid();
        var again = await (await PostAsync(anonymous, "/api/alerts/alertmanager", Alertmanager("firing", "a1", "10.1.2.30:9100"), token)).ReadJsonAsync();
        again[0].GetProperty("outcome").GetString().ShouldBe("Updated");
        again[0].GetProperty("faultId").GetGuid().ShouldBe(faultId);
        var fault = await (await admin.GetAsync($"/api/faults/{faultId}")).ReadJsonAsync();
        fault.GetProperty("fault").GetProperty("channel").GetString().ShouldBe("Monitoring");
        fault.GetProperty("fault").GetProperty("assetId").GetGuid().ShouldBe(assetId);
        fault.GetProperty("fault").GetProperty("suggestedLevel").GetString().ShouldBe("Level1");

        // Resolved half an hour later: restoration recorded on that fault, at the alert's end.
        factory.Clock.Advance(TimeSpan.FromMinutes(30));
        var resolved = await (await PostAsync(anonymous, "/api/alerts/alertmanager", Alertmanager("resolved", "a1", "10.1.2.30:9100"), token)).ReadJsonAsync();
        resolved[0].GetProperty("outcome").GetString().ShouldBe("Restored");
        var restored = await (await admin.GetAsync($"/api/faults/{faultId}")).ReadJsonAsync();
        restored.GetProperty("fault").GetProperty("state").GetString().ShouldBe("Restored");
        restored.GetProperty("fault").GetProperty("restoredAt").GetDateTime().ToUniversalTime().ShouldBe(new DateTime(2026, 3, 2, 2, 20, 0, DateTimeKind.Utc));
        (await (await admin.GetAsync("/api/faults?scope=All")).ReadJsonAsync()).GetProperty("rows").EnumerateArray()
            .Count(r => r.GetProperty("title").GetString()!.Contains("NodeDown")).ShouldBe(1);

        // A revoked token is refused.
        (await admin.DeleteAsync($"/api/units/{unit}/alert-tokens/{created.GetProperty("id").GetGuid()}")).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        (await PostAsync(anonymous, "/api/alerts/alertmanager", Alertmanager("firing", "a2", "10.1.2.30:9100"), token)).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await (await admin.GetAsync($"/api/units/{unit}/alert-tokens")).ReadJsonAsync()).EnumerateArray()
            .Single(t => t.GetProperty("id").GetGuid() == created.GetProperty("id").GetGuid()).GetProperty("revokedAt").ValueKind.ShouldNotBe(System.Text.Json.JsonValueKind.Null);
    }

    [Fact]
    public async Task A_zabbix_problem_and_recovery_open_and_restore_a_fault_and_informational_events_are_ignored()
    {
        var admin = await factory.ApiClientAsync("client.admin");
        var unit = (await (await admin.GetAsync("/api/units")).ReadJsonAsync())[0].GetProperty("id").GetGuid();
        var token = (await (await admin.PostAsJsonAsync($"/api/units/{unit}/alert-tokens", new { name = "Zabbix" })).ReadJsonAsync()).GetProperty("token").GetString()!;
        var anonymous = factory.CreateClient();
        string Zabbix(string value, string severity) =>
            $$"""{"event_id":"90211","event_value":"{{value}}","severity":"{{severity}}","host":"core-sw-01","host_ip":"10.9.9.9","trigger_name":"Interface Gi0/1 down","message":"链路中断"}""";

        (await (await PostAsync(anonymous, "/api/alerts/zabbix", """{"event_id":"1","event_value":"2","trigger_name":"x"}""", token)).ShouldBeProblemAsync(400))
            .GetProperty("errors").GetProperty("event_value")[0].GetString().ShouldBe("event_value 须为 1（问题）或 0（恢复）");
        (await (await PostAsync(anonymous, "/api/alerts/zabbix", Zabbix("1", "Information"), token)).ReadJsonAsync())[0].GetProperty("outcome").GetString().ShouldBe("Ignored");
        var opened = await (await PostAsync(anonymous, "/api/alerts/zabbix", Zabbix("1", "High"), token)).ReadJsonAsync();
        opened[0].GetProperty("outcome").GetString().ShouldBe("Opened");
        var faultId = opened[0].GetProperty("faultId").GetGuid();
        var fault = await (await admin.GetAsync($"/api/faults/{faultId}")).ReadJsonAsync();
        fault.GetProperty("fault").GetProperty("suggestedLevel").GetString().ShouldBe("Level2");
        fault.GetProperty("fault").GetProperty("description").GetString()!.ShouldContain("未匹配到资产");
        fault.GetProperty("fault").GetProperty("locationId").ValueKind.ShouldNotBe(System.Text.Json.JsonValueKind.Null);
        (await (await PostAsync(anonymous, "/api/alerts/zabbix", Zabbix("0", "High"), token)).ReadJsonAsync())[0].GetProperty("outcome").GetString().ShouldBe("Restored");
        (await (await admin.GetAsync($"/api/faults/{faultId}")).ReadJsonAsync()).GetProperty("fault").GetProperty("state").GetString().ShouldBe("Restored");
    }
}
