using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Patterns;
using Microsoft.Extensions.DependencyInjection;
using Yunwei.Domain.Administration;
using Yunwei.Web.Tests.Infrastructure;

namespace Yunwei.Web.Tests.Administration;

/// <summary>
/// Every API endpoint × every role, generated from the app's own endpoint list: an endpoint must say
/// who may call it (a permission, signed-in only, or on the short list of anonymous ones); without a
/// sign-in it answers 401; a role without the endpoint's permission gets 403; nobody ever gets a 5xx.
/// A new endpoint without a rule fails here.
/// </summary>
public sealed partial class AuthorizationMatrixTests(YunweiFactory factory) : IClassFixture<YunweiFactory>
{
    /// <summary>Endpoints open without signing in, each for a reason.</summary>
    private static readonly string[] Anonymous =
    [
        "/api/alerts/alertmanager", // the unit's alerts token is checked by the handler
        "/api/alerts/zabbix",
    ];

    /// <summary>The API reference page and its scripts (Scalar) are public.</summary>
    private static bool IsAnonymous(string? pattern) =>
        pattern is not null && (Anonymous.Contains(pattern) || pattern.StartsWith("/api/docs", StringComparison.Ordinal));

    public static readonly Dictionary<string, string> UserOf = new()
    {
        [Roles.SystemAdministrator] = "admin",
        [Roles.Auditor] = "auditor",
        [Roles.ClientAdministrator] = "client.admin",
        [Roles.ClientMaintenance] = "client.maint",
        [Roles.ClientRepresentative] = "client.rep",
        [Roles.EndUser] = "enduser",
        [Roles.ResidentEngineer] = "resident",
        [Roles.DutyEngineer] = "duty",
        [Roles.SupportEngineer] = "support",
        [Roles.AccountManager] = "account",
        [Roles.Leadership] = "leader",
    };

    public sealed record Api(string Method, string Pattern, string? Permission, bool AnonymousAllowed, bool Form);

    private List<Api> Endpoints() => ApiEndpoints(factory);

