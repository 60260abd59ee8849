using System.Net;
using System.Net.Http.Json;
using Yunwei.Web.Tests.Infrastructure;

namespace Yunwei.Web.Tests.Approvals;

public sealed class PaperworkDebtTests(YunweiFactory factory) : IClassFixture<YunweiFactory>
{
    private static readonly object[][] Signature =
    [
        [new { x = 100, y = 100 }, new { x = 200, y = 250 }, new { x = 300, y = 120 }, new { x = 400, y = 260 }, new { x = 500, y = 110 }],
    ];

    [Fact]
    public async Task An_emergency_replacement_stays_a_visible_debt_for_both_sides_until_the_representative_signs()
    {
        var resident = await factory.ApiClientAsync("resident");
        var unit = (await (await resident.GetAsync("/api/units")).ReadJsonAsync())[0].GetProperty("id").GetGuid();
        var title = "紧急更换电源模块 " + Guid.NewGuid().ToString("N")[..4];
        var created = await resident.PostAsJsonAsync($"/api/units/{unit}/approvals", new
        {
            kind = "PartReplacement",
            title,
            gatedType = "None",
            fields = new Dictionary<string, string> { ["part"] = "服务器电源", ["quantity"] = "1", ["reason"] = "电源故障，业务中断" },
            emergency = new { confirmedBy = "甲方代表 赵科长", confirmedAt = TimeProvider.System.GetUtcNow().UtcDateTime.AddHours(-2), channel = "Phone" },
        });
        created.StatusCode.ShouldBe(HttpStatusCode.Created, await created.Content.ReadAsStringAsync());
        var id = await created.Content.ReadFromJsonAsync<Guid>();

        var withdraw = await (await resident.PostAsync($"/api/approvals/{id}/withdraw", null)).ShouldBeProblemAsync(409);
        withdraw.GetProperty("detail").GetString()!.ShouldStartWith("已按口头确认施工，不能撤回");
        foreach (var user in new[] { "resident", "client.admin" })
        {
            var home = await (await FormBrowser.SignedInAsync(factory, user)).GetStringAsync("/");
            home.ShouldContain("待补签手续", customMessage: user);
            home.ShouldContain(title, customMessage: user);
        }

        var debts = await (await resident.GetAsync("/api/approvals?scope=PaperworkDebts")).ReadJsonAsync();
        debts.EnumerateArray().Single(d => d.GetProperty("id").GetGuid() == id).GetProperty("verbalConfirmedBy").GetString().ShouldBe("甲方代表 赵科长");

        var rep = await factory.ApiClientAsync("client.rep");
        (await rep.PostAsJsonAsync($"/api/approvals/{id}/approve", new { comment = "补签", signature = Signature })).StatusCode.ShouldBe(HttpStatusCode.OK);

        var after = await (await resident.GetAsync("/api/approvals?scope=PaperworkDebts")).ReadJsonAsync();
        after.EnumerateArray().ShouldNotContain(d => d.GetProperty("id").GetGuid() == id);
        (await (await FormBrowser.SignedInAsync(factory, "resident")).GetStringAsync("/")).ShouldNotContain(title);
    }

    [Fact]
    public async Task Only_part_replacements_take_the_verbal_path_and_the_confirmation_must_be_complete()
    {
        var resident = await factory.ApiClientAsync("resident");
        var unit = (await (await resident.GetAsync("/api/units")).ReadJsonAsync())[0].GetProperty("id").GetGuid();

        var response = await resident.PostAsJsonAsync($"/api/units/{unit}/approvals", new
        {
            kind = "StaffingChange",
            title = "更换驻点工程师",
            gatedType = "None",
            fields = new Dictionary<string, string> { ["change"] = "更换", ["engineer"] = "刘工", ["reason"] = "调岗" },
            emergency = new { confirmedAt = TimeProvider.System.GetUtcNow().UtcDateTime.AddDays(1) },
        });

        var errors = (await response.ShouldBeProblemAsync(400)).GetProperty("errors");
        errors.GetProperty("Emergency")[0].GetString().ShouldBe("只有设备配件更换可走紧急口头确认流程");
        errors.GetProperty("Emergency.ConfirmedBy")[0].GetString().ShouldBe("必填");
        errors.GetProperty("Emergency.ConfirmedAt")[0].GetString().ShouldBe("口头确认时间不能晚于现在");
    }
}
