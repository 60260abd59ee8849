using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Yunwei.Data.Identity;
using Yunwei.Domain.Administration;
using Yunwei.Web.Infrastructure;
using Yunwei.Web.Tests.Infrastructure;

namespace Yunwei.Web.Tests.Account;

/// <summary>
/// A copy of a sign-in cookie taken before the session ended is refused at once, not after 12 hours:
/// sign-out ends that session (another device stays signed in); deactivation, lockout, a password
/// reset and a change of role end every session of the person.
/// </summary>
public sealed class SessionEndTests(YunweiFactory factory) : IClassFixture<YunweiFactory>
{
    private async Task<(string Name, Guid Id)> NewUserAsync(HttpClient admin)
    {
        var demo = (await (await admin.GetAsync("/api/units")).ReadJsonAsync())[0].GetProperty("id").GetGuid();
        var name = "sess." + Guid.NewGuid().ToString("N")[..6];
        var id = (await (await admin.PostJsonAsync("/api/users", new { userName = name, displayName = "会话测试", role = Roles.SupportEngineer, unitIds = new[] { demo } })).ReadJsonAsync()).GetProperty("id").GetGuid();
        await using var scope = factory.Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<CurrentUser>().ActAsSystem();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var user = (await users.FindByIdAsync(id.ToString()))!;
        (await users.RemovePasswordAsync(user)).Succeeded.ShouldBeTrue();
        (await users.AddPasswordAsync(user, YunweiFactory.DemoPassword)).Succeeded.ShouldBeTrue();
        return (name, id);
    }

    /// <summary>The sign-in cookie as someone could have copied it.</summary>
    private static async Task<string> CookieOfAsync(HttpClient browser)
    {
        var me = await browser.GetAsync("/api/me");
        me.StatusCode.ShouldBe(HttpStatusCode.OK);
        return me.RequestMessage!.Headers.GetValues("Cookie").Single();
    }

    private async Task<HttpStatusCode> ReplayAsync(string cookie)
    {
        using var stranger = factory.CreateClient(new() { AllowAutoRedirect = false, HandleCookies = false });
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/me");
        request.Headers.Add("Cookie", cookie);
        return (await stranger.SendAsync(request)).StatusCode;
    }

    [Fact]
    public async Task A_cookie_kept_from_before_sign_out_is_refused_and_the_persons_other_session_goes_on()
    {
        var admin = await factory.ApiClientAsync("admin");
        var (name, _) = await NewUserAsync(admin);
        var desk = await FormBrowser.SignedInAsync(factory, name);
        var phone = await FormBrowser.SignedInAsync(factory, name);
        var kept = await CookieOfAsync(desk);
        (await ReplayAsync(kept)).ShouldBe(HttpStatusCode.OK, "before signing out the copy works like the original");

        var token = await FormBrowser.TokenAsync(desk);
        var signOut = await desk.PostAsync("/account/logout", new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token }));
        signOut.StatusCode.ShouldBe(HttpStatusCode.Redirect);

        (await ReplayAsync(kept)).ShouldBe(HttpStatusCode.Unauthorized);
        (await desk.GetAsync("/api/me")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await phone.GetAsync("/api/me")).StatusCode.ShouldBe(HttpStatusCode.OK, "signing out on one device leaves the other signed in");
    }

    [Theory]
    [InlineData("Deactivate")]
    [InlineData("ResetPassword")]
    [InlineData("Role")]
    [InlineData("Lockout")]
    public async Task What_ends_every_session_of_a_person_refuses_their_cookies_at_once(string change)
    {
        var admin = await factory.ApiClientAsync("admin");
        var (name, id) = await NewUserAsync(admin);
        var browser = await FormBrowser.SignedInAsync(factory, name);
        var kept = await CookieOfAsync(browser);

        switch (change)
        {
            case "Role":
                var row = (await (await admin.GetAsync("/api/users")).ReadJsonAsync()).EnumerateArray().Single(u => u.GetProperty("id").GetGuid() == id);
                var units = row.GetProperty("unitIds").EnumerateArray().Select(u => u.GetGuid()).ToArray();
                (await admin.PutAsJsonAsync($"/api/users/{id}", new { displayName = "会话测试", role = Roles.DutyEngineer, unitIds = units, revision = row.GetProperty("revision").GetInt32() }))
                    .StatusCode.ShouldBe(HttpStatusCode.NoContent);
                break;
            case "Lockout":
                await using (var scope = factory.Services.CreateAsyncScope())
                {
                    scope.ServiceProvider.GetRequiredService<CurrentUser>().ActAsSystem();
                    var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
                    var user = (await users.FindByIdAsync(id.ToString()))!;
                    for (var i = 0; i < 5; i++)
                    {
                        await users.AccessFailedAsync(user);
                    }

                    (await users.IsLockedOutAsync(user)).ShouldBeTrue();
                }

                break;
            default:
                (await admin.PostAsync($"/api/users/{id}/{change}", null)).StatusCode.ShouldBe(HttpStatusCode.OK);
                break;
        }

        (await ReplayAsync(kept)).ShouldBe(HttpStatusCode.Unauthorized, change);
        (await browser.GetAsync("/api/me")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized, change);
    }
}
