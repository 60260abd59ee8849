using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Yunwei.Data.Seeding;
using Yunwei.Domain.Administration;
using Yunwei.Domain.Assets;
using Yunwei.Domain.Faults;

namespace Yunwei.Data.Tests;

public abstract class SeederTests<TFixture>(TFixture fixture) : DataTest<TFixture>(fixture)
    where TFixture : DatabaseFixture
{
    [SkippableFact]
    public async Task First_run_seeds_the_demo_court_with_its_subsystems_rooms_contract_and_one_user_per_role()
    {
        RequireDatabase();
        await using var services = Fixture.CreateServices();
        await using var scope = services.CreateAsyncScope();

        var logins = await scope.ServiceProvider.GetRequiredService<Seeder>().SeedAsync(new SeedOptions());

        logins.Select(l => l.Role).ShouldBe(Roles.All, ignoreOrder: true);
        logins.ShouldAllBe(l => l.PasswordGenerated && l.Password.Length >= 16);
        logins.Select(l => l.Password).Distinct().Count().ShouldBe(logins.Count);

        await using var db = Fixture.CreateContext();
        var unit = await db.ClientUnits.SingleAsync(u => u.Code == Seeder.DemoUnitCode);
        unit.Name.ShouldBe("示例人民法院");
        (await db.Subsystems.Where(s => s.ClientUnitId == unit.Id).OrderBy(s => s.SortOrder).Select(s => s.Name).ToListAsync())
            .ShouldBe(Subsystem.DefaultNames);
        (await db.AssetTypes.CountAsync(t => t.ClientUnitId == unit.Id)).ShouldBe(AssetTypeDefaults.All().Count);
        var rooms = await db.Locations.Where(l => l.ClientUnitId == unit.Id).ToListAsync();
        rooms.Count(l => l.Kind == LocationKind.ServerRoom).ShouldBe(1);
        rooms.Count(l => l.Kind == LocationKind.WiringCloset).ShouldBe(6);
        var contract = await db.ServiceContracts.SingleAsync(c => c.ClientUnitId == unit.Id);
        contract.TargetFor(FaultLevel.Level1).ResponseMinutes.ShouldBe(10);
        contract.TargetFor(FaultLevel.Level2).RestoreMinutes.ShouldBe(8 * 60);
        contract.TargetFor(FaultLevel.Level3).ResolveMinutes.ShouldBe(48 * 60);
        contract.LeadershipContacts.ShouldNotBeEmpty();

        // Client and provider demo users are members of the demo unit; system users are not.
        var members = await db.UnitMemberships.Where(m => m.ClientUnitId == unit.Id).CountAsync();
        members.ShouldBe(Roles.All.Count(r => !Roles.SeesAllUnits(r)));

        // The seeding itself is in the audit trail, attributed to the system.
        (await db.AuditEntries.CountAsync(a => a.Entity == "ClientUnit" && a.ClientUnitId == unit.Id)).ShouldBe(1);

        // The working calendar starts with the shipped statutory holidays and make-up days.
        (await db.CalendarDays.CountAsync(d => d.ClientUnitId == unit.Id && d.Source == "holiday-cn 2026")).ShouldBe(39);
        (await db.CalendarDays.CountAsync(d => d.ClientUnitId == unit.Id && d.Source == "holiday-cn 2025")).ShouldBe(33);

        // A second start seeds nothing, except the holidays of a unit that has no calendar yet (made before calendars existed).
        await db.CalendarDays.Where(d => d.ClientUnitId == unit.Id).ExecuteDeleteAsync();
        await using var again = services.CreateAsyncScope();
        (await again.ServiceProvider.GetRequiredService<Seeder>().SeedAsync(new SeedOptions())).ShouldBeEmpty();
        (await db.ClientUnits.CountAsync()).ShouldBe(1);
        (await db.CalendarDays.CountAsync(d => d.ClientUnitId == unit.Id)).ShouldBe(72);

        // Every subsystem starts with its checklist and a weekly inspection; a unit made before
        // inspections existed gets them on the next start, even with list columns an early
        // migration left as '' on its rows.
        (await db.ChecklistTemplates.CountAsync(t => t.ClientUnitId == unit.Id && t.IsCurrent)).ShouldBe(Subsystem.DefaultNames.Count);
        (await db.InspectionSchedules.CountAsync(s => s.ClientUnitId == unit.Id && s.Active)).ShouldBe(Subsystem.DefaultNames.Count);
        await db.InspectionSchedules.Where(t => t.ClientUnitId == unit.Id).ExecuteDeleteAsync();
        await db.ChecklistTemplates.Where(t => t.ClientUnitId == unit.Id).ExecuteDeleteAsync();
        await db.Database.ExecuteSqlRawAsync("UPDATE \"Subsystems\" SET \"RequiredDocuments\" = ''");
        await using var third = services.CreateAsyncScope();
        (await third.ServiceProvider.GetRequiredService<Seeder>().SeedAsync(new SeedOptions())).ShouldBeEmpty();
        (await db.ChecklistTemplates.CountAsync(t => t.ClientUnitId == unit.Id)).ShouldBe(Subsystem.DefaultNames.Count);
        (await db.Subsystems.AsNoTracking().FirstAsync(s => s.ClientUnitId == unit.Id)).RequiredDocuments.ShouldBeEmpty();
    }

    [Fact]
    public void Generated_passwords_satisfy_the_password_policy()
    {
        for (var i = 0; i < 200; i++)
        {
            var password = Seeder.GeneratePassword();
            password.Length.ShouldBe(19);
            password.Any(char.IsUpper).ShouldBeTrue();
            password.Any(char.IsLower).ShouldBeTrue();
            password.Any(char.IsDigit).ShouldBeTrue();
        }
    }
}

public sealed class SeederTests_Sqlite(SqliteFixture fixture) : SeederTests<SqliteFixture>(fixture);

public sealed class SeederTests_Postgres(PostgresFixture fixture) : SeederTests<PostgresFixture>(fixture);

/// <summary>Without demo data only an administrator is created (separate database: seeding needs an empty one).</summary>
public abstract class NoDemoSeederTests<TFixture>(TFixture fixture) : DataTest<TFixture>(fixture)
    where TFixture : DatabaseFixture
{
    [SkippableFact]
    public async Task Without_demo_data_only_an_administrator_with_the_configured_password_is_created()
    {
        RequireDatabase();
        await using var services = Fixture.CreateServices();
        await using var scope = services.CreateAsyncScope();

        var logins = await scope.ServiceProvider.GetRequiredService<Seeder>()
            .SeedAsync(new SeedOptions { Demo = false, AdminPassword = "Configured-Pass-42" });

        logins.ShouldHaveSingleItem().ShouldBe(new SeededLogin(Seeder.AdminUserName, "Configured-Pass-42", Roles.SystemAdministrator, false));
        await using var db = Fixture.CreateContext();
        (await db.ClientUnits.CountAsync()).ShouldBe(0);
        (await db.Users.CountAsync()).ShouldBe(1);
        (await db.Roles.CountAsync()).ShouldBe(Roles.All.Count);
    }
}

public sealed class NoDemoSeederTests_Sqlite(SqliteFixture fixture) : NoDemoSeederTests<SqliteFixture>(fixture);

public sealed class NoDemoSeederTests_Postgres(PostgresFixture fixture) : NoDemoSeederTests<PostgresFixture>(fixture);
