using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Yunwei.Data.Identity;
using Yunwei.Domain.Administration;
using Yunwei.Web.Tests.Infrastructure;

namespace Yunwei.Web.Tests.Administration;

public sealed class UserAdministrationTests(YunweiFactory factory) : IClassFixture<YunweiFactory>
{
    private static async Task<Guid> DemoUnitAsync(HttpClient client) =>
        (await (await client.GetAsync("/api/units")).ReadJsonAsync())[0].GetProperty("id").GetGuid();

    [Fact]
    public async Task A_client_administrator_adds_a_client_user_of_the_own_unit_with_a_generated_password()
    {
        var client = await factory.ApiClientAsync("client.admin");
        var demo = await DemoUnitAsync(client);
        var name = "clerk." + Guid.NewGuid().ToString("N")[..6];

        var response = await client.PostJsonAsync("/api/users", new { userName = name, displayName = "刑事审判庭 书记员", role = Roles.EndUser, unitIds = new[] { demo } });

        response.StatusCode.ShouldBe(HttpStatusCode.Created);
        var created = await response.ReadJsonAsync();
        created.GetProperty("generatedPassword").GetString()!.Length.ShouldBe(19);
        var list = await (await client.GetAsync("/api/users")).ReadJsonAsync();
        var row = list.EnumerateArray().Single(u => u.GetProperty("userName").GetString() == name);
        row.GetProperty("roles")[0].GetString().ShouldBe(Roles.EndUser);
        row.GetProperty("party").GetString().ShouldBe("Client");
    }

    [Theory]
    [InlineData(Roles.ResidentEngineer)]
    [InlineData(Roles.SystemAdministrator)]
    [InlineData(Roles.Auditor)]
    public async Task A_client_administrator_cannot_create_provider_or_system_users(string role)
    {
        var client = await factory.ApiClientAsync("client.admin");
        var demo = await DemoUnitAsync(client);

        var response = await client.PostJsonAsync("/api/users", new { userName = "x" + Guid.NewGuid().ToString("N")[..6], displayName = "x", role, unitIds = new[] { demo } });

        var problem = await response.ShouldBeProblemAsync(400);
        problem.GetProperty("errors").GetProperty("Role")[0].GetString().ShouldBe("您只能为本单位添加甲方用户");
    }

    [Fact]
    public async Task Party_rules_for_units_are_enforced_and_weak_passwords_rejected()
    {
        var admin = await factory.ApiClientAsync("admin");
        var demo = await DemoUnitAsync(admin);
        string Name() => "u" + Guid.NewGuid().ToString("N")[..8];

        var clientWithoutUnit = await (await admin.PostJsonAsync("/api/users", new { userName = Name(), displayName = "x", role = Roles.EndUser, unitIds = Array.Empty<Guid>() })).ShouldBeProblemAsync(400);
        var systemWithUnit = await (await admin.PostJsonAsync("/api/users", new { userName = Name(), displayName = "x", role = Roles.Auditor, unitIds = new[] { demo } })).ShouldBeProblemAsync(400);
        var weak = await (await admin.PostJsonAsync("/api/users", new { userName = Name(), displayName = "x", role = Roles.DutyEngineer, unitIds = new[] { demo }, password = "short" })).ShouldBeProblemAsync(400);
        var duplicate = await (await admin.PostJsonAsync("/api/users", new { userName = "resident", displayName = "x", role = Roles.DutyEngineer, unitIds = new[] { demo } })).ShouldBeProblemAsync(400);

        clientWithoutUnit.GetProperty("errors").GetProperty("UnitIds")[0].GetString().ShouldBe("甲方用户须且只能属于一个单位");
        systemWithUnit.GetProperty("errors").GetProperty("UnitIds")[0].GetString().ShouldBe("系统角色不属于任何单位");
        weak.GetProperty("errors").GetProperty("Password").EnumerateArray().Select(e => e.GetString()).ShouldContain("密码至少 10 位");
        duplicate.GetProperty("errors").GetProperty("UserName")[0].GetString().ShouldBe("用户名已存在");
    }

