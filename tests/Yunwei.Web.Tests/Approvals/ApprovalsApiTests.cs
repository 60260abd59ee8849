using System.Net;
using System.Net.Http.Json;
using Yunwei.Web.Tests.Infrastructure;

namespace Yunwei.Web.Tests.Approvals;

public sealed class ApprovalsApiTests(YunweiFactory factory) : IClassFixture<YunweiFactory>
{
    private async Task<(HttpClient Resident, Guid Unit, Guid Asset)> SetupAsync()
    {
        var resident = await factory.ApiClientAsync("resident");
        var unit = (await (await resident.GetAsync("/api/units")).ReadJsonAsync())[0].GetProperty("id").GetGuid();
        var type = (await (await resident.GetAsync($"/api/units/{unit}/asset-options")).ReadJsonAsync()).GetProperty("types").EnumerateArray()
            .Single(t => t.GetProperty("name").GetString() == "服务器").GetProperty("id").GetGuid();
        var asset = await (await resident.PostAsJsonAsync($"/api/units/{unit}/assets", new
        {
            code = "SRV-" + Guid.NewGuid().ToString("N")[..6],
            name = "审判业务服务器",
            assetTypeId = type,
            status = "InUse",
        })).Content.ReadFromJsonAsync<Guid>();
        return (resident, unit, asset);
    }

    internal static object Reboot(Guid asset) => new
    {
        kind = "MajorOperation",
        title = "重启审判业务服务器",
        gatedType = "Asset",
        gatedId = asset,
        fields = new Dictionary<string, string>
        {
            ["operation"] = "系统重启",
            ["plan"] = "停服务→重启→验证",
            ["risk"] = "业务中断约 10 分钟",
            ["rollback"] = "从快照恢复",
            ["window"] = "今晚 20:00-20:30",
        },
    };

