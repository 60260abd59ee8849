using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Yunwei.Data;
using Yunwei.Web.Infrastructure;
using Yunwei.Web.Tests.Infrastructure;

namespace Yunwei.Web.Tests.Approvals;

public sealed class SignaturesApiTests(YunweiFactory factory) : IClassFixture<YunweiFactory>
{
    private static readonly object[][] Zigzag =
    [
        [new { x = 100, y = 100 }, new { x = 200, y = 250 }, new { x = 300, y = 120 }, new { x = 400, y = 260 }, new { x = 500, y = 110 }],
        [new { x = 550, y = 200 }, new { x = 700, y = 210 }],
    ];

    private async Task<Guid> RequestPartAsync()
    {
        var resident = await factory.ApiClientAsync("resident");
        var unit = (await (await resident.GetAsync("/api/units")).ReadJsonAsync())[0].GetProperty("id").GetGuid();
        var response = await resident.PostAsJsonAsync($"/api/units/{unit}/approvals", new
        {
            kind = "PartReplacement",
            title = "更换存储硬盘 " + Guid.NewGuid().ToString("N")[..4],
            gatedType = "None",
            fields = new Dictionary<string, string> { ["part"] = "SAS 1.2T", ["quantity"] = "2", ["reason"] = "RAID 降级", ["estimatedCost"] = "3600" },
        });
        response.StatusCode.ShouldBe(HttpStatusCode.Created);
        return await response.Content.ReadFromJsonAsync<Guid>();
    }

    [Fact]
    public async Task A_part_replacement_is_approved_only_with_a_real_signature_which_is_verified_against_the_request()
    {
        var id = await RequestPartAsync();
        var rep = await factory.ApiClientAsync("client.rep");

        var unsigned = await rep.PostAsJsonAsync($"/api/approvals/{id}/approve", new { comment = "同意" });
        (await unsigned.ShouldBeProblemAsync(400)).GetProperty("detail").GetString().ShouldBe("请先在签名板上签名");
        var dot = await rep.PostAsJsonAsync($"/api/approvals/{id}/approve", new { signature = new[] { new[] { new { x = 10, y = 10 }, new { x = 11, y = 11 } } } });
        (await dot.ShouldBeProblemAsync(400)).GetProperty("detail").GetString().ShouldBe("请先在签名板上签名");

        var signed = await rep.PostAsJsonAsync($"/api/approvals/{id}/approve", new { comment = "同意更换", signature = Zigzag });
        signed.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await signed.ReadJsonAsync()).GetProperty("signatureId").GetGuid().ShouldNotBe(Guid.Empty);

        var checks = await (await rep.GetAsync($"/api/approvals/{id}/signatures")).ReadJsonAsync();
        var check = checks.EnumerateArray().Single();
        check.GetProperty("matches").GetBoolean().ShouldBeTrue();
        check.GetProperty("signerName").GetString().ShouldBe("甲方代表 赵科长");
        check.GetProperty("signerRole").GetString().ShouldBe("ClientRepresentative");
        check.GetProperty("svg").GetString()!.ShouldContain("<polyline points=\"100,100 200,250 300,120 400,260 500,110\"");

        // Someone changes what was signed behind the application's back: the verifier notices.
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            scope.ServiceProvider.GetRequiredService<CurrentUser>().ActAsSystem();
            var db = scope.ServiceProvider.GetRequiredService<YunweiDbContext>();
            var request = await db.ApprovalRequests.SingleAsync(a => a.Id == id);
            request.Fields["quantity"] = "20";
            await db.SaveChangesAsync();
        }

        var after = await (await rep.GetAsync($"/api/approvals/{id}/signatures")).ReadJsonAsync();
        after.EnumerateArray().Single().GetProperty("matches").GetBoolean().ShouldBeFalse();
    }

    [Fact]
    public async Task Signatures_of_another_units_requests_are_not_found()
    {
        var id = await RequestPartAsync();
        var admin = await factory.ApiClientAsync("admin");
        var other = (await (await admin.PostJsonAsync("/api/units", new { code = "SG" + Guid.NewGuid().ToString("N")[..6], name = "寅法院" })).ReadJsonAsync()).GetProperty("id").GetGuid();
        var outsider = "out." + Guid.NewGuid().ToString("N")[..6];
        (await admin.PostJsonAsync("/api/users", new { userName = outsider, displayName = "外单位代表", role = "ClientRepresentative", unitIds = new[] { other } })).StatusCode.ShouldBe(HttpStatusCode.Created);
        var stranger = await factory.ApiClientAsync(outsider);

        await (await stranger.GetAsync($"/api/approvals/{id}/signatures")).ShouldBeProblemAsync(404);
        await (await stranger.PostAsJsonAsync($"/api/approvals/{id}/approve", new { signature = Zigzag })).ShouldBeProblemAsync(404);
    }
}
