using System.Net;
using System.Net.Http.Json;
using Yunwei.Web.Tests.Infrastructure;

namespace Yunwei.Web.Tests.Administration;

/// <summary>Which demo role may call which endpoint: least privilege per role.</summary>
public sealed class AuthorizationMatrixTests(YunweiFactory factory) : IClassFixture<YunweiFactory>
{
    public static TheoryData<string, bool, bool, bool, bool> Matrix => new()
    {
        // user, may list audit, may list users, may create units, may edit the contract
        { "admin", true, true, true, true },
        { "auditor", true, false, false, false },
        { "client.admin", true, true, false, true },
        { "client.maint", false, false, false, false },
        { "client.rep", false, false, false, false },
        { "enduser", false, false, false, false },
        { "resident", false, false, false, false },
        { "duty", false, false, false, false },
        { "support", false, false, false, false },
        { "account", false, false, false, true },
        { "leader", true, false, false, false },
    };

    [Theory]
    [MemberData(nameof(Matrix))]
    public async Task Each_role_reaches_exactly_its_endpoints(string user, bool audit, bool users, bool createUnit, bool editContract)
    {
        var client = await factory.ApiClientAsync(user);

        var units = await client.GetAsync("/api/units");
        units.StatusCode.ShouldBe(HttpStatusCode.OK, "every role sees its units");
        var demo = (await units.ReadJsonAsync())[0].GetProperty("id").GetGuid();

        Expect(await client.GetAsync("/api/audit"), audit);
        Expect(await client.GetAsync("/api/users"), users);
        // An invalid body: allowed callers get 400 (validation), others 403 before validation runs.
        Expect(await client.PostAsJsonAsync("/api/units", new { code = "", name = "" }), createUnit, HttpStatusCode.BadRequest);
        Expect(await client.PutAsJsonAsync($"/api/units/{demo}/contract", new { title = "" }), editContract, HttpStatusCode.BadRequest);
    }

    private static void Expect(HttpResponseMessage response, bool allowed, HttpStatusCode whenAllowed = HttpStatusCode.OK) =>
        response.StatusCode.ShouldBe(allowed ? whenAllowed : HttpStatusCode.Forbidden, response.RequestMessage!.RequestUri!.ToString());
}
