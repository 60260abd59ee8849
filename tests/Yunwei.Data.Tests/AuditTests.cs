using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;
using Yunwei.Domain.Assets;
using Yunwei.Domain.Audit;
using Yunwei.Domain.Units;

namespace Yunwei.Data.Tests;

public abstract class AuditTests<TFixture>(TFixture fixture) : DataTest<TFixture>(fixture)
    where TFixture : DatabaseFixture
{
    private static readonly DateTimeOffset Now = new(2026, 11, 27, 2, 30, 0, TimeSpan.Zero);

    [SkippableFact]
    public async Task Insert_update_and_delete_are_recorded_with_who_when_unit_key_and_old_to_new_values()
    {
        RequireDatabase();
        var unit = await TestData.NewUnitAsync(Fixture, "审计法院");
        var user = TestTenant.Of("client.admin", unit.Id);
        var time = new FakeTimeProvider(Now);
        var room = new Location { ClientUnitId = unit.Id, Name = "三楼配线间", Kind = LocationKind.WiringCloset };

        await using (var db = Fixture.CreateContext(user, time))
        {
            db.Locations.Add(room);
            await db.SaveChangesAsync();
        }

        time.Advance(TimeSpan.FromMinutes(5));
        await using (var db = Fixture.CreateContext(user, time))
        {
            var loaded = await db.Locations.SingleAsync(l => l.Id == room.Id);
            loaded.Name = "3楼配线间";
            await db.SaveChangesAsync();
            db.Locations.Remove(loaded);
            await db.SaveChangesAsync();
        }

        await using var read = Fixture.CreateContext();
        var entries = await read.AuditEntries.Where(a => a.Entity == "Location" && a.EntityKey == room.Id.ToString())
            .OrderBy(a => a.Id).ToListAsync();
        entries.Select(e => e.Action).ShouldBe([AuditAction.Insert, AuditAction.Update, AuditAction.Delete]);
        entries.ShouldAllBe(e => e.UserId == user.UserId && e.UserName == "client.admin" && e.ClientUnitId == unit.Id);
        entries[0].At.ShouldBe(Now.UtcDateTime);
        entries[0].At.Kind.ShouldBe(DateTimeKind.Utc);
        entries[1].At.ShouldBe(Now.UtcDateTime.AddMinutes(5));

        var update = JsonDocument.Parse(entries[1].Changes).RootElement;
        update.EnumerateObject().Select(p => p.Name).ShouldBe(["Name"]);
        update.GetProperty("Name")[0].GetString().ShouldBe("三楼配线间");
        update.GetProperty("Name")[1].GetString().ShouldBe("3楼配线间");
        JsonDocument.Parse(entries[2].Changes).RootElement.GetProperty("Name")[0].GetString().ShouldBe("3楼配线间");
    }

    [SkippableFact]
    public async Task A_failed_save_writes_neither_the_change_nor_its_audit_entry()
    {
        RequireDatabase();
        var unit = await TestData.NewUnitAsync(Fixture, "事务法院");
        await using var db = Fixture.CreateContext(TestTenant.Of("u", unit.Id));
        var before = await db.AuditEntries.CountAsync(a => a.ClientUnitId == unit.Id);
        // A second subsystem with an existing name breaks the unique index.
        db.Subsystems.Add(new Subsystem { ClientUnitId = unit.Id, Name = "新子系统" });
        db.Subsystems.Add(new Subsystem { ClientUnitId = unit.Id, Name = "安防" });

        await Should.ThrowAsync<DbUpdateException>(() => db.SaveChangesAsync());

        await using var read = Fixture.CreateContext();
        (await read.AuditEntries.CountAsync(a => a.ClientUnitId == unit.Id)).ShouldBe(before);
        (await read.Subsystems.CountAsync(s => s.Name == "新子系统")).ShouldBe(0);
    }

    [SkippableFact]
    public async Task Audit_entries_cannot_be_changed_or_deleted_by_the_application_or_by_sql()
    {
        RequireDatabase();
        var unit = await TestData.NewUnitAsync(Fixture, "不可改法院");
        await using var db = Fixture.CreateContext();
        var entry = await db.AuditEntries.FirstAsync(a => a.ClientUnitId == unit.Id);
        var original = entry.UserName;

        entry.UserName = "someone else";
        Should.Throw<InvalidOperationException>(() => db.SaveChanges());
        db.ChangeTracker.Clear();

        db.AuditEntries.Remove(entry);
        await Should.ThrowAsync<InvalidOperationException>(() => db.SaveChangesAsync());
        db.ChangeTracker.Clear();

        await Should.ThrowAsync<Exception>(() => db.AuditEntries.Where(a => a.Id == entry.Id)
            .ExecuteUpdateAsync(s => s.SetProperty(a => a.UserName, "rewritten")));
        await Should.ThrowAsync<Exception>(() => db.AuditEntries.Where(a => a.Id == entry.Id).ExecuteDeleteAsync());

        await using var read = Fixture.CreateContext();
        (await read.AuditEntries.SingleAsync(a => a.Id == entry.Id)).UserName.ShouldBe(original);
    }

    [SkippableFact]
    public async Task Contract_targets_round_trip_and_their_change_is_audited_as_json()
    {
        RequireDatabase();
        var unit = await TestData.NewUnitAsync(Fixture, "合同法院");
        await using (var db = Fixture.CreateContext())
        {
            var contract = await db.ServiceContracts.SingleAsync(c => c.ClientUnitId == unit.Id);
            contract.SlaTargets = [.. contract.SlaTargets.Select(t => new SlaTarget
            {
                Level = t.Level, ResponseMinutes = t.ResponseMinutes / 2, RestoreMinutes = t.RestoreMinutes, ResolveMinutes = t.ResolveMinutes,
            })];
            contract.LeadershipContacts = [new LeadershipContact { Name = "冯总", Phone = "13800000001" }];
            await db.SaveChangesAsync();
        }

        await using var read = Fixture.CreateContext();
        var saved = await read.ServiceContracts.SingleAsync(c => c.ClientUnitId == unit.Id);
        saved.TargetFor(Domain.Faults.FaultLevel.Level1).ResponseMinutes.ShouldBe(5);
        saved.LeadershipContacts.ShouldHaveSingleItem().Name.ShouldBe("冯总");
        var change = await read.AuditEntries.Where(a => a.Entity == "ServiceContract" && a.Action == AuditAction.Update && a.ClientUnitId == unit.Id).SingleAsync();
        change.Changes.ShouldContain("SlaTargets");
        change.Changes.ShouldContain("冯总");
    }
}

public sealed class AuditTests_Sqlite(SqliteFixture fixture) : AuditTests<SqliteFixture>(fixture);

public sealed class AuditTests_Postgres(PostgresFixture fixture) : AuditTests<PostgresFixture>(fixture);
