using System.Net;
using System.Security.Claims;
using Microsoft.Extensions.DependencyInjection;
using Yunwei.Domain.Administration;
using Yunwei.Web.Features.Profile;
using Yunwei.Web.Infrastructure;
using Yunwei.Web.Tests.Infrastructure;

namespace Yunwei.Web.Tests.Account;

public sealed class TwoFactorTests(YunweiFactory factory) : IClassFixture<YunweiFactory>
{
    private const string Password = "TwoFactor-Pass-1";

    private async Task<Guid> NewUserAsync(string userName)
    {
        var admin = await factory.ApiClientAsync("admin");
        var demo = (await (await admin.GetAsync("/api/units")).ReadJsonAsync())[0].GetProperty("id").GetGuid();
        var created = await admin.PostJsonAsync("/api/users", new { userName, displayName = "两步验证 用户", role = Roles.DutyEngineer, unitIds = new[] { demo }, password = Password });
        created.StatusCode.ShouldBe(HttpStatusCode.Created);
        return (await created.ReadJsonAsync()).GetProperty("id").GetGuid();
    }

    private async Task<T> AsUserAsync<T>(Guid userId, Func<TwoFactorHandler, Task<T>> work)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<CurrentUser>()
            .Set(new ClaimsPrincipal(new ClaimsIdentity([new Claim(ClaimTypes.NameIdentifier, userId.ToString())], "test")));
        return await work(scope.ServiceProvider.GetRequiredService<TwoFactorHandler>());
    }

    [Fact]
    public async Task With_two_factor_on_signing_in_needs_the_authenticator_code()
    {
        var name = "tfa." + Guid.NewGuid().ToString("N")[..6];
        var id = await NewUserAsync(name);

        var setup = await AsUserAsync(id, h => h.BeginAsync());
        setup.QrSvg.ShouldStartWith("<svg");
        (await AsUserAsync(id, h => h.EnableAsync("000000"))).ShouldBeFalse();
        (await AsUserAsync(id, h => h.EnableAsync(Totp.Code(setup.SharedKey, TimeProvider.System.GetUtcNow())))).ShouldBeTrue();
        (await AsUserAsync(id, h => h.StateAsync())).Enabled.ShouldBeTrue();

        var browser = FormBrowser.New(factory);
        var first = await FormBrowser.PostFormAsync(browser, "/account/login", "login", new() { ["Input.UserName"] = name, ["Input.Password"] = Password });
        first.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        first.Headers.Location!.ToString().ShouldContain("/account/login-2fa");
        (await browser.GetAsync("/")).StatusCode.ShouldBe(HttpStatusCode.Redirect, "the password alone does not sign in");

        var page = "/account/login-2fa?returnUrl=%2F";
        var wrong = await FormBrowser.PostFormAsync(browser, page, "login-2fa", new() { ["Input.Code"] = "123456" });
        (await wrong.Content.ReadAsStringAsync()).ShouldContain("验证码不正确或已过期");
        var right = await FormBrowser.PostFormAsync(browser, page, "login-2fa", new() { ["Input.Code"] = Totp.Code(setup.SharedKey, TimeProvider.System.GetUtcNow()) });

        right.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var home = await browser.GetAsync("/");
        home.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await home.Content.ReadAsStringAsync()).ShouldContain("两步验证 用户");
    }

}
