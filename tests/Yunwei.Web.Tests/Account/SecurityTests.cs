using System.Net;
using Microsoft.AspNetCore.Hosting;
using Yunwei.Web.Tests.Infrastructure;

namespace Yunwei.Web.Tests.Account;

/// <summary>The host with a tight sign-in throttle (3 a minute), to reach it in a test.</summary>
public sealed class ThrottledFactory : YunweiFactory
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Security:SignInsPerMinute", "3");
    }
}

/// <summary>Security headers on pages and API answers; sign-in attempts throttled per address.</summary>
public sealed class SecurityTests(ThrottledFactory factory) : IClassFixture<ThrottledFactory>
{
    [Theory]
    [InlineData("/account/login")]
    [InlineData("/api/units")]
    [InlineData("/health/live")]
    public async Task Every_answer_carries_the_security_headers(string path)
    {
        var response = await FormBrowser.New(factory).GetAsync(path);

        response.Headers.GetValues("X-Content-Type-Options").ShouldBe(["nosniff"]);
        response.Headers.GetValues("X-Frame-Options").ShouldBe(["DENY"]);
        response.Headers.GetValues("Referrer-Policy").ShouldBe(["strict-origin-when-cross-origin"]);
        var csp = response.Headers.GetValues("Content-Security-Policy").Single();
        csp.ShouldContain("script-src 'self';");
        csp.ShouldContain("frame-ancestors 'none'");
        csp.ShouldNotContain("unsafe-eval");
    }

    [Fact]
    public async Task The_api_reference_page_keeps_only_the_framing_rule()
    {
        var response = await FormBrowser.New(factory).GetAsync("/api/docs");

        response.Headers.GetValues("Content-Security-Policy").Single().ShouldBe("frame-ancestors 'none'");
    }

    [Fact]
    public async Task Sign_ins_beyond_the_limit_come_back_to_the_form_with_the_reason()
    {
        var browser = FormBrowser.New(factory);
        for (var i = 0; i < 3; i++)
        {
            (await FormBrowser.PostLoginAsync(browser, "auditor", "wrong-password")).StatusCode.ShouldBe(HttpStatusCode.OK);
        }

        var throttled = await FormBrowser.PostLoginAsync(browser, "auditor", YunweiFactory.DemoPassword);
        throttled.StatusCode.ShouldBe(HttpStatusCode.SeeOther);
        throttled.Headers.Location!.ToString().ShouldBe("/account/login?throttled=1");
        throttled.Headers.RetryAfter.ShouldNotBeNull();
        (await browser.GetStringAsync("/account/login?throttled=1")).ShouldContain("登录尝试过于频繁，请一分钟后再试");

        // Reading the form is never throttled.
        (await browser.GetAsync("/account/login")).StatusCode.ShouldBe(HttpStatusCode.OK);
    }
}
