using System.Net;
using Yunwei.Web.Tests.Infrastructure;

namespace Yunwei.Web.Tests.Units;

/// <summary>The pages, like the API, show nothing of another unit.</summary>
public sealed class PageIsolationTests(YunweiFactory factory) : IClassFixture<YunweiFactory>
{
    private async Task<Guid> OtherUnitAsync(string name)
    {
        var admin = await factory.ApiClientAsync("admin");
        var created = await admin.PostJsonAsync("/api/units", new { code = "P" + Guid.NewGuid().ToString("N")[..6], name });
        return (await created.ReadJsonAsync()).GetProperty("id").GetGuid();
    }

    [Fact]
    public async Task Another_units_page_shows_not_found_and_none_of_its_data()
    {
        var other = await OtherUnitAsync("戊市人民法院");
        var browser = await FormBrowser.SignedInAsync(factory, "client.admin");

        var detail = await browser.GetStringAsync($"/units/{other}");
        var list = await browser.GetStringAsync("/units");
        var audit = await browser.GetStringAsync($"/audit?unit={other}");

        detail.ShouldContain("记录不存在或您无权访问");
        detail.ShouldNotContain("戊市人民法院");
        list.ShouldContain("示例人民法院");
        list.ShouldNotContain("戊市人民法院");
        audit.ShouldNotContain("戊市人民法院");
        // The id the caller typed appears in the filter and the links, never as a row's text.
        audit.ShouldNotContain(">" + other + "<");
    }

    [Fact]
    public async Task A_page_a_role_may_not_open_answers_forbidden_in_the_layout()
    {
        var browser = await FormBrowser.SignedInAsync(factory, "enduser");

        var response = await browser.GetAsync("/admin/users");

        // Signed in but without the permission: redirected to the access-denied page, not to the login.
        response.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        response.Headers.Location!.ToString().ShouldContain("/account/denied");
        (await browser.GetStringAsync("/account/denied")).ShouldContain("您没有权限访问此页面");
    }

    [Fact]
    public async Task Provider_staff_serving_several_units_switch_the_unit_they_work_in()
    {
        var other = await OtherUnitAsync("己县人民法院");
        var admin = await factory.ApiClientAsync("admin");
        var demo = (await (await admin.GetAsync("/api/units")).ReadJsonAsync()).EnumerateArray()
            .Single(u => u.GetProperty("code").GetString() == "DEMO").GetProperty("id").GetGuid();
        var browser = await FormBrowser.SignedInAsync(factory, "admin");

        foreach (var unit in new[] { demo, other, demo })
        {
            var switched = await browser.GetAsync($"/unit/select?id={unit}&returnUrl=%2F");
            switched.StatusCode.ShouldBe(HttpStatusCode.Redirect);
            var home = await browser.GetStringAsync("/");

            home.ShouldContain($"<option value=\"{unit}\" selected>");
            home.ShouldContain($"<option value=\"{other}\"");
            home.ShouldContain($"<option value=\"{demo}\"");
        }
    }

    [Fact]
    public async Task Choosing_a_unit_one_may_not_see_falls_back_to_an_own_unit()
    {
        var other = await OtherUnitAsync("庚县人民法院");
        var browser = await FormBrowser.SignedInAsync(factory, "resident");

        await browser.GetAsync($"/unit/select?id={other}&returnUrl=%2F");
        var home = await browser.GetStringAsync("/");

        home.ShouldNotContain("庚县人民法院");
        home.ShouldContain("示例人民法院");
    }
}
