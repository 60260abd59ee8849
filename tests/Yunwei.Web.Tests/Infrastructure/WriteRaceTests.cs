using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Yunwei.Data;
using Yunwei.Domain.Administration;
using Yunwei.Web.Tests.Faults;
using Yunwei.Web.Tests.Units;

namespace Yunwei.Web.Tests.Infrastructure;

/// <summary>
/// Two, four and eight people save the same record on the same revision at the same moment, round after
/// round, on every kind of write that takes a revision (and on an approval decided by two deciders at
/// once): exactly one wins each round, the others get 409 — never a 500 from a unique key the winner took,
/// and afterwards nobody holds the database and an unrelated write goes through at once. On SQLite a
/// lost race once left the write gate held by a pooled context, and every later write waited 30 s and
/// failed (ADR-020).
/// </summary>
public sealed class WriteRaceTests
{
    private const int Rounds = 4;

    [SkippableTheory]
    [InlineData(false)]
    [InlineData(true)]
    public Task Racing_edits_of_one_record_never_stop_the_next_write(bool postgres) => FaultsFactory.OnAsync(postgres, async factory =>
    {
        var (unit, code) = await factory.AssetAsync();
        var gate = factory.Services.GetRequiredService<DatabaseSettings>().WriteGate;
        var duty = await factory.ApiClientAsync("duty");

        // The unrelated write: a new fault report, warmed up once.
        async Task UnrelatedWriteAsync(string path)
        {
            var report = duty.PostAsJsonAsync($"/api/units/{unit}/faults", new { description = "竞争之后的报修 " + path, assetCode = code, callerName = "测试", channel = "Hotline" });
            var done = await Task.WhenAny(report, Task.Delay(TimeSpan.FromSeconds(10)));
            done.ShouldBe(report, $"after the {path} race a new fault report waited more than 10 s (gate held by: {gate?.Current?.Holder ?? "nobody"})");
            (await report).StatusCode.ShouldBe(HttpStatusCode.Created);
        }

        await UnrelatedWriteAsync("warm-up");
        foreach (var path in await PathsAsync(factory, unit, code))
        {
            foreach (var writers in new[] { 2, 4, 8 })
            {
                var clients = new List<HttpClient>();
                for (var i = 0; i < writers; i++)
                {
                    clients.Add(await factory.ApiClientAsync(path.Users[i % path.Users.Length]));
                }

                for (var round = 0; round < Rounds; round++)
                {
                    var edit = await path.PrepareAsync(clients[0]);
                    using var start = new SemaphoreSlim(0, writers);
                    var edits = clients.Select((client, i) => Task.Run(async () =>
                    {
                        await start.WaitAsync();
                        return await edit(client, $"{writers}-{round}-{i}");
                    })).ToList();
                    start.Release(writers);
                    var answers = await Task.WhenAll(edits);

                    var statuses = answers.Select(a => (int)a.StatusCode).ToList();
                    var unexpected = answers.FirstOrDefault(a => (int)a.StatusCode is not (>= 200 and < 300) and not 409);
                    var seen = $"{path.Name}, {writers} writers, round {round}: {string.Join(", ", statuses)} {(unexpected is null ? "" : await unexpected.Content.ReadAsStringAsync())}";
                    statuses.Count(s => s is >= 200 and < 300).ShouldBe(1, seen);
                    statuses.Count(s => s == 409).ShouldBe(writers - 1, seen);
                }

                if (gate is not null)
                {
                    // Every answer is in: nobody may still hold the database.
                    await Until(() => gate.Current is null, $"after the {path.Name} race the write gate is still held by {gate.Current?.Holder}");
                }

                await UnrelatedWriteAsync(path.Name);
            }
        }
    });

    /// <summary>One kind of write: before each round <paramref name="PrepareAsync"/> reads the record's revision
    /// (or makes a fresh record to decide) and answers the edit that every writer sends at once.</summary>
    private sealed record RacePath(string Name, string[] Users, Func<HttpClient, Task<Func<HttpClient, string, Task<HttpResponseMessage>>>> PrepareAsync)
    {
        /// <summary>The common shape: read a revision, send an edit carrying it.</summary>
        public static RacePath Revised(string name, string[] users, Func<HttpClient, Task<int>> revisionAsync, Func<HttpClient, int, string, Task<HttpResponseMessage>> editAsync) =>
            new(name, users, async reader =>
            {
                var revision = await revisionAsync(reader);
                return (client, text) => editAsync(client, revision, text);
            });
    }

