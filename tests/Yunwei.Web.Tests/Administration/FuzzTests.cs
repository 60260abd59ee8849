using System.Net;
using System.Net.Http.Json;
using System.Text;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Yunwei.Data;
using Yunwei.Data.Identity;
using Yunwei.Domain.Administration;
using Yunwei.Web.Infrastructure;
using Yunwei.Web.Tests.Infrastructure;

namespace Yunwei.Web.Tests.Administration;

/// <summary>
/// Bad input at scale: every API endpoint that takes a body gets malformed, wrongly typed, oversized
/// and hostile bodies (script, SQL, path traversal, control characters, deep nesting, huge Unicode)
/// from a role allowed to call it — and never answers with a server error, and a refused request
/// writes nothing. Hostile text that is accepted is stored as typed and shown escaped.
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
        var callers = new Dictionary<string, Guid>();
        var failures = new List<string>();
        var calls = 0;
        var refused = 0;
        await using var scope = factory.Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<CurrentUser>().ActAsSystem();
        var db = scope.ServiceProvider.GetRequiredService<YunweiDbContext>();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        async Task<long> LastAuditAsync() => await db.AuditEntries.MaxAsync(a => (long?)a.Id) ?? 0;
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
                callers[role] = (await users.FindByNameAsync(AuthorizationMatrixTests.UserOf[role]))!.Id;
            }

            var caller = callers[role];
            foreach (var body in Bodies())
            {
                var before = await LastAuditAsync();
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
                else if ((int)response.StatusCode >= 400)
                {
                    // Refused means nothing written: every change is audited, and the caller wrote no entry.
                    refused++;
                    if (await db.AuditEntries.AnyAsync(a => a.Id > before && a.UserId == caller))
                    {
                        failures.Add($"{role} {api.Method} {api.Pattern} answered {(int)response.StatusCode} but wrote: {body[..Math.Min(body.Length, 60)]}");
                    }
                }
            }
        }

        calls.ShouldBeGreaterThan(1000);
        refused.ShouldBeGreaterThan(calls / 2);
        failures.ShouldBeEmpty();
        (await admin.GetAsync("/health/ready")).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    private static readonly string[] QueryNames =
    [
        "year", "month", "quarter", "week", "weekStart", "date", "from", "to", "at", "after", "before", "take", "skip", "page", "limit", "days",
        "level", "state", "kind", "status", "search", "q", "unitId", "assetId", "subsystemId", "userId", "entity", "user",
    ];

    private static readonly string[] OutOfRange =
    [
        "0", "-1", "10000", "2147483647", "-2147483648", "99999999999999999999", "1e309", "NaN", "0001-01-01", "9999-12-31", "9999-99-99",
        "0000-00", "9999-13", "2026Q9", "2026-Q0", "%00", "%0d%0a", "x",
    ];

    private static readonly (string[] Names, string[] Values)[] QueryKinds =
    [
        (["year", "take", "skip", "page", "limit", "days"], ["0", "-1", "10000", "2147483647", "-2147483648", "99999999999999999999"]),
        (["from", "to", "date", "at", "week", "weekStart", "after", "before"], ["0001-01-01", "9999-12-31", "0001-01-01T00:00:00Z", "9999-12-31T23:59:59Z"]),
        (["month", "quarter", "search", "q", "kind", "state", "status", "entity", "user"], ["0000-00", "9999-13", "2026Q9", "%00", "%0d%0a"]),
    ];

    private static readonly string[] RouteValues = ["0", "-1", "10000", "2147483647", "0000-00", "9999-13", "0001-01-01", "9999-12-31", "2026Q9", "%2e%2e", "%09"];

    [Fact]
    public async Task No_query_or_route_value_makes_a_read_answer_with_a_server_error()
    {
        var admin = await factory.ApiClientAsync("admin");
        var unit = (await (await admin.GetAsync("/api/units")).ReadJsonAsync())[0].GetProperty("id").GetGuid();
        var clients = new Dictionary<string, HttpClient>();
        var failures = new List<string>();
        var calls = 0;
        foreach (var api in AuthorizationMatrixTests.ApiEndpoints(factory).Where(e => e.Method == "GET" && !e.Pattern.StartsWith("/api/docs", StringComparison.Ordinal)))
        {
            var role = api.Permission is null ? Roles.SystemAdministrator : Roles.All.FirstOrDefault(r => Permissions.Grants([r], api.Permission));
            if (role is null)
            {
                continue;
            }

            if (!clients.TryGetValue(role, out var client))
            {
                clients[role] = client = await factory.ApiClientAsync(AuthorizationMatrixTests.UserOf[role]);
            }

            var path = AuthorizationMatrixTests.Path(api.Pattern, unit);
            // Every name at once, then each kind of name alone with its kind of value (one bad number must not hide a bad date).
            var urls = OutOfRange.Select(v => path + "?" + string.Join("&", QueryNames.Select(n => $"{n}={v}"))).ToList();
            foreach (var (names, values) in QueryKinds)
            {
                urls.AddRange(values.Select(v => path + "?" + string.Join("&", names.Select(n => $"{n}={v}"))));
            }

            // Route values that are not GUIDs or numbers: each in turn, the others as the matrix fills them.
            foreach (var value in RouteValues)
            {
                var changed = System.Text.RegularExpressions.Regex.Replace(api.Pattern, @"\{(?<name>[a-zA-Z]+)(?<constraint>:[^}]*)?\}", m =>
                    m.Groups["name"].Value is "unitId" or "unit" ? unit.ToString()
                    : m.Groups["constraint"].Value.Contains("guid", StringComparison.Ordinal) ? Guid.NewGuid().ToString()
                    : value);
                if (changed != path)
                {
                    urls.Add(changed);
                }
            }

            foreach (var url in urls)
            {
                using var response = await client.GetAsync(url);
                calls++;
                if ((int)response.StatusCode >= 500)
                {
                    failures.Add($"{role} GET {url[..Math.Min(url.Length, 160)]}: {(int)response.StatusCode}");
                }
            }
        }

        // The sign-in-free and page-side redirects take a return address: control characters are not a local path.
        var anonymous = factory.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        foreach (var returnUrl in new[] { "/%09/evil.example", "/%0d%0a/evil.example", "/%0a", "/\\evil.example", "//evil.example", "https://evil.example/" })
        {
            foreach (var (client, url) in new[] { (anonymous, $"/culture?c=en&returnUrl={returnUrl}"), (admin, $"/unit/select?id={unit}&returnUrl={returnUrl}") })
            {
                using var response = await client.GetAsync(url);
                calls++;
                if ((int)response.StatusCode >= 500)
                {
                    failures.Add($"GET {url}: {(int)response.StatusCode}");
                }
                else
                {
                    response.StatusCode.ShouldBe(HttpStatusCode.Redirect, url);
                    response.Headers.Location!.OriginalString.ShouldBe("/", url);
                }
            }
        }

        calls.ShouldBeGreaterThan(1000);
        failures.ShouldBeEmpty();
    }

    [Fact]
    public async Task Hostile_text_is_stored_as_typed_and_shown_escaped_in_the_pages()
    {
        const string Script = "<script>alert('x')</script>";
        const string Image = "<img src=x onerror=alert(1)>";
        var resident = await factory.ApiClientAsync("resident");
        var unit = (await (await resident.GetAsync("/api/me")).ReadJsonAsync()).GetProperty("unitIds")[0].GetGuid();
        var options = await (await resident.GetAsync($"/api/units/{unit}/asset-options")).ReadJsonAsync();
        var type = options.GetProperty("types")[0].GetProperty("id").GetGuid();
        var code = "XSS-" + Guid.NewGuid().ToString("N")[..6];
        var asset = await resident.PostAsJsonAsync($"/api/units/{unit}/assets", new { code, name = Image, assetTypeId = type, status = "InUse", notes = Script });
        asset.StatusCode.ShouldBe(HttpStatusCode.Created);
        var assetId = await asset.Content.ReadFromJsonAsync<Guid>();
        var fault = await resident.PostAsJsonAsync($"/api/units/{unit}/faults", new { title = Script, description = Image + "\n" + Script, assetCode = code, callerName = Image });
        fault.StatusCode.ShouldBe(HttpStatusCode.Created);
        var faultId = (await fault.ReadJsonAsync()).GetProperty("id").GetGuid();

        // Stored as typed: the API gives back exactly what was sent.
        var stored = await (await resident.GetAsync($"/api/faults/{faultId}")).ReadJsonAsync();
        stored.GetProperty("fault").GetProperty("title").GetString().ShouldBe(Script);
        (await (await resident.GetAsync($"/api/assets/{assetId}")).ReadJsonAsync()).GetProperty("name").GetString().ShouldBe(Image);

        // Shown escaped: the pages as the browser first receives them carry the text, never the markup.
        var browser = await FormBrowser.SignedInAsync(factory, "resident");
        foreach (var page in new[] { $"/faults/{faultId}", "/faults", $"/assets/{assetId}" })
        {
            var html = await browser.GetStringAsync(page);
            html.ShouldNotContain(Script, customMessage: page);
            html.ShouldNotContain(Image, customMessage: page);
        }

        var detail = await browser.GetStringAsync($"/faults/{faultId}");
        detail.ShouldContain("&lt;script&gt;", customMessage: "the fault page shows the title as text");
    }
}