    /// <summary>The app's /api endpoints with their rule, from its endpoint list (the fuzz test uses it too).</summary>
    public static List<Api> ApiEndpoints(YunweiFactory factory) =>
        [.. factory.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText?.StartsWith("/api", StringComparison.Ordinal) == true)
            .SelectMany(e => (e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? ["GET"]).Select(m => new Api(
                m,
                e.RoutePattern.RawText!,
                e.Metadata.GetOrderedMetadata<IAuthorizeData>().Select(a => a.Policy).LastOrDefault(p => p is not null),
                e.Metadata.GetMetadata<IAllowAnonymous>() is not null && e.Metadata.GetOrderedMetadata<IAuthorizeData>().Count == 0,
                e.Metadata.GetMetadata<Microsoft.AspNetCore.Http.Metadata.IAcceptsMetadata>()?.ContentTypes.Any(t => t.StartsWith("multipart/", StringComparison.Ordinal)) == true)))
            .DistinctBy(a => (a.Method, a.Pattern))];

    [Fact]
    public void Every_endpoint_names_who_may_call_it()
    {
        var endpoints = Endpoints();
        endpoints.Count.ShouldBeGreaterThan(150);
        var source = factory.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText?.StartsWith("/api", StringComparison.Ordinal) == true).ToList();
        var unruled = source.Where(e => e.Metadata.GetOrderedMetadata<IAuthorizeData>().Count == 0 && !IsAnonymous(e.RoutePattern.RawText))
            .Select(e => e.RoutePattern.RawText).Distinct().ToList();
        unruled.ShouldBeEmpty("an API endpoint without RequireAuthorization (or a reason to be anonymous in this test's list)");
        endpoints.Where(e => e.Permission is not null).Select(e => e.Permission).Distinct().ShouldAllBe(p => Permissions.All.Contains(p));
    }

    [Fact]
    public async Task Every_endpoint_answers_every_role_as_its_rule_says_and_never_with_a_server_error()
    {
        var endpoints = Endpoints().Where(e => !IsAnonymous(e.Pattern)).ToList();
        var anonymous = factory.CreateClient(new() { AllowAutoRedirect = false });
        var admin = await factory.ApiClientAsync("admin");
        var unit = (await (await admin.GetAsync("/api/units")).ReadJsonAsync())[0].GetProperty("id").GetGuid();
        var failures = new List<string>();
        foreach (var api in endpoints)
        {
            var status = await CallAsync(anonymous, api, unit);
            if (status != HttpStatusCode.Unauthorized)
            {
                failures.Add($"anonymous {api.Method} {api.Pattern}: {(int)status}, expected 401");
            }
        }

        foreach (var (role, user) in UserOf)
        {
            var client = await factory.ApiClientAsync(user);
            foreach (var api in endpoints)
            {
                var status = await CallAsync(client, api, unit);
                var allowed = api.Permission is null || Permissions.Grants([role], api.Permission);
                if ((int)status >= 500)
                {
                    failures.Add($"{role} {api.Method} {api.Pattern}: {(int)status}");
                }
                else if (!allowed && status != HttpStatusCode.Forbidden)
                {
                    failures.Add($"{role} {api.Method} {api.Pattern}: {(int)status}, expected 403 (needs {api.Permission})");
                }
                else if (allowed && status == HttpStatusCode.Unauthorized)
                {
                    failures.Add($"{role} {api.Method} {api.Pattern}: 401 for a signed-in user");
                }
            }
        }

        failures.ShouldBeEmpty();
    }

    /// <summary>
    /// The unit dimension: the client administrator of another unit, holding every permission a
    /// client administrator has, reaches nothing of the demo unit — no endpoint naming the unit answers
    /// with success.
    /// </summary>
    [Fact]
    public async Task A_client_administrator_of_another_unit_reaches_nothing_of_this_unit()
    {
        var admin = await factory.ApiClientAsync("admin");
        var demo = (await (await admin.GetAsync("/api/units")).ReadJsonAsync())[0].GetProperty("id").GetGuid();
        var other = await (await admin.PostAsJsonAsync("/api/units", new { code = "OTHER", name = "另一家法院" })).ReadJsonAsync();
        (await admin.PostAsJsonAsync("/api/users", new
        {
            userName = "other.admin",
            displayName = "另一家 信息处",
            role = Roles.ClientAdministrator,
            unitIds = new[] { other.GetProperty("id").GetGuid() },
            password = YunweiFactory.DemoPassword,
        })).StatusCode.ShouldBe(HttpStatusCode.Created);
        var stranger = await factory.ApiClientAsync("other.admin");

        var leaks = new List<string>();
        foreach (var api in Endpoints().Where(e => !IsAnonymous(e.Pattern) && e.Pattern.Contains("{unitId", StringComparison.Ordinal)))
        {
            var status = await CallAsync(stranger, api, demo);
            if ((int)status is >= 200 and < 300 or >= 500)
            {
                leaks.Add($"{api.Method} {api.Pattern}: {(int)status}");
            }
        }

        leaks.ShouldBeEmpty();
        (await stranger.GetAsync($"/api/units/{demo}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    /// <summary>Calls an endpoint with its route filled in (the demo unit; unknown ids elsewhere) and an empty JSON body.</summary>
    private static async Task<HttpStatusCode> CallAsync(HttpClient client, Api api, Guid unit)
    {
        using var request = new HttpRequestMessage(new HttpMethod(api.Method), Path(api.Pattern, unit));
        if (api.Method is "POST" or "PUT" or "PATCH")
        {
            // Upload endpoints take a form (anything else is 415 before authorisation runs).
            request.Content = api.Form ? new MultipartFormDataContent { { new StringContent("x"), "note" } } : new StringContent("{}", Encoding.UTF8, "application/json");
        }

        using var response = await client.SendAsync(request);
        return response.StatusCode;
    }

    /// <summary>A route with its parameters filled in: the given unit, unknown ids elsewhere.</summary>
    public static string Path(string pattern, Guid unit) =>
        Parameter().Replace(pattern, m =>
        {
            var name = m.Groups["name"].Value;
            var constraint = m.Groups["constraint"].Value;
            return name switch
            {
                "unitId" or "unit" => unit.ToString(),
                _ when constraint.Contains("guid", StringComparison.Ordinal) => Guid.NewGuid().ToString(),
                _ when constraint.Contains("int", StringComparison.Ordinal) => "1",
                _ when name.Contains("date", StringComparison.OrdinalIgnoreCase) || name == "week" => "2026-03-02",
                _ => "x",
            };
        });

    [GeneratedRegex(@"\{\**(?<name>[A-Za-z]+)(?::(?<constraint>[^}?]+))?\??\}")]
    private static partial Regex Parameter();
}
