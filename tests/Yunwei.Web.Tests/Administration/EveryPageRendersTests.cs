using System.Net;
using Yunwei.Web.Tests.Infrastructure;

namespace Yunwei.Web.Tests.Administration;

/// <summary>Every page renders for every role that may open it, and says "forbidden" to the others.</summary>
public sealed class EveryPageRendersTests(YunweiFactory factory) : IClassFixture<YunweiFactory>
{
    public static TheoryData<string> Users => new()
    {
        "admin", "auditor", "client.admin", "client.maint", "client.rep", "enduser", "resident", "duty", "support", "account", "leader",
    };

    [Theory]
    [MemberData(nameof(Users))]
    public async Task Each_page_renders_or_is_denied_for_each_role(string user)
    {
        var browser = await FormBrowser.SignedInAsync(factory, user);
        var admin = await factory.ApiClientAsync("admin");
        var demo = (await (await admin.GetAsync("/api/units")).ReadJsonAsync()).EnumerateArray()
            .Single(u => u.GetProperty("code").GetString() == "DEMO").GetProperty("id").GetGuid();

        foreach (var path in new[] { "/", "/units", $"/units/{demo}", "/admin/users", "/audit", "/profile" })
        {
            var response = await browser.GetAsync(path);
            if (response.StatusCode == HttpStatusCode.Redirect)
            {
                response.Headers.Location!.ToString().ShouldContain("/account/denied", customMessage: $"{user} {path}");
                continue;
            }

            response.StatusCode.ShouldBe(HttpStatusCode.OK, $"{user} {path}");
            var html = await response.Content.ReadAsStringAsync();
            html.ShouldContain("data-testid=\"side-nav\"", customMessage: $"{user} {path}");
        }
    }
}
