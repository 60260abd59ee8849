using System.Net;
using Microsoft.AspNetCore.Hosting;

namespace Yunwei.Web.Tests.Infrastructure;

/// <summary>The host as configured by the --no-demo switch: an administrator and nothing else.</summary>
public sealed class NoDemoFactory : YunweiFactory
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Seed:NoDemo", "true");
        builder.UseSetting("Seed:AdminPassword", "Admin-Only-Pass-1");
    }
}

public sealed class NoDemoTests(NoDemoFactory factory) : IClassFixture<NoDemoFactory>
{
    [Fact]
    public async Task Without_demo_data_only_the_administrator_exists_with_the_configured_password()
    {
        var browser = FormBrowser.New(factory);

        var demoUser = await FormBrowser.PostLoginAsync(browser, "resident", YunweiFactory.DemoPassword);
        var admin = await FormBrowser.PostLoginAsync(browser, "admin", "Admin-Only-Pass-1");

        demoUser.StatusCode.ShouldBe(HttpStatusCode.OK, "no demo users exist");
        admin.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var api = await factory.ApiClientAsync("admin");
        (await (await api.GetAsync("/api/units")).ReadJsonAsync()).GetArrayLength().ShouldBe(0);
        (await (await api.GetAsync("/api/users")).ReadJsonAsync()).GetArrayLength().ShouldBe(1);
    }
}
