using System.Net;
using System.Net.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using Yunwei.Web.Features.Complaints;
using Yunwei.Web.Infrastructure;
using Yunwei.Web.Tests.Faults;
using Yunwei.Web.Tests.Infrastructure;

namespace Yunwei.Web.Tests.Complaints;

/// <summary>Complaints on a test clock: the 8-hour first reply, escalation to leadership, the client's confirmation.</summary>
public sealed class ComplaintsApiTests(FaultsFactory factory) : IClassFixture<FaultsFactory>
{
    private async Task<int> SweepAsync()
    {
        await using var scope = factory.Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<CurrentUser>().ActAsSystem();
        return await scope.ServiceProvider.GetRequiredService<ComplaintsMonitorHandler>().SweepAsync();
    }

    [Fact]
    public async Task A_late_first_reply_escalates_once_shows_the_leadership_and_only_the_client_closes_it_satisfied()
    {
        var rep = await factory.ApiClientAsync("client.rep");
        var resident = await factory.ApiClientAsync("resident");
        var leader = await factory.ApiClientAsync("leader");
        var unit = (await (await rep.GetAsync("/api/units")).ReadJsonAsync())[0].GetProperty("id").GetGuid();

        (await (await rep.PostAsJsonAsync($"/api/units/{unit}/complaints", new { category = "Timeliness", subject = " ", description = "x" })).ShouldBeProblemAsync(400))
            .GetProperty("errors").GetProperty("Subject")[0].GetString().ShouldBe("必填");
        var filed = await rep.PostAsJsonAsync($"/api/units/{unit}/complaints", new
        {
            category = "Timeliness",
            subject = "报修后两小时无人到场",
            description = "3 号法庭话筒故障，报修后两小时无人到场，影响开庭。",
            concerning = "驻点工程师",
        });
        filed.StatusCode.ShouldBe(HttpStatusCode.Created, await filed.Content.ReadAsStringAsync());
        var row = await filed.ReadJsonAsync();
        var id = row.GetProperty("id").GetGuid();
        row.GetProperty("number").GetString()!.ShouldStartWith("TS-20260302-");
        row.GetProperty("replyDeadline").GetDateTime().ShouldBe(FaultsFactory.Start.AddHours(8));
        row.GetProperty("closeDeadline").GetDateTime().ShouldBe(FaultsFactory.Start.AddDays(15));
        (await (await resident.GetAsync("/api/notifications")).ReadJsonAsync()).GetProperty("rows").EnumerateArray()
            .ShouldContain(n => n.GetProperty("text").GetString()!.Contains("报修后两小时无人到场"));

        // In time, no contacts are shown and the monitor has nothing to do.
        (await (await rep.GetAsync($"/api/complaints/{id}")).ReadJsonAsync()).GetProperty("leadershipContacts").GetArrayLength().ShouldBe(0);
        factory.Clock.Advance(TimeSpan.FromHours(7));
        (await SweepAsync()).ShouldBe(0);

        // Eight hours without a reply: escalated to the leadership once, and the client sees whom to call.
        factory.Clock.Advance(TimeSpan.FromHours(1) + TimeSpan.FromMinutes(1));
        (await SweepAsync()).ShouldBe(1);
        (await SweepAsync()).ShouldBe(0);
        var late = await (await rep.GetAsync($"/api/complaints/{id}")).ReadJsonAsync();
        late.GetProperty("replyLate").GetBoolean().ShouldBeTrue();
        late.GetProperty("leadershipContacts")[0].GetProperty("name").GetString().ShouldBe("冯总");
        late.GetProperty("timeline").EnumerateArray().Count(e => e.GetProperty("type").GetString() == "Escalated").ShouldBe(1);
        late.GetProperty("complaint").GetProperty("escalatedAt").GetDateTime().ShouldBe(FaultsFactory.Start.AddHours(8));
        (await (await leader.GetAsync("/api/notifications")).ReadJsonAsync()).GetProperty("rows").EnumerateArray()
            .Count(n => n.GetProperty("text").GetString()!.Contains("已升级至主管领导")).ShouldBe(1);

        // The provider replies and resolves; it cannot close the complaint itself.
        var revision = late.GetProperty("complaint").GetProperty("revision").GetInt32();
        (await (await resident.PostAsJsonAsync($"/api/complaints/{id}/actions", new { action = "Resolve", revision, text = "已处理" })).ShouldBeProblemAsync(400))
            .GetProperty("errors").GetProperty("State")[0].GetString().ShouldBe("请先答复投诉人");
        var replied = await (await resident.PostAsJsonAsync($"/api/complaints/{id}/actions", new { action = "Reply", revision, text = "非常抱歉，已安排工程师马上到场。" })).ReadJsonAsync();
        replied.GetProperty("complaint").GetProperty("state").GetString().ShouldBe("Replied");
        revision = replied.GetProperty("complaint").GetProperty("revision").GetInt32();
        (await resident.PostAsJsonAsync($"/api/complaints/{id}/actions", new { action = "Close", revision })).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        var resolved = await (await resident.PostAsJsonAsync($"/api/complaints/{id}/actions", new { action = "Resolve", revision, text = "话筒已更换，调整了值班安排。" })).ReadJsonAsync();
        revision = resolved.GetProperty("complaint").GetProperty("revision").GetInt32();

        // The client is not satisfied once, then confirms with a rating; a confirmation needs the rating.
        var reopened = await (await rep.PostAsJsonAsync($"/api/complaints/{id}/actions", new { action = "Reopen", revision, text = "备用话筒也要检查" })).ReadJsonAsync();
        reopened.GetProperty("complaint").GetProperty("state").GetString().ShouldBe("Replied");
        revision = reopened.GetProperty("complaint").GetProperty("revision").GetInt32();
        (await resident.PostAsJsonAsync($"/api/complaints/{id}/actions", new { action = "Note", revision = revision - 1, text = "旧版本" })).StatusCode.ShouldBe(HttpStatusCode.Conflict);
        revision = (await (await resident.PostAsJsonAsync($"/api/complaints/{id}/actions", new { action = "Resolve", revision, text = "备用话筒已检查" })).ReadJsonAsync())
            .GetProperty("complaint").GetProperty("revision").GetInt32();
        (await (await rep.PostAsJsonAsync($"/api/complaints/{id}/actions", new { action = "Close", revision })).ShouldBeProblemAsync(400))
            .GetProperty("errors").GetProperty("Satisfaction")[0].GetString().ShouldBe("请给出 1 到 5 的满意度");
        factory.Clock.Advance(TimeSpan.FromDays(1));
        var closed = await (await rep.PostAsJsonAsync($"/api/complaints/{id}/actions", new { action = "Close", revision, satisfaction = 4 })).ReadJsonAsync();
        closed.GetProperty("complaint").GetProperty("state").GetString().ShouldBe("Closed");
        closed.GetProperty("complaint").GetProperty("nextDueAt").ValueKind.ShouldBe(System.Text.Json.JsonValueKind.Null);
        (await (await resident.PostAsJsonAsync($"/api/complaints/{id}/actions", new { action = "Reply", revision = revision + 1, text = "x" })).ShouldBeProblemAsync(400))
            .GetProperty("errors").GetProperty("State")[0].GetString().ShouldBe("投诉已关闭");

        // The quarter's figures: one complaint, replied late, closed in time, escalated, rated 4.
        var stats = await (await rep.GetAsync($"/api/units/{unit}/complaints/stats?from=2026-01-01&to=2026-03-31")).ReadJsonAsync();
        stats.GetProperty("total").GetInt32().ShouldBe(1);
        stats.GetProperty("repliedLate").GetInt32().ShouldBe(1);
        stats.GetProperty("closedInTime").GetInt32().ShouldBe(1);
        stats.GetProperty("escalated").GetInt32().ShouldBe(1);
        stats.GetProperty("averageSatisfaction").GetDouble().ShouldBe(4);

        // An end user sees only their own complaints.
        var enduser = await factory.ApiClientAsync("enduser");
        (await (await enduser.GetAsync($"/api/units/{unit}/complaints")).ReadJsonAsync()).GetArrayLength().ShouldBe(0);
        (await enduser.GetAsync($"/api/complaints/{id}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }
}

/// <summary>A complaint taken by phone, and one left open past its closing deadline.</summary>
public sealed class ComplaintDeadlineTests(FaultsFactory factory) : IClassFixture<FaultsFactory>
{
    [Fact]
    public async Task A_phone_complaint_names_its_complainant_and_an_open_one_is_flagged_at_its_closing_deadline()
    {
        var account = await factory.ApiClientAsync("account");
        var unit = (await (await account.GetAsync("/api/units")).ReadJsonAsync())[0].GetProperty("id").GetGuid();
        (await (await account.PostAsJsonAsync($"/api/units/{unit}/complaints", new { category = "Attitude", subject = "态度", description = "电话投诉", channel = "Phone" })).ShouldBeProblemAsync(400))
            .GetProperty("errors").GetProperty("ComplainantName")[0].GetString().ShouldBe("必填");
        var filed = await (await account.PostAsJsonAsync($"/api/units/{unit}/complaints", new
        {
            category = "Attitude",
            subject = "接听电话态度生硬",
            description = "值班电话接听时态度生硬",
            channel = "Phone",
            complainantName = "刑庭 张庭长",
            complainantPhone = "13900000000",
            receivedAt = FaultsFactory.Start.AddHours(-1),
        })).ReadJsonAsync();
        filed.GetProperty("complainantName").GetString().ShouldBe("刑庭 张庭长");
        var id = filed.GetProperty("id").GetGuid();
        var revision = (await (await account.GetAsync($"/api/complaints/{id}")).ReadJsonAsync()).GetProperty("complaint").GetProperty("revision").GetInt32();
        (await account.PostAsJsonAsync($"/api/complaints/{id}/actions", new { action = "Reply", revision, text = "已致电道歉" })).StatusCode.ShouldBe(HttpStatusCode.OK);

        factory.Clock.Advance(TimeSpan.FromDays(15));
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            scope.ServiceProvider.GetRequiredService<CurrentUser>().ActAsSystem();
            (await scope.ServiceProvider.GetRequiredService<ComplaintsMonitorHandler>().SweepAsync()).ShouldBe(1);
        }

        var view = await (await account.GetAsync($"/api/complaints/{id}")).ReadJsonAsync();
        view.GetProperty("closeLate").GetBoolean().ShouldBeTrue();
        view.GetProperty("timeline").EnumerateArray().Select(e => e.GetProperty("type").GetString()).ShouldBe(["Received", "Replied", "Overdue"]);
        view.GetProperty("leadershipContacts").GetArrayLength().ShouldBe(0, "replied in time: no escalation");
    }
}

/// <summary>The complaint deadlines are the contract's (docs/contract.md §10 gives 8 hours and 15 days; a contract may agree others).</summary>
public sealed class ComplaintContractTests(FaultsFactory factory) : IClassFixture<FaultsFactory>
{
    [Fact]
    public async Task The_contracts_complaint_deadlines_apply_and_are_validated()
    {
        var admin = await factory.ApiClientAsync("client.admin");
        var unit = (await (await admin.GetAsync("/api/units")).ReadJsonAsync())[0].GetProperty("id").GetGuid();
        var contract = await Units.UnitIsolationTests.EditOfAsync(admin, unit, Units.UnitIsolationTests.ValidContract("信息化系统驻点运维服务合同"));
        contract["complaintReplyHours"] = 0;
        (await (await admin.PutAsJsonAsync($"/api/units/{unit}/contract", contract)).ShouldBeProblemAsync(400))
            .GetProperty("errors").GetProperty("ComplaintReplyHours")[0].GetString().ShouldBe("投诉答复时限须在 1 到 72 小时之间");
        contract["complaintReplyHours"] = 4;
        contract["complaintCloseDays"] = 10;
        (await admin.PutAsJsonAsync($"/api/units/{unit}/contract", contract)).StatusCode.ShouldBe(HttpStatusCode.OK);
        var filed = await (await admin.PostAsJsonAsync($"/api/units/{unit}/complaints", new { category = "Quality", subject = "打印机反复卡纸", description = "修了三次仍然卡纸" })).ReadJsonAsync();
        filed.GetProperty("replyDeadline").GetDateTime().ShouldBe(FaultsFactory.Start.AddHours(4));
        filed.GetProperty("closeDeadline").GetDateTime().ShouldBe(FaultsFactory.Start.AddDays(10));
    }
}
