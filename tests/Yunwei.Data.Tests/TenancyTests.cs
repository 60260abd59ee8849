using Microsoft.EntityFrameworkCore;
using Yunwei.Domain.Assets;

namespace Yunwei.Data.Tests;

public abstract class TenancyTests<TFixture>(TFixture fixture) : DataTest<TFixture>(fixture)
    where TFixture : DatabaseFixture
{
    [SkippableFact]
    public async Task A_user_of_unit_A_cannot_read_list_or_count_anything_of_unit_B()
    {
        RequireDatabase();
        var a = await TestData.NewUnitAsync(Fixture, "甲法院");
        var b = await TestData.NewUnitAsync(Fixture, "乙法院");

        await using var db = Fixture.CreateContext(TestTenant.Of("a-user", a.Id));

        (await db.ClientUnits.Select(u => u.Id).ToListAsync()).ShouldBe([a.Id]);
        (await db.ClientUnits.AnyAsync(u => u.Id == b.Id)).ShouldBeFalse();
        (await db.ClientUnits.FindAsync(b.Id)).ShouldBeNull();
        (await db.Subsystems.CountAsync()).ShouldBe(12);
        (await db.Subsystems.CountAsync(s => s.ClientUnitId == b.Id)).ShouldBe(0);
        (await db.ServiceContracts.Select(c => c.ClientUnitId).ToListAsync()).ShouldBe([a.Id]);
        (await db.AuditEntries.AnyAsync(e => e.ClientUnitId == b.Id)).ShouldBeFalse();
        (await db.AuditEntries.AnyAsync(e => e.ClientUnitId == a.Id)).ShouldBeTrue();
    }

    [SkippableFact]
    public async Task A_user_of_unit_A_cannot_modify_a_record_of_unit_B_because_it_never_loads()
    {
        RequireDatabase();
        var a = await TestData.NewUnitAsync(Fixture, "甲法院");
        var b = await TestData.NewUnitAsync(Fixture, "乙法院");

        await using (var db = Fixture.CreateContext(TestTenant.Of("a-user", a.Id)))
        {
            var updated = await db.Subsystems.Where(s => s.ClientUnitId == b.Id)
                .ExecuteUpdateAsync(s => s.SetProperty(x => x.Name, "hacked"));
            updated.ShouldBe(0);
            var deleted = await db.Subsystems.Where(s => s.ClientUnitId == b.Id).ExecuteDeleteAsync();
            deleted.ShouldBe(0);
        }

        await using var system = Fixture.CreateContext();
        (await system.Subsystems.CountAsync(s => s.ClientUnitId == b.Id && s.Name != "hacked")).ShouldBe(12);
    }

    [SkippableFact]
    public async Task Provider_staff_see_every_unit_they_serve_and_system_roles_see_all()
    {
        RequireDatabase();
        var a = await TestData.NewUnitAsync(Fixture, "甲法院");
        var b = await TestData.NewUnitAsync(Fixture, "乙法院");
        var c = await TestData.NewUnitAsync(Fixture, "丙法院");

        await using var engineer = Fixture.CreateContext(TestTenant.Of("engineer", a.Id, b.Id));
        (await engineer.ClientUnits.Select(u => u.Id).ToListAsync()).ShouldBe([a.Id, b.Id], ignoreOrder: true);
        (await engineer.Subsystems.CountAsync(s => s.ClientUnitId == c.Id)).ShouldBe(0);

        await using var nobody = Fixture.CreateContext(TestTenant.Of("nobody"));
        (await nobody.ClientUnits.CountAsync()).ShouldBe(0);
        (await nobody.Set<Subsystem>().CountAsync()).ShouldBe(0);

        await using var system = Fixture.CreateContext();
        (await system.ClientUnits.CountAsync(u => u.Id == a.Id || u.Id == b.Id || u.Id == c.Id)).ShouldBe(3);
    }
}

public sealed class TenancyTests_Sqlite(SqliteFixture fixture) : TenancyTests<SqliteFixture>(fixture);

public sealed class TenancyTests_Postgres(PostgresFixture fixture) : TenancyTests<PostgresFixture>(fixture);