    private static async Task<Guid> RequestAsync(HttpClient client, Guid unit, object body)
    {
        var response = await client.PostAsJsonAsync($"/api/units/{unit}/approvals", body);
        response.StatusCode.ShouldBe(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return await response.Content.ReadFromJsonAsync<Guid>();
    }

    [Fact]
    public async Task A_major_operation_goes_to_the_clients_maintenance_department_and_one_decision_stands()
    {
        var (resident, unit, asset) = await SetupAsync();
        var id = await RequestAsync(resident, unit, Reboot(asset));
        var admin = await factory.ApiClientAsync("client.admin");
        var maint = await factory.ApiClientAsync("client.maint");
        var rep = await factory.ApiClientAsync("client.rep");

        (await (await admin.GetAsync("/api/approvals")).ReadJsonAsync()).EnumerateArray().ShouldContain(a => a.GetProperty("id").GetGuid() == id);
        (await (await rep.GetAsync("/api/approvals")).ReadJsonAsync()).EnumerateArray().ShouldNotContain(a => a.GetProperty("id").GetGuid() == id,
            "the representative decides parts, not operations");
        (await resident.PostAsync($"/api/approvals/{id}/approve", null)).StatusCode.ShouldBe(HttpStatusCode.Forbidden);

        var approved = await admin.PostAsJsonAsync($"/api/approvals/{id}/approve", new { comment = "同意，请我方人员在场" });
        approved.StatusCode.ShouldBe(HttpStatusCode.OK);
        var late = await maint.PostAsJsonAsync($"/api/approvals/{id}/reject", new { comment = "晚了" });

        var conflict = await late.ShouldBeProblemAsync(409);
        conflict.GetProperty("detail").GetString().ShouldBe("该申请已处理：已批准（信息技术处 王主任）");
        conflict.GetProperty("decidedBy").GetString().ShouldBe("信息技术处 王主任");
        var mine = (await (await resident.GetAsync("/api/approvals?scope=Mine")).ReadJsonAsync()).EnumerateArray().Single(a => a.GetProperty("id").GetGuid() == id);
        mine.GetProperty("state").GetString().ShouldBe("Approved");
        mine.GetProperty("decisionComment").GetString().ShouldBe("同意，请我方人员在场");
        var audit = await (await admin.GetAsync($"/api/audit?entity=ApprovalRequest&entityKey={id}")).ReadJsonAsync();
        audit.GetProperty("rows").EnumerateArray().Select(r => r.GetProperty("userName").GetString()).ShouldBe(["client.admin", "resident"]);
    }

    [Fact]
    public async Task The_gated_assets_page_shows_its_approvals()
    {
        var (resident, unit, asset) = await SetupAsync();
        await RequestAsync(resident, unit, Reboot(asset));

        var page = await (await FormBrowser.SignedInAsync(factory, "client.maint")).GetStringAsync($"/assets/{asset}");

        page.ShouldContain("重启审判业务服务器");
        page.ShouldContain("待审批");
    }

    [Fact]
    public async Task The_gated_asset_may_be_named_by_its_code_and_an_overlong_comment_is_refused_not_cut()
    {
        var (resident, unit, asset) = await SetupAsync();
        var code = (await (await resident.GetAsync($"/api/assets/{asset}")).ReadJsonAsync()).GetProperty("code").GetString();
        var body = new
        {
            kind = "MajorOperation",
            title = "重装操作系统",
            gatedType = "Asset",
            gatedAssetCode = code,
            fields = new Dictionary<string, string> { ["operation"] = "重装", ["plan"] = "备份后重装", ["risk"] = "数据", ["rollback"] = "镜像", ["window"] = "周六" },
        };
        var id = await RequestAsync(resident, unit, body);
        var rows = await (await resident.GetAsync("/api/approvals?scope=Mine")).ReadJsonAsync();
        rows.EnumerateArray().Single(a => a.GetProperty("id").GetGuid() == id).GetProperty("gatedId").GetGuid().ShouldBe(asset);
        var missing = await resident.PostAsJsonAsync($"/api/units/{unit}/approvals", new
        {
            kind = "MajorOperation",
            title = "x",
            gatedType = "Asset",
            gatedAssetCode = "NO-SUCH-ASSET",
            fields = body.fields,
        });
        (await missing.ShouldBeProblemAsync(400)).GetProperty("errors").GetProperty("GatedId")[0].GetString().ShouldBe("关联的记录不存在或不属于本单位");

        var admin = await factory.ApiClientAsync("client.admin");
        var tooLong = await admin.PostAsJsonAsync($"/api/approvals/{id}/approve", new { comment = new string('意', 1001) });
        (await tooLong.ShouldBeProblemAsync(400)).GetProperty("detail").GetString().ShouldBe("审批意见不能超过 1000 个字符");
        (await admin.PostAsJsonAsync($"/api/approvals/{id}/approve", new { comment = new string('意', 1000) })).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Two_deciders_at_once_exactly_one_decision_wins()
    {
        var (resident, unit, asset) = await SetupAsync();
        var id = await RequestAsync(resident, unit, Reboot(asset));
        var admin = await factory.ApiClientAsync("client.admin");
        var maint = await factory.ApiClientAsync("client.maint");

        var results = await Task.WhenAll(
            admin.PostAsJsonAsync($"/api/approvals/{id}/approve", new { comment = "A" }),
            maint.PostAsJsonAsync($"/api/approvals/{id}/reject", new { comment = "B" }));

        results.Select(r => r.StatusCode).OrderBy(s => s).ShouldBe([HttpStatusCode.OK, HttpStatusCode.Conflict]);
        var row = (await (await admin.GetAsync("/api/approvals?scope=All")).ReadJsonAsync()).EnumerateArray().Single(a => a.GetProperty("id").GetGuid() == id);
        var winner = results.Single(r => r.StatusCode == HttpStatusCode.OK);
        row.GetProperty("state").GetString().ShouldBe(winner.RequestMessage!.RequestUri!.AbsolutePath.EndsWith("approve", StringComparison.Ordinal) ? "Approved" : "Rejected");
    }

    [Theory]
    [InlineData("ThirdPartyDeadline", "thirdParty", "海康威视售后", "notice", "已书面通知：等待原厂备件", "newResolveAt", "2030-12-03 18:00")]
    [InlineData("StaffingChange", "change", "更换", "engineer", "驻点工程师 刘工", "reason", "调往总部")]
    public async Task Third_party_deadlines_and_staffing_changes_are_the_client_administrators_to_decide(
        string kind, string k1, string v1, string k2, string v2, string k3, string v3)
    {
        var (resident, unit, _) = await SetupAsync();
        var id = await RequestAsync(resident, unit, new
        {
            kind,
            title = kind + " " + Guid.NewGuid().ToString("N")[..4],
            gatedType = "None",
            fields = new Dictionary<string, string> { [k1] = v1, [k2] = v2, [k3] = v3 },
        });
        var maint = await factory.ApiClientAsync("client.maint");
        var admin = await factory.ApiClientAsync("client.admin");

        (await maint.PostAsync($"/api/approvals/{id}/approve", null)).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        var rejected = await admin.PostAsJsonAsync($"/api/approvals/{id}/reject", new { comment = "不同意" });

        rejected.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await rejected.ReadJsonAsync()).GetProperty("state").GetString().ShouldBe("Rejected");
    }

    [Fact]
    public async Task Each_kind_asks_for_its_fields_and_the_gated_record_must_be_of_the_unit()
    {
        var (resident, unit, _) = await SetupAsync();

        var missing = await resident.PostAsJsonAsync($"/api/units/{unit}/approvals", new
        {
            kind = "PartReplacement",
            title = "更换硬盘",
            gatedType = "Asset",
            gatedId = Guid.NewGuid(),
            fields = new Dictionary<string, string> { ["part"] = "SAS 硬盘 1.2T" },
        });

        var errors = (await missing.ShouldBeProblemAsync(400)).GetProperty("errors");
        errors.GetProperty("Fields.quantity")[0].GetString().ShouldBe("必填");
        errors.GetProperty("Fields.reason")[0].GetString().ShouldBe("必填");
        errors.GetProperty("GatedId")[0].GetString().ShouldBe("关联的记录不存在或不属于本单位");
    }

    [Fact]
    public async Task Only_the_requester_withdraws_and_other_units_requests_are_not_found()
    {
        var (resident, unit, asset) = await SetupAsync();
        var id = await RequestAsync(resident, unit, Reboot(asset));
        var duty = await factory.ApiClientAsync("duty");
        (await duty.PostAsync($"/api/approvals/{id}/withdraw", null)).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await resident.PostAsync($"/api/approvals/{id}/withdraw", null)).StatusCode.ShouldBe(HttpStatusCode.OK);

        var admin = await factory.ApiClientAsync("admin");
        var other = (await (await admin.PostJsonAsync("/api/units", new { code = "AP" + Guid.NewGuid().ToString("N")[..6], name = "丑法院" })).ReadJsonAsync()).GetProperty("id").GetGuid();
        var clientAdmin = await factory.ApiClientAsync("client.admin");
        await (await resident.PostAsJsonAsync($"/api/units/{other}/approvals", Reboot(asset))).ShouldBeProblemAsync(404);
        (await clientAdmin.PostAsJsonAsync($"/api/units/{unit}/approvals", Reboot(asset))).StatusCode.ShouldBe(HttpStatusCode.Forbidden, "the client decides; it does not ask itself");
    }
}
