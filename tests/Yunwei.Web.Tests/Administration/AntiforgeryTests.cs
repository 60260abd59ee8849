using System.Net;
using System.Net.Http.Headers;
using Yunwei.Web.Tests.Infrastructure;

namespace Yunwei.Web.Tests.Administration;

/// <summary>
/// Forms a foreign page could post with the user's cookie: sign-in, sign-out and the API's file
/// uploads refuse a post without the antiforgery token; token clients upload without one.
/// </summary>
public sealed class AntiforgeryTests(YunweiFactory factory) : IClassFixture<YunweiFactory>
{
    [Fact]
    public async Task Sign_in_and_sign_out_posts_without_the_token_are_refused()
    {
        var stranger = FormBrowser.New(factory);
        var login = await stranger.PostAsync("/account/login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["_handler"] = "login",
            ["Input.UserName"] = "admin",
            ["Input.Password"] = YunweiFactory.DemoPassword,
        }));
        login.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        login.Headers.Contains("Set-Cookie").ShouldBeFalse("no sign-in cookie without the token");

        var browser = await FormBrowser.SignedInAsync(factory, "resident");
        var logout = await browser.PostAsync("/account/logout", new FormUrlEncodedContent(new Dictionary<string, string>()));
        logout.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await browser.GetAsync("/api/me")).StatusCode.ShouldBe(HttpStatusCode.OK, "still signed in: the forged sign-out did nothing");
    }

    [Fact]
    public async Task A_cookie_signed_in_upload_needs_the_token_and_a_token_client_does_not()
    {
        var browser = await FormBrowser.SignedInAsync(factory, "resident");
        var unit = (await (await browser.GetAsync("/api/me")).ReadJsonAsync()).GetProperty("unitIds")[0].GetGuid();
        var template = await (await browser.GetAsync($"/api/units/{unit}/assets/template.xlsx")).Content.ReadAsByteArrayAsync();
        MultipartFormDataContent Upload()
        {
            var file = new ByteArrayContent(template);
            file.Headers.ContentType = new MediaTypeHeaderValue("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
            return new MultipartFormDataContent { { file, "file", "assets.xlsx" } };
        }

        // What another site's page could send with the user's cookie: refused, in the user's language.
        var forged = await browser.PostAsync($"/api/units/{unit}/assets/import?dryRun=true", Upload());
        (await forged.ShouldBeProblemAsync(400)).GetProperty("detail").GetString()!.ShouldContain("刷新页面");

        // The app's own page carries the token (the sign-out form of every page has one for this user).
        var token = await FormBrowser.TokenAsync(browser);
        using var withToken = new HttpRequestMessage(HttpMethod.Post, $"/api/units/{unit}/assets/import?dryRun=true") { Content = Upload() };
        withToken.Headers.Add("RequestVerificationToken", token);
        (await browser.SendAsync(withToken)).StatusCode.ShouldBe(HttpStatusCode.OK);

        // A personal access token is no cookie: no antiforgery token needed.
        var api = await factory.ApiClientAsync("resident");
        (await api.PostAsync($"/api/units/{unit}/assets/import?dryRun=true", Upload())).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    public static TheoryData<string> Shapes => ["none", "form", "text", "multipart", "json"];

    private static HttpContent? Body(string shape) => shape switch
    {
        "form" => new FormUrlEncodedContent(new Dictionary<string, string> { ["x"] = "1" }),
        "text" => new StringContent("x=1", System.Text.Encoding.UTF8, "text/plain"),
        "multipart" => new MultipartFormDataContent { { new StringContent("1"), "x" } },
        "json" => new StringContent("{}", System.Text.Encoding.UTF8, "application/json"),
        _ => null,
    };

    [Theory]
    [MemberData(nameof(Shapes))]
    public async Task A_cookie_signed_in_change_from_another_origin_is_refused_whatever_its_body(string shape)
    {
        var admin = await factory.ApiClientAsync("admin");
        var demo = (await (await admin.GetAsync("/api/units")).ReadJsonAsync())[0].GetProperty("id").GetGuid();
        var name = "csrf." + Guid.NewGuid().ToString("N")[..6];
        var id = (await (await admin.PostJsonAsync("/api/users", new { userName = name, displayName = "被攻击的用户", role = "SupportEngineer", unitIds = new[] { demo } })).ReadJsonAsync()).GetProperty("id").GetGuid();
        async Task<bool> ActiveAsync() => (await (await admin.GetAsync("/api/users")).ReadJsonAsync()).EnumerateArray().Single(u => u.GetProperty("id").GetGuid() == id).GetProperty("isActive").GetBoolean();
        var browser = await FormBrowser.SignedInAsync(factory, "admin");
        HttpRequestMessage Deactivate(string? origin, string? site)
        {
            var request = new HttpRequestMessage(HttpMethod.Post, $"/api/users/{id}/Deactivate") { Content = Body(shape) };
            if (origin is not null)
            {
                request.Headers.Add("Origin", origin);
            }

            if (site is not null)
            {
                request.Headers.Add("Sec-Fetch-Site", site);
            }

            return request;
        }

        // Another origin on the same host (a page on another port), a foreign site, and no origin at all.
        foreach (var (origin, site) in new (string?, string?)[] { ("http://localhost:8999", "same-site"), ("https://evil.example", "cross-site"), (null, null), ("null", "cross-site") })
        {
            using var forged = Deactivate(origin, site);
            var refused = await browser.SendAsync(forged);
            (await refused.ShouldBeProblemAsync(400)).GetProperty("detail").GetString()!.ShouldContain("刷新页面");
            (await ActiveAsync()).ShouldBeTrue($"{shape} from {origin ?? "nowhere"}: nothing changed");
        }

        // The app's own pages: the browser says same-origin.
        using (var own = Deactivate("http://localhost", "same-origin"))
        {
            (await browser.SendAsync(own)).StatusCode.ShouldBe(HttpStatusCode.OK);
        }

        (await ActiveAsync()).ShouldBeFalse();
        (await admin.PostAsync($"/api/users/{id}/Activate", Body(shape))).StatusCode.ShouldBe(HttpStatusCode.OK, "a token client needs none of this");
        (await ActiveAsync()).ShouldBeTrue();
    }

    [Fact]
    public async Task A_same_origin_header_or_the_antiforgery_token_lets_a_cookie_change_through_and_other_reads_are_untouched()
    {
        var browser = await FormBrowser.SignedInAsync(factory, "resident");
        using (var origin = new HttpRequestMessage(HttpMethod.Post, "/api/notifications/read-all"))
        {
            origin.Headers.Add("Origin", "http://localhost");
            (await browser.SendAsync(origin)).IsSuccessStatusCode.ShouldBeTrue("an Origin equal to the app's");
        }

        var token = await FormBrowser.TokenAsync(browser);
        using (var withToken = new HttpRequestMessage(HttpMethod.Post, "/api/notifications/read-all"))
        {
            withToken.Headers.Add("RequestVerificationToken", token);
            (await browser.SendAsync(withToken)).IsSuccessStatusCode.ShouldBeTrue("the page's antiforgery token");
        }

        (await browser.PostAsync("/api/notifications/read-all", null)).StatusCode.ShouldBe(HttpStatusCode.BadRequest, "neither");
        (await browser.GetAsync("/api/me")).StatusCode.ShouldBe(HttpStatusCode.OK, "reads need nothing");
    }
}
