using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Yunwei.Data;
using Yunwei.Domain;
using Yunwei.Domain.Inspections;
using Yunwei.Web.Features.Inspections;
using Yunwei.Web.Infrastructure;
using Yunwei.Web.Tests.Faults;
using Yunwei.Web.Tests.Infrastructure;
using static Yunwei.Web.Tests.Inspections.InspectionKit;

namespace Yunwei.Web.Tests.Inspections;

/// <summary>A server-room inspection walked item by item: readings judged, photos required, findings turned into a fault and a risk.</summary>
public sealed class InspectionsApiTests(FaultsFactory factory) : IClassFixture<FaultsFactory>
{
    [Fact]
    public async Task A_server_room_inspection_flags_readings_needs_its_photos_and_turns_findings_into_a_fault_and_a_risk()
    {
        var (unit, upsCode) = await factory.AssetAsync("UPS");
        var resident = await factory.ApiClientAsync("resident");
        var detail = await OpenInspectionAsync(factory, "机房");
        var id = detail.GetProperty("id").GetGuid();

        // Planned for Friday 6 March 2026 (weekly, the default), not started, the UPS among the assets.
        detail.GetProperty("state").GetString().ShouldBe("Planned");
        detail.GetProperty("dueOn").GetString().ShouldBe("2026-03-06");
        detail.GetProperty("targets").EnumerateArray().ShouldContain(t => t.GetProperty("code").GetString() == upsCode);
        var ups = detail.GetProperty("targets").EnumerateArray().First(t => t.GetProperty("code").GetString() == upsCode).GetProperty("assetId").GetGuid();
        var aisle = Item(detail, "冷通道温度（1.1 m）").GetProperty("key").GetString();

        // Not a number → a field error in Chinese; nothing saved, the inspection not started.
        var bad = await resident.PutAsJsonAsync($"/api/inspections/{id}/entries", new { itemKey = aisle, value = "二十五度" });
        (await bad.ShouldBeProblemAsync(400)).GetProperty("errors").GetProperty("Value")[0].GetString().ShouldBe("请输入数字");
        (await (await resident.GetAsync($"/api/inspections/{id}")).ReadJsonAsync()).GetProperty("state").GetString().ShouldBe("Planned");

        // 29 ℃ is a warning, 33 ℃ a fault (GB 50174: 18–27 ℃); the first answer starts the inspection.
        var warn = await (await resident.PutAsJsonAsync($"/api/inspections/{id}/entries", new { itemKey = aisle, value = "29" })).ReadJsonAsync();
        warn.GetProperty("result").GetString().ShouldBe("Warning");
        var hot = await (await resident.PutAsJsonAsync($"/api/inspections/{id}/entries", new { itemKey = aisle, value = "33.5", note = "空调回风口" })).ReadJsonAsync();
        hot.GetProperty("result").GetString().ShouldBe("Fault");
        var started = await (await resident.GetAsync($"/api/inspections/{id}")).ReadJsonAsync();
        started.GetProperty("state").GetString().ShouldBe("InProgress");
        started.GetProperty("inspectorName").GetString().ShouldNotBeNullOrEmpty();
        started.GetProperty("answered").GetInt32().ShouldBe(1);

        // A per-asset item must name an asset of its type.
        var voltage = Item(started, "电池组电压").GetProperty("key").GetString();
        (await (await resident.PutAsJsonAsync($"/api/inspections/{id}/entries", new { itemKey = voltage, value = "420" })).ShouldBeProblemAsync(400))
            .GetProperty("errors").GetProperty("ItemKey")[0].GetString().ShouldBe("巡检表中没有该项目");

        // Finishing early lists what is missing.
        var revision = started.GetProperty("revision").GetInt32();
        var early = await (await resident.PostAsJsonAsync($"/api/inspections/{id}/finish", new { revision })).ShouldBeProblemAsync(400);
        early.GetProperty("errors").EnumerateObject().Select(e => e.Value[0].GetString()).ShouldContain("未填写：电池组电压（审判业务服务器）");

        // The entrance log needs a photo: answering is not enough, an executable is not a photo.
        var log = Item(started, "人员出入登记").GetProperty("key").GetString()!;
        (await resident.PutAsJsonAsync($"/api/inspections/{id}/entries", new { itemKey = log, value = "pass" })).StatusCode.ShouldBe(HttpStatusCode.OK);
        await AnswerRestAsync(resident, id);
        var noPhoto = await (await resident.PostAsJsonAsync($"/api/inspections/{id}/finish", new { revision })).ShouldBeProblemAsync(400);
        noPhoto.GetProperty("errors").EnumerateObject().Select(e => e.Value[0].GetString()).ShouldBe(["需要拍照：人员出入登记"]);
        (await (await PhotoAsync(resident, id, log, Guid.Empty, [0x4D, 0x5A, 0x90, 0x00], "photo.jpg")).ShouldBeProblemAsync(400))
            .GetProperty("errors").GetProperty("File")[0].GetString().ShouldBe("只接受 JPEG、PNG 或 WebP 照片");
        var photo = await (await PhotoAsync(resident, id, log, Guid.Empty)).ReadJsonAsync();
        var key = photo.GetProperty("photos")[0].GetString();
        var image = await resident.GetAsync($"/api/inspections/{id}/photos/{key}");
        image.Content.Headers.ContentType!.MediaType.ShouldBe("image/png");

        // The client's maintenance staff see the inspection but do not perform it.
        var maint = await factory.ApiClientAsync("client.maint");
        (await maint.PutAsJsonAsync($"/api/inspections/{id}/entries", new { itemKey = aisle, value = "22" })).StatusCode.ShouldBe(HttpStatusCode.Forbidden);

        factory.Clock.Advance(TimeSpan.FromMinutes(70));
        var done = await (await resident.PostAsJsonAsync($"/api/inspections/{id}/finish", new { revision, summary = "冷通道温度偏高" })).ReadJsonAsync();
        done.GetProperty("state").GetString().ShouldBe("Done");
        done.GetProperty("hours").GetDecimal().ShouldBe(1.5m);
        (await (await resident.PutAsJsonAsync($"/api/inspections/{id}/entries", new { itemKey = aisle, value = "22" })).ShouldBeProblemAsync(400))
            .GetProperty("errors").GetProperty("State")[0].GetString().ShouldBe("巡检已完成，不能再修改");

        // The work log has the inspection once, with what it found.
        var work = await (await resident.GetAsync($"/api/units/{unit}/work-log?type=Inspection")).ReadJsonAsync();
        var entry = work.EnumerateArray().Single(w => w.GetProperty("reference").GetString() == done.GetProperty("number").GetString());
        entry.GetProperty("hours").GetDecimal().ShouldBe(1.5m);
        entry.GetProperty("result").GetString().ShouldBe("警告 0 项，故障 1 项");

        // The hot aisle becomes a fault, once. A room-level finding takes the place of the inspected assets;
        // this UPS has none, so the fault asks for a place rather than guessing.
        var nowhere = await resident.PostAsJsonAsync($"/api/inspections/{id}/findings/fault", new { itemKey = aisle, proposedLevel = "Level2" });
        (await nowhere.ShouldBeProblemAsync(400)).GetProperty("errors").GetProperty("AssetCode")[0].GetString().ShouldNotBeNullOrEmpty();
        var location = (await (await resident.GetAsync($"/api/units/{unit}/asset-options")).ReadJsonAsync()).GetProperty("locations").EnumerateArray()
            .First(l => l.GetProperty("path").GetString()!.EndsWith("核心机房", StringComparison.Ordinal)).GetProperty("id").GetGuid();
        var fault = await resident.PostAsJsonAsync($"/api/inspections/{id}/findings/fault", new { itemKey = aisle, proposedLevel = "Level2", locationId = location });
        fault.StatusCode.ShouldBe(HttpStatusCode.OK, await fault.Content.ReadAsStringAsync());
        var reported = await fault.ReadJsonAsync();
        var faultId = reported.GetProperty("id").GetGuid();
        var again = await (await resident.PostAsJsonAsync($"/api/inspections/{id}/findings/fault", new { itemKey = aisle })).ReadJsonAsync();
        again.GetProperty("id").GetGuid().ShouldBe(faultId);
        var created = await (await resident.GetAsync($"/api/faults/{faultId}")).ReadJsonAsync();
        created.GetProperty("fault").GetProperty("channel").GetString().ShouldBe("Inspection");
        created.GetProperty("fault").GetProperty("title").GetString().ShouldBe("巡检发现：冷通道温度（1.1 m）");
        created.GetProperty("fault").GetProperty("description").GetString()!.ShouldContain("33.5 ℃，正常范围 18–27 ℃，判定故障");

        // The UPS's ageing battery becomes a risk on the register; closing it needs how it was dealt with.
        var riskResponse = await resident.PostAsJsonAsync($"/api/inspections/{id}/findings/risk", new { itemKey = voltage, assetId = ups, severity = "High", solution = "更换电池组", owner = "张工", targetDate = "2026-03-31" });
        var risk = await riskResponse.ReadJsonAsync();
        risk.GetProperty("number").GetString()!.ShouldStartWith("YH-20260302-");
        risk.GetProperty("assetCode").GetString().ShouldBe(upsCode);
        risk.GetProperty("inspectionNumber").GetString().ShouldBe(done.GetProperty("number").GetString());
        var open = await (await maint.GetAsync($"/api/units/{unit}/risks")).ReadJsonAsync();
        open.EnumerateArray().ShouldContain(r => r.GetProperty("id").GetGuid() == risk.GetProperty("id").GetGuid());
        var riskId = risk.GetProperty("id").GetGuid();
        var noted = await (await maint.PostAsJsonAsync($"/api/risks/{riskId}/notes", new { text = "已报采购", revision = 0 })).ReadJsonAsync();
        noted.GetProperty("notes")[0].GetProperty("text").GetString().ShouldBe("已报采购");
        (await maint.PostAsJsonAsync($"/api/risks/{riskId}/notes", new { text = "重复提交", revision = 0 })).StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await (await maint.PostAsJsonAsync($"/api/risks/{riskId}/close", new { closure = " ", revision = 1 })).ShouldBeProblemAsync(400))
            .GetProperty("errors").GetProperty("Closure").GetArrayLength().ShouldBe(1);
        (await maint.PostAsJsonAsync($"/api/risks/{riskId}/close", new { closure = "电池组已更换", revision = 1 })).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await (await maint.GetAsync($"/api/units/{unit}/risks")).ReadJsonAsync()).EnumerateArray().ShouldNotContain(r => r.GetProperty("id").GetGuid() == riskId);

        // The finished inspection shows its findings linked.
        var final = await (await resident.GetAsync($"/api/inspections/{id}")).ReadJsonAsync();
        final.GetProperty("entries").EnumerateArray().Single(e => e.GetProperty("itemKey").GetString() == aisle).GetProperty("faultNumber").GetString()
            .ShouldBe(reported.GetProperty("number").GetString());
    }

    [Fact]
    public async Task A_new_checklist_version_never_changes_a_finished_inspection()
    {
        var resident = await factory.ApiClientAsync("resident");
        var unit = await UnitAsync(resident);
        var detail = await OpenInspectionAsync(factory, "信息安全");
        var id = detail.GetProperty("id").GetGuid();
        await AnswerRestAsync(resident, id);
        var started = await (await resident.GetAsync($"/api/inspections/{id}")).ReadJsonAsync();
        (await resident.PostAsJsonAsync($"/api/inspections/{id}/finish", new { revision = started.GetProperty("revision").GetInt32(), hours = 2 })).StatusCode.ShouldBe(HttpStatusCode.OK);

        var subsystem = detail.GetProperty("subsystemId").GetGuid();
        var checklist = await (await resident.GetAsync($"/api/subsystems/{subsystem}/checklist")).ReadJsonAsync();
        var items = checklist.GetProperty("items").EnumerateArray().Skip(1).ToList();
        var saved = await resident.PutAsJsonAsync($"/api/subsystems/{subsystem}/checklist", new
        {
            name = "信息安全巡检表",
            baseVersion = checklist.GetProperty("version").GetInt32(),
            items = items.Append(System.Text.Json.JsonSerializer.SerializeToElement(new { name = "勒索病毒防护", kind = "PassFail" })),
        });
        saved.StatusCode.ShouldBe(HttpStatusCode.OK, await saved.Content.ReadAsStringAsync());
        var v2 = await saved.ReadJsonAsync();
        v2.GetProperty("version").GetInt32().ShouldBe(2);
        v2.GetProperty("history").GetArrayLength().ShouldBe(2);
        var newKey = v2.GetProperty("items").EnumerateArray().Last().GetProperty("key").GetString();
        checklist.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("key").GetString()).ShouldNotContain(newKey);

        // Saving from the old version again is a conflict; bad items are named.
        (await resident.PutAsJsonAsync($"/api/subsystems/{subsystem}/checklist", new { name = "x", baseVersion = 1, items })).StatusCode.ShouldBe(HttpStatusCode.Conflict);
        var invalid = await (await resident.PutAsJsonAsync($"/api/subsystems/{subsystem}/checklist", new
        {
            name = "x",
            baseVersion = 2,
            items = new object[] { new { name = "湿度", kind = "Reading", normalMin = 60, normalMax = 40 } },
        })).ShouldBeProblemAsync(400);
        invalid.GetProperty("errors").GetProperty("Items[0].NormalMin")[0].GetString()!.ShouldStartWith("范围不一致");

        var finished = await (await resident.GetAsync($"/api/inspections/{id}")).ReadJsonAsync();
        finished.GetProperty("templateVersion").GetInt32().ShouldBe(1);
        finished.GetProperty("items").GetArrayLength().ShouldBe(checklist.GetProperty("items").GetArrayLength());
        finished.GetProperty("hours").GetDecimal().ShouldBe(2m);

        // End users do not see inspections at all.
        var enduser = await factory.ApiClientAsync("enduser");
        (await enduser.GetAsync($"/api/units/{unit}/inspections")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task Planning_is_idempotent_and_overdue_inspections_are_flagged()
    {
        var resident = await factory.ApiClientAsync("resident");
        var unit = await UnitAsync(resident);
        await resident.PostAsync($"/api/units/{unit}/inspections/plan", null);
        (await (await resident.PostAsync($"/api/units/{unit}/inspections/plan", null)).ReadJsonAsync()).GetProperty("created").GetInt32().ShouldBe(0);
        var page = await (await resident.GetAsync($"/api/units/{unit}/inspections?take=5")).ReadJsonAsync();
        page.GetProperty("rows").GetArrayLength().ShouldBe(5);
        var next = await (await resident.GetAsync($"/api/units/{unit}/inspections?take=50&after={page.GetProperty("nextAfter").GetString()}")).ReadJsonAsync();
        next.GetProperty("rows").EnumerateArray().Select(r => r.GetProperty("id").GetGuid())
            .Intersect(page.GetProperty("rows").EnumerateArray().Select(r => r.GetProperty("id").GetGuid())).ShouldBeEmpty();
        (await (await resident.GetAsync($"/api/units/{unit}/inspections?overdue=true")).ReadJsonAsync()).GetProperty("rows").GetArrayLength().ShouldBe(0);

        // Daily rounds of one core device: working days only, the group's asset only.
        var (_, core) = await factory.AssetAsync("交换机");
        await factory.AssetAsync("交换机");
        var options = await (await resident.GetAsync($"/api/units/{unit}/asset-options")).ReadJsonAsync();
        var network = options.GetProperty("subsystems").EnumerateArray().Single(s => s.GetProperty("name").GetString() == "计算机网络").GetProperty("id").GetGuid();
        var coreId = (await (await resident.GetAsync($"/api/units/{unit}/assets?search={core}")).ReadJsonAsync()).GetProperty("rows")[0].GetProperty("id").GetGuid();
        var daily = await resident.PostAsJsonAsync($"/api/units/{unit}/inspection-schedules", new { subsystemId = network, name = "核心交换机日巡检", period = "Daily", assetIds = new[] { coreId } });
        daily.StatusCode.ShouldBe(HttpStatusCode.Created, await daily.Content.ReadAsStringAsync());
        (await (await resident.PostAsync($"/api/units/{unit}/inspections/plan", null)).ReadJsonAsync()).GetProperty("created").GetInt32().ShouldBe(6, "Monday 2 March to Monday 9 March: six working days");
        var networkDays = (await (await resident.GetAsync($"/api/units/{unit}/inspections?subsystemId={network}&take=50")).ReadJsonAsync()).GetProperty("rows").EnumerateArray()
            .Select(r => r.GetProperty("dueOn").GetString()).ToList();
        networkDays.ShouldContain("2026-03-06");
        networkDays.ShouldNotContain("2026-03-07");
        var firstDaily = (await (await resident.GetAsync($"/api/units/{unit}/inspections?subsystemId={network}&from=2026-03-03&to=2026-03-03")).ReadJsonAsync()).GetProperty("rows")[0].GetProperty("id").GetGuid();
        var dailyDetail = await (await resident.GetAsync($"/api/inspections/{firstDaily}")).ReadJsonAsync();
        dailyDetail.GetProperty("targets").EnumerateArray().Select(t => t.GetProperty("code").GetString()).ShouldBe([core]);

        // A schedule needs a valid day; a monthly one on the 30th is refused.
        var subsystem = page.GetProperty("rows")[0].GetProperty("subsystemId").GetGuid();
        (await (await resident.PostAsJsonAsync($"/api/units/{unit}/inspection-schedules", new { subsystemId = subsystem, name = "月检", period = "Monthly", dayOfMonth = 30 })).ShouldBeProblemAsync(400))
            .GetProperty("errors").GetProperty("DayOfMonth")[0].GetString().ShouldBe("日期须在 1 到 28 之间");
    }

    [Fact]
    public async Task Every_overdue_inspection_of_the_week_is_announced_once_however_many_there_are()
    {
        // A unit of its own: the other tests of this class read the demo unit's inspections.
        var admin = await factory.ApiClientAsync("admin");
        var unit = (await (await admin.PostJsonAsync("/api/units", new { code = "OD" + Guid.NewGuid().ToString("N")[..6], name = "逾期巡检法院" })).ReadJsonAsync()).GetProperty("id").GetGuid();
        await using var scope = factory.Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<CurrentUser>().ActAsSystem();
        var db = scope.ServiceProvider.GetRequiredService<YunweiDbContext>();
        var today = ChinaTime.Today(factory.Clock.GetUtcNow());
        var subsystem = await db.Subsystems.Where(s => s.ClientUnitId == unit).Select(s => s.Id).FirstAsync();
        var assignee = await db.Users.Where(u => u.UserName == "resident").Select(u => u.Id).SingleAsync();

        // More than one page (500) left open after their day this week.
        var ids = new List<Guid>();
        for (var i = 0; i < 620; i++)
        {
            var inspection = new Inspection
            {
                ClientUnitId = unit,
                Number = $"XJ-OVERDUE-{i:0000}",
                SubsystemId = subsystem,
                PeriodStart = today.AddDays(-6),
                DueOn = today.AddDays(-1 - (i % 5)),
                State = InspectionState.Planned,
                AssigneeId = assignee,
            };
            db.Inspections.Add(inspection);
            ids.Add(inspection.Id);
        }

        await db.SaveChangesAsync();
        var handler = scope.ServiceProvider.GetRequiredService<OverdueInspectionsHandler>();
        (await handler.NotifyAsync()).ShouldBeGreaterThanOrEqualTo(620);
        await handler.NotifyAsync();

        var keys = ids.Select(id => $"inspection:{id}:overdue").ToList();
        var told = await db.Notifications.AsNoTracking().Where(n => keys.Contains(n.DedupKey) && n.RecipientId == assignee).Select(n => n.DedupKey).ToListAsync();
        told.Count.ShouldBe(620, "each once, none left behind the first page");
        told.Distinct().Count().ShouldBe(620);
    }
}
