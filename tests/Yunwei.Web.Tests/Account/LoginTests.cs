using System.Net;
using Yunwei.Web.Tests.Infrastructure;

namespace Yunwei.Web.Tests.Account;

/// <summary>The sign-in form as a browser posts it: antiforgery token, cookie, lockout.</summary>
public sealed class LoginTests(YunweiFactory factory) : IClassFixture<YunweiFactory>
{
    private HttpClient NewBrowser() => FormBrowser.New(factory);

    private static Task<HttpResponseMessage> PostLoginAsync(HttpClient browser, string user, string password) =>
        FormBrowser.PostLoginAsync(browser, user, password);

    [Fact]
    public async Task Pages_redirect_to_the_login_page_when_signed_out()
    {
        var response = await NewBrowser().GetAsync("/units");

        response.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        response.Headers.Location!.ToString().ShouldContain("/account/login");
    }

    [Fact]
    public async Task The_right_password_signs_in_and_opens_the_pages()
    {
        var browser = NewBrowser();

        var response = await PostLoginAsync(browser, "resident", YunweiFactory.DemoPassword);

        response.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        new Uri(new Uri("http://localhost"), response.Headers.Location!).AbsolutePath.ShouldBe("/");
        var home = await browser.GetAsync("/");
        home.StatusCode.ShouldBe(HttpStatusCode.OK);
        var html = await home.Content.ReadAsStringAsync();
        html.ShouldContain("驻点工程师 刘工");
        html.ShouldContain("示例人民法院");
    }

    [Fact]
    public async Task A_wrong_password_gives_a_clear_message_and_five_lock_the_account()
    {
        var browser = NewBrowser();

        var first = await (await PostLoginAsync(browser, "support", "wrong-password")).Content.ReadAsStringAsync();
        first.ShouldContain("用户名或密码错误");
        for (var i = 0; i < 4; i++)
        {
            await PostLoginAsync(browser, "support", "wrong-password");
        }

        var locked = await PostLoginAsync(browser, "support", YunweiFactory.DemoPassword);
        locked.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await locked.Content.ReadAsStringAsync()).ShouldContain("账户因多次登录失败已被锁定");
    }

    [Fact]
    public async Task The_login_page_is_chinese_by_default_and_english_after_switching()
    {
        var browser = NewBrowser();
        browser.DefaultRequestHeaders.AcceptLanguage.ParseAdd("en-US");

        (await browser.GetStringAsync("/account/login")).ShouldContain("<html lang=\"zh-CN\"");
        var switched = await browser.GetAsync("/culture?c=en&returnUrl=/account/login");
        switched.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        new Uri(new Uri("http://localhost"), switched.Headers.Location!).AbsolutePath.ShouldBe("/account/login");
        var english = await browser.GetStringAsync("/account/login");

        english.ShouldContain("<html lang=\"en\"");
        english.ShouldContain("Keep me signed in on this device");
    }

    [Theory]
    [InlineData("https://evil.example.com/")]
    [InlineData("//evil.example.com/")]
    [InlineData("/\\evil.example.com")]
    public async Task The_language_switch_never_redirects_to_another_site(string target)
    {
        var response = await NewBrowser().GetAsync("/culture?c=en&returnUrl=" + Uri.EscapeDataString(target));

        new Uri(new Uri("http://localhost"), response.Headers.Location!).AbsolutePath.ShouldBe("/");
    }

}