    [Fact]
    public async Task A_deactivated_user_loses_api_access_at_once()
    {
        var admin = await factory.ApiClientAsync("admin");
        var demo = await DemoUnitAsync(admin);
        var name = "temp." + Guid.NewGuid().ToString("N")[..6];
        var created = await (await admin.PostJsonAsync("/api/users", new { userName = name, displayName = "临时", role = Roles.SupportEngineer, unitIds = new[] { demo } })).ReadJsonAsync();
        var user = await factory.ApiClientAsync(name);
        (await user.GetAsync("/api/units")).StatusCode.ShouldBe(HttpStatusCode.OK);

        var deactivated = await admin.PostAsync($"/api/users/{created.GetProperty("id").GetGuid()}/Deactivate", null);

        deactivated.StatusCode.ShouldBe(HttpStatusCode.OK);
        await (await user.GetAsync("/api/units")).ShouldBeProblemAsync(401);
    }

    [Fact]
    public async Task A_client_administrator_cannot_touch_provider_staff_even_of_the_own_unit()
    {
        var admin = await factory.ApiClientAsync("admin");
        var users = await (await admin.GetAsync("/api/users")).ReadJsonAsync();
        var resident = users.EnumerateArray().Single(u => u.GetProperty("userName").GetString() == "resident").GetProperty("id").GetGuid();
        var client = await factory.ApiClientAsync("client.admin");

        await (await client.PostAsync($"/api/users/{resident}/ResetPassword", null)).ShouldBeProblemAsync(404);
    }
}

public sealed class UserEditingTests(YunweiFactory factory) : IClassFixture<YunweiFactory>
{
    [Fact]
    public async Task Changing_a_users_role_and_units_changes_what_their_token_may_do()
    {
        var admin = await factory.ApiClientAsync("admin");
        var demo = (await (await admin.GetAsync("/api/units")).ReadJsonAsync())[0].GetProperty("id").GetGuid();
        var other = (await (await admin.PostJsonAsync("/api/units", new { code = "E" + Guid.NewGuid().ToString("N")[..6], name = "丙法院" })).ReadJsonAsync()).GetProperty("id").GetGuid();
        var name = "eng." + Guid.NewGuid().ToString("N")[..6];
        var id = (await (await admin.PostJsonAsync("/api/users", new { userName = name, displayName = "工程师", role = Roles.SupportEngineer, unitIds = new[] { demo } })).ReadJsonAsync()).GetProperty("id").GetGuid();
        var engineer = await factory.ApiClientAsync(name);
        (await (await engineer.GetAsync("/api/units")).ReadJsonAsync()).GetArrayLength().ShouldBe(1);

        var revision = (await (await admin.GetAsync("/api/users")).ReadJsonAsync()).EnumerateArray().Single(u => u.GetProperty("id").GetGuid() == id).GetProperty("revision").GetInt32();
        var updated = await admin.PutAsJsonAsync($"/api/users/{id}", new { displayName = "客户经理 新", role = Roles.AccountManager, unitIds = new[] { demo, other }, revision });

        updated.StatusCode.ShouldBe(HttpStatusCode.NoContent);
        var units = await (await engineer.GetAsync("/api/units")).ReadJsonAsync();
        units.EnumerateArray().Select(u => u.GetProperty("id").GetGuid()).ShouldBe([demo, other], ignoreOrder: true);
        var me = await (await engineer.GetAsync("/api/me")).ReadJsonAsync();
        me.GetProperty("roles")[0].GetString().ShouldBe(Roles.AccountManager);
        me.GetProperty("displayName").GetString().ShouldBe("客户经理 新");
    }

    [Fact]
    public async Task An_edit_on_an_old_revision_of_a_user_is_refused_but_failed_sign_ins_do_not_make_it_old()
    {
        var admin = await factory.ApiClientAsync("admin");
        var demo = (await (await admin.GetAsync("/api/units")).ReadJsonAsync())[0].GetProperty("id").GetGuid();
        var name = "rev." + Guid.NewGuid().ToString("N")[..6];
        var id = (await (await admin.PostJsonAsync("/api/users", new { userName = name, displayName = "工程师甲", role = Roles.SupportEngineer, unitIds = new[] { demo } })).ReadJsonAsync()).GetProperty("id").GetGuid();
        async Task<JsonElement> RowAsync() => (await (await admin.GetAsync("/api/users")).ReadJsonAsync()).EnumerateArray().Single(u => u.GetProperty("id").GetGuid() == id);
        var revision = (await RowAsync()).GetProperty("revision").GetInt32();

        // Someone mistypes the user's password: Identity's stamp changes, the administrator's form is still current.
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
            var user = (await users.FindByNameAsync(name))!;
            var stamp = user.ConcurrencyStamp;
            (await users.AccessFailedAsync(user)).Succeeded.ShouldBeTrue();
            (await users.FindByNameAsync(name))!.ConcurrencyStamp.ShouldNotBe(stamp);
        }

