using System.Net;
using System.Net.Http.Headers;
using System.Text.RegularExpressions;
using Yunwei.Web.Tests.Infrastructure;

namespace Yunwei.Web.Tests.Administration;

/// <summary>
/// Forms a foreign page could post with the user's cookie: sign-in, sign-out and the API's file
/// uploads refuse a post without the antiforgery token; token clients upload without one.
/// </summary>
public sealed partial class AntiforgeryTests(YunweiFactory factory) : IClassFixture<YunweiFactory>
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
        var page = await browser.GetStringAsync("/");
        var token = TokenPattern().Match(page).Groups[1].Value;
        token.ShouldNotBeNullOrEmpty();
        using var withToken = new HttpRequestMessage(HttpMethod.Post, $"/api/units/{unit}/assets/import?dryRun=true") { Content = Upload() };
        withToken.Headers.Add("RequestVerificationToken", token);
        (await browser.SendAsync(withToken)).StatusCode.ShouldBe(HttpStatusCode.OK);

        // A personal access token is no cookie: no antiforgery token needed.
        var api = await factory.ApiClientAsync("resident");
        (await api.PostAsync($"/api/units/{unit}/assets/import?dryRun=true", Upload())).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex TokenPattern();
}
