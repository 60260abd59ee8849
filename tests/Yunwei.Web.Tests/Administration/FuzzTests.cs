using System.Net;
using System.Text;
using Yunwei.Domain.Administration;
using Yunwei.Web.Tests.Infrastructure;

namespace Yunwei.Web.Tests.Administration;

/// <summary>
/// Bad input at scale: every API endpoint that takes a body gets malformed, wrongly typed, oversized
/// and hostile bodies (script, SQL, path traversal, control characters, deep nesting, huge Unicode)
/// from a role allowed to call it — and never answers with a server error.
/// </summary>
public sealed class FuzzTests(YunweiFactory factory) : IClassFixture<YunweiFactory>
{
    private static readonly string[] Fields =
    [
        "title", "description", "name", "code", "level", "proposedLevel", "suggestedLevel", "kind", "category", "revision", "text", "note", "reason",
        "assetCode", "assetId", "locationId", "subsystemId", "unitIds", "email", "url", "secret", "events", "mentionMobiles", "quietFrom", "quietTo",
        "at", "date", "month", "startsAt", "endsAt", "engineerId", "rating", "items", "answers", "value", "values", "password", "userName", "role",
        "host", "port", "security", "audience", "event", "zh", "en", "channel", "callerName", "callerPhone", "answeredAt", "weekStart", "quarter",
    ];

    private static readonly string[] Hostile =
    [
        "<script>alert('x')</script>", "' OR 1=1; DROP TABLE Faults; --", "../../../../etc/passwd", "\u0000\u0001\u001f", new string('长', 100_000),
        "𠜎𠜱𠝹𠱓👨‍👩‍👧‍👦\u202e", "{{7*7}}${7*7}", "-1", "1e309", "9999999999999999999999",
    ];

    private static IEnumerable<string> Bodies()
    {
        yield return "";
        yield return "null";
        yield return "[]";
        yield return "\"text\"";
        yield return "{\"a\":";
        yield return "{" + new string('[', 5000) + new string(']', 5000) + "}";
        yield return "{\"title\": " + new string('[', 200) + new string(']', 200) + "}";
        foreach (var value in new[] { "123", "-1", "true", "[1,2]", "{\"x\":1}", "\"not-a-guid\"", "\"2026-13-45\"", "1.5e400" })
        {
            yield return "{" + string.Join(",", Fields.Select(f => $"\"{f}\":{value}")) + "}";
        }

        foreach (var text in Hostile)
        {
            yield return "{" + string.Join(",", Fields.Select(f => $"\"{f}\":{System.Text.Json.JsonSerializer.Serialize(text)}")) + "}";
        }
    }

    [Fact]
    public async Task No_body_makes_any_endpoint_answer_with_a_server_error()
    {
        var admin = await factory.ApiClientAsync("admin");
        var unit = (await (await admin.GetAsync("/api/units")).ReadJsonAsync())[0].GetProperty("id").GetGuid();
        var clients = new Dictionary<string, HttpClient>();
        var failures = new List<string>();
        var calls = 0;
        foreach (var api in AuthorizationMatrixTests.ApiEndpoints(factory).Where(e => e.Method is "POST" or "PUT" or "PATCH" && !e.Form && !e.Pattern.StartsWith("/api/docs", StringComparison.Ordinal)))
        {
            // A role allowed to call it (system administrator when any may).
            var role = api.Permission is null ? Roles.SystemAdministrator : Roles.All.FirstOrDefault(r => Permissions.Grants([r], api.Permission));
            if (role is null)
            {
                continue;
            }

            if (!clients.TryGetValue(role, out var client))
            {
                clients[role] = client = await factory.ApiClientAsync(AuthorizationMatrixTests.UserOf[role]);
            }

            foreach (var body in Bodies())
            {
                using var request = new HttpRequestMessage(new HttpMethod(api.Method), AuthorizationMatrixTests.Path(api.Pattern, unit))
                {
                    Content = new StringContent(body, Encoding.UTF8, "application/json"),
                };
                using var response = await client.SendAsync(request);
                calls++;
                if ((int)response.StatusCode >= 500)
                {
                    failures.Add($"{role} {api.Method} {api.Pattern} with {body[..Math.Min(body.Length, 60)]}: {(int)response.StatusCode}");
                }
            }
        }

        calls.ShouldBeGreaterThan(1000);
        failures.ShouldBeEmpty();
        (await admin.GetAsync("/health/ready")).StatusCode.ShouldBe(HttpStatusCode.OK);
    }
}