        var edits = await Task.WhenAll(
            admin.PutAsJsonAsync($"/api/users/{id}", new { displayName = "工程师乙", role = Roles.SupportEngineer, unitIds = new[] { demo }, revision }),
            admin.PutAsJsonAsync($"/api/users/{id}", new { displayName = "工程师丙", role = Roles.SupportEngineer, unitIds = new[] { demo }, revision }));
        edits.Select(r => r.StatusCode).Order().ShouldBe([HttpStatusCode.NoContent, HttpStatusCode.Conflict]);
        var winner = edits[0].StatusCode == HttpStatusCode.NoContent ? "工程师乙" : "工程师丙";
        (await RowAsync()).GetProperty("displayName").GetString().ShouldBe(winner);

        // The person's own preferences share the revision: an administrator's form from before them is refused.
        var engineer = await factory.ApiClientAsync(name);
        var prefs = await (await engineer.GetAsync("/api/me/notification-preferences")).ReadJsonAsync();
        (await engineer.PutAsJsonAsync("/api/me/notification-preferences", new { email = "mine@example.com", notifyByEmail = true, revision = prefs.GetProperty("revision").GetInt32() }))
            .StatusCode.ShouldBe(HttpStatusCode.OK);
        await (await admin.PutAsJsonAsync($"/api/users/{id}", new { displayName = "工程师丁", email = "admin-typed@example.com", role = Roles.SupportEngineer, unitIds = new[] { demo }, revision = revision + 1 }))
            .ShouldBeProblemAsync(409);
        await (await engineer.PutAsJsonAsync("/api/me/notification-preferences", new { email = "other-tab@example.com", notifyByEmail = true, revision = prefs.GetProperty("revision").GetInt32() }))
            .ShouldBeProblemAsync(409);
        (await (await admin.PutAsJsonAsync($"/api/users/{id}", new { displayName = "工程师戊", role = Roles.SupportEngineer, unitIds = new[] { demo } })).ShouldBeProblemAsync(400))
            .GetProperty("errors").GetProperty("Revision")[0].GetString().ShouldBe("必填");

        var after = await RowAsync();
        (after.GetProperty("displayName").GetString(), after.GetProperty("email").GetString()).ShouldBe((winner, "mine@example.com"));
        after.GetProperty("revision").GetInt32().ShouldBe(revision + 2);
    }

    [Fact]
    public async Task A_client_administrator_cannot_move_a_client_user_to_another_unit_or_edit_provider_staff()
    {
        var admin = await factory.ApiClientAsync("admin");
        var other = (await (await admin.PostJsonAsync("/api/units", new { code = "F" + Guid.NewGuid().ToString("N")[..6], name = "丁法院" })).ReadJsonAsync()).GetProperty("id").GetGuid();
        var users = await (await admin.GetAsync("/api/users")).ReadJsonAsync();
        Guid IdOf(string userName) => users.EnumerateArray().Single(u => u.GetProperty("userName").GetString() == userName).GetProperty("id").GetGuid();
        var client = await factory.ApiClientAsync("client.admin");

        var moved = await client.PutAsJsonAsync($"/api/users/{IdOf("enduser")}", new { displayName = "x", role = Roles.EndUser, unitIds = new[] { other } });
        var provider = await client.PutAsJsonAsync($"/api/users/{IdOf("resident")}", new { displayName = "x", role = Roles.ResidentEngineer, unitIds = Array.Empty<Guid>() });

        (await moved.ShouldBeProblemAsync(400)).GetProperty("errors").GetProperty("UnitIds")[0].GetString().ShouldBe("所选单位不存在或您无权访问");
        await provider.ShouldBeProblemAsync(404);
    }
}
