using System.Text.RegularExpressions;

namespace Yunwei.Web.Tests.Infrastructure;

/// <summary>Posts the server-rendered forms as a browser does: antiforgery token from the page, cookies kept.</summary>
internal static partial class FormBrowser
{
    public static HttpClient New(YunweiFactory factory) =>
        factory.CreateClient(new() { AllowAutoRedirect = false, HandleCookies = true });

    /// <summary>The antiforgery token a page carries for this browser's user (every page's sign-out form has one).</summary>
    public static async Task<string> TokenAsync(HttpClient browser, string page = "/")
    {
        var token = TokenPattern().Match(await browser.GetStringAsync(page)).Groups[1].Value;
        token.ShouldNotBeNullOrEmpty();
        return token;
    }

    public static async Task<HttpResponseMessage> PostFormAsync(HttpClient browser, string page, string handler, Dictionary<string, string> fields)
    {
        var token = await TokenAsync(browser, page);
        fields["_handler"] = handler;
        fields["__RequestVerificationToken"] = token;
        return await browser.PostAsync(page, new FormUrlEncodedContent(fields));
    }

    public static Task<HttpResponseMessage> PostLoginAsync(HttpClient browser, string user, string password) =>
        PostFormAsync(browser, "/account/login", "login", new() { ["Input.UserName"] = user, ["Input.Password"] = password });

    /// <summary>A browser signed in as the demo user.</summary>
    public static async Task<HttpClient> SignedInAsync(YunweiFactory factory, string user)
    {
        var browser = New(factory);
        var response = await PostLoginAsync(browser, user, YunweiFactory.DemoPassword);
        response.StatusCode.ShouldBe(System.Net.HttpStatusCode.Redirect);
        return browser;
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex TokenPattern();
}