    /// <summary>The writes that take a revision, each on a record of its own.</summary>
    private static async Task<List<RacePath>> PathsAsync(FaultsFactory factory, Guid unit, string assetCode)
    {
        var admin = await factory.ApiClientAsync("admin");
        var duty = await factory.ApiClientAsync("duty");
        var rep = await factory.ApiClientAsync("client.rep");
        var paths = new List<RacePath>();

        // A fault's handling: notes by the provider's engineers.
        var fault = (await (await duty.PostAsJsonAsync($"/api/units/{unit}/faults", new { description = "竞争记录的故障", assetCode, callerName = "测试", channel = "Hotline" })).ReadJsonAsync()).GetProperty("id").GetGuid();
        paths.Add(RacePath.Revised("fault action", ["resident", "duty", "support"],
            async c => (await (await c.GetAsync($"/api/faults/{fault}")).ReadJsonAsync()).GetProperty("fault").GetProperty("revision").GetInt32(),
            (c, revision, text) => c.PostAsJsonAsync($"/api/faults/{fault}/actions", new { action = "Note", revision, text })));

        // An asset.
        var asset = await AssetIdAsync(admin, unit, assetCode);
        var type = (await (await admin.GetAsync($"/api/assets/{asset}")).ReadJsonAsync()).GetProperty("assetTypeId").GetGuid();
        paths.Add(RacePath.Revised("asset", ["admin", "resident"],
            async c => (await (await c.GetAsync($"/api/assets/{asset}")).ReadJsonAsync()).GetProperty("revision").GetInt32(),
            (c, revision, text) => c.PutAsJsonAsync($"/api/assets/{asset}", new { code = assetCode, name = "服务器 " + text, assetTypeId = type, status = "InUse", revision })));

        // A client unit.
        var created = await (await admin.PostAsJsonAsync("/api/units", new { code = "RACE" + Guid.NewGuid().ToString("N")[..4], name = "竞争法院" })).ReadJsonAsync();
        var other = created.GetProperty("id").GetGuid();
        paths.Add(RacePath.Revised("unit", ["admin"],
            async c => (await (await c.GetAsync($"/api/units/{other}")).ReadJsonAsync()).GetProperty("unit").GetProperty("revision").GetInt32(),
            (c, revision, text) => c.PutAsJsonAsync($"/api/units/{other}", new { name = "竞争法院 " + text, isActive = true, revision })));

        // The unit's service contract.
        paths.Add(RacePath.Revised("contract", ["client.admin", "admin"],
            async c => (await (await c.GetAsync($"/api/units/{unit}")).ReadJsonAsync()).GetProperty("contract").GetProperty("revision").GetInt32(),
            async (c, revision, text) =>
            {
                var edit = JsonSerializer.SerializeToNode(UnitIsolationTests.ValidContract("驻点运维合同 " + text))!.AsObject();
                edit["revision"] = revision;
                return await c.PutAsJsonAsync($"/api/units/{unit}/contract", edit);
            }));

        // A user (Identity's stores, in a transaction).
        var userName = "race." + Guid.NewGuid().ToString("N")[..6];
        var user = (await (await admin.PostJsonAsync("/api/users", new { userName, displayName = "工程师", role = Roles.SupportEngineer, unitIds = new[] { unit } })).ReadJsonAsync()).GetProperty("id").GetGuid();
        paths.Add(RacePath.Revised("user", ["admin"],
            async c => (await (await c.GetAsync("/api/users")).ReadJsonAsync()).EnumerateArray().Single(u => u.GetProperty("id").GetGuid() == user).GetProperty("revision").GetInt32(),
            (c, revision, text) => c.PutAsJsonAsync($"/api/users/{user}", new { displayName = "工程师 " + text, role = Roles.SupportEngineer, unitIds = new[] { unit }, revision })));

        // A complaint's handling.
        var complaint = (await (await rep.PostAsJsonAsync($"/api/units/{unit}/complaints", new { category = "Timeliness", subject = "竞争投诉", description = "同时处理" })).ReadJsonAsync()).GetProperty("id").GetGuid();
        paths.Add(RacePath.Revised("complaint action", ["resident"],
            async c => (await (await c.GetAsync($"/api/complaints/{complaint}")).ReadJsonAsync()).GetProperty("complaint").GetProperty("revision").GetInt32(),
            (c, revision, text) => c.PostAsJsonAsync($"/api/complaints/{complaint}/actions", new { action = "Note", revision, text })));

        // A message template (installation-wide).
        paths.Add(RacePath.Revised("message template", ["admin"],
            async c => (await (await c.GetAsync("/api/message-templates")).ReadJsonAsync()).EnumerateArray()
                .Single(t => t.GetProperty("messageKey").GetString() == "Notify.Fault.Reported").GetProperty("revision").GetInt32(),
            (c, revision, text) => c.PutAsJsonAsync("/api/message-templates/Notify.Fault.Reported", new { zh = "新故障 {0}「{1}」，报修人 {2} " + text, revision })));

        // An engineer's profile.
        var me = (await (await duty.GetAsync("/api/me")).ReadJsonAsync()).GetProperty("id").GetGuid();
        paths.Add(RacePath.Revised("engineer profile", ["account", "leader"],
            async c => (await (await c.GetAsync($"/api/units/{unit}/staff")).ReadJsonAsync()).GetProperty("engineers").EnumerateArray()
                .Single(e => e.GetProperty("userId").GetGuid() == me).GetProperty("revision").GetInt32(),
            (c, revision, text) => c.PutAsJsonAsync($"/api/staff/{me}/profile", new { phone = "139" + text.Replace("-", "", StringComparison.Ordinal).PadRight(8, '0')[..8], revision })));

        // An asset type, a subsystem and a place of the unit's structure.
        var typeName = (await (await admin.GetAsync($"/api/units/{unit}/asset-types")).ReadJsonAsync()).EnumerateArray().Single(t => t.GetProperty("id").GetGuid() == type);
        paths.Add(RacePath.Revised("asset type", ["admin", "client.admin"],
            async c => (await (await c.GetAsync($"/api/units/{unit}/asset-types")).ReadJsonAsync()).EnumerateArray().Single(t => t.GetProperty("id").GetGuid() == type).GetProperty("revision").GetInt32(),
            (c, revision, text) => c.PutAsJsonAsync($"/api/asset-types/{type}", new
            {
                name = typeName.GetProperty("name").GetString(),
                sortOrder = typeName.GetProperty("sortOrder").GetInt32(),
                attributes = typeName.GetProperty("attributes"),
                revision,
            })));
        var subsystem = (await CreatedAsync(admin.PostAsJsonAsync($"/api/units/{unit}/subsystems", new { name = "竞争子系统", sortOrder = 90 }))).GetGuid();
        paths.Add(RacePath.Revised("subsystem", ["admin", "client.admin"],
            async c => (await (await c.GetAsync($"/api/units/{unit}/subsystems")).ReadJsonAsync()).EnumerateArray().Single(t => t.GetProperty("id").GetGuid() == subsystem).GetProperty("revision").GetInt32(),
            (c, revision, text) => c.PutAsJsonAsync($"/api/subsystems/{subsystem}", new { name = "竞争子系统 " + text, sortOrder = 90, revision })));
        var place = (await CreatedAsync(admin.PostAsJsonAsync($"/api/units/{unit}/locations", new { name = "竞争楼", kind = "Building", sortOrder = 9 }))).GetGuid();
        paths.Add(RacePath.Revised("location", ["resident", "client.maint"],
            async c => (await (await c.GetAsync($"/api/units/{unit}/asset-options")).ReadJsonAsync()).GetProperty("locations").EnumerateArray().Single(l => l.GetProperty("id").GetGuid() == place).GetProperty("revision").GetInt32(),
            (c, revision, text) => c.PutAsJsonAsync($"/api/locations/{place}", new { name = "竞争楼 " + text, kind = "Building", revision })));

        // A risk's follow-up, by both sides.
        var risk = (await CreatedAsync(duty.PostAsJsonAsync($"/api/units/{unit}/risks", new { description = "竞争隐患", severity = "Medium" }))).GetProperty("id").GetGuid();
        paths.Add(RacePath.Revised("risk", ["resident", "client.maint"],
            async c => (await (await c.GetAsync($"/api/risks/{risk}")).ReadJsonAsync()).GetProperty("revision").GetInt32(),
            (c, revision, text) => c.PutAsJsonAsync($"/api/risks/{risk}", new { description = "竞争隐患 " + text, severity = "High", revision })));

        // A notification channel.
        var channel = (await CreatedAsync(admin.PostAsJsonAsync($"/api/units/{unit}/channels", new { kind = "Webhook", name = "竞争通道", url = "http://127.0.0.1:9/hook", enabled = false }))).GetProperty("id").GetGuid();
        paths.Add(RacePath.Revised("channel", ["admin", "client.admin"],
            async c => (await (await c.GetAsync($"/api/units/{unit}/channels")).ReadJsonAsync()).EnumerateArray().Single(t => t.GetProperty("id").GetGuid() == channel).GetProperty("revision").GetInt32(),
            (c, revision, text) => c.PutAsJsonAsync($"/api/units/{unit}/channels/{channel}", new { kind = "Webhook", name = "竞争通道 " + text, url = "http://127.0.0.1:9/hook", enabled = false, revision })));

        // A weekly deliverable's written parts (the first round creates it: revision -1 from two writers at once).
        const string week = "2026-11-02";
        paths.Add(RacePath.Revised("weekly report", ["resident", "duty"],
            async c => (await (await c.GetAsync($"/api/units/{unit}/weekly/InspectionReport/{week}")).ReadJsonAsync()).GetProperty("revision").GetInt32(),
            (c, revision, text) => c.PutAsJsonAsync($"/api/units/{unit}/weekly/InspectionReport/{week}", new { revision, summary = "运行正常 " + text })));

        // A month's duty roster, published (and published again) by the planners.
        var account = await factory.ApiClientAsync("account");
        var engineer = (await (await account.GetAsync($"/api/units/{unit}/roster/2027-05")).ReadJsonAsync()).GetProperty("engineers")[0].GetProperty("id").GetGuid();
        await CreatedAsync(account.PostAsJsonAsync($"/api/units/{unit}/roster/shifts", new { date = new DateOnly(2027, 5, 12), kind = "Day", engineerId = engineer }));
        paths.Add(RacePath.Revised("roster publish", ["account", "resident"],
            async c => (await (await c.GetAsync($"/api/units/{unit}/roster/2027-05")).ReadJsonAsync()).GetProperty("revision").GetInt32(),
            (c, revision, text) => c.PostAsJsonAsync($"/api/units/{unit}/roster/2027-05/publish", new { revision, gapsAcknowledgement = "五月未排班（测试）" + text })));

        // An approval decided by two of the client's deciders at once: each round a new request.
        var resident = await factory.ApiClientAsync("resident");
        paths.Add(new("approval decision", ["client.admin", "client.maint"], async _ =>
        {
            var id = (await CreatedAsync(resident.PostAsJsonAsync($"/api/units/{unit}/approvals", Approvals.ApprovalsApiTests.Reboot(asset)))).GetGuid();
            return (c, text) => c.PostAsJsonAsync($"/api/approvals/{id}/{(text.EndsWith('1') ? "reject" : "approve")}", new { comment = "决定 " + text });
        }));

        return paths;
    }

    private static async Task<JsonElement> CreatedAsync(Task<HttpResponseMessage> sending)
    {
        var response = await sending;
        response.StatusCode.ShouldBe(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return await response.ReadJsonAsync();
    }

    private static async Task<Guid> AssetIdAsync(HttpClient client, Guid unit, string code)
    {
        var list = await (await client.GetAsync($"/api/units/{unit}/assets?search={code}")).ReadJsonAsync();
        var rows = list.ValueKind == JsonValueKind.Array ? list : list.GetProperty("rows");
        return rows.EnumerateArray().Single(a => a.GetProperty("code").GetString() == code).GetProperty("id").GetGuid();
    }

    /// <summary>Waits for a condition (a generous ceiling for a busy machine), then says what it saw.</summary>
    private static async Task Until(Func<bool> condition, string because)
    {
        var waited = System.Diagnostics.Stopwatch.StartNew();
        while (!condition())
        {
            waited.Elapsed.ShouldBeLessThan(TimeSpan.FromSeconds(10), because);
            await Task.Delay(20);
        }
    }
}
