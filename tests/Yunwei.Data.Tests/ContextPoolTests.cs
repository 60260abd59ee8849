using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Yunwei.Domain.Assets;

namespace Yunwei.Data.Tests;

/// <summary>
/// The app's contexts come from EF Core's pool (<see cref="YunweiDbContextServices"/>): a context used for one
/// user's request is used again for another's. It must then see the second user's units only, write the
/// second user into the audit trail, and never keep a connection a group write set on it.
/// </summary>
public abstract class ContextPoolTests<TFixture>(TFixture fixture) : DataTest<TFixture>(fixture)
    where TFixture : DatabaseFixture
{
    [SkippableFact]
    public async Task A_context_back_from_one_users_request_serves_the_next_user_with_that_users_units_only()
    {
        RequireDatabase();
        var a = await TestData.NewUnitAsync(Fixture, "甲法院");
        var b = await TestData.NewUnitAsync(Fixture, "乙法院");
        var userA = TestTenant.Of("a-user", a.Id);
        var userB = TestTenant.Of("b-user", b.Id);
        await using var services = Services(out var tenantOf);

        YunweiDbContext first;
        await using (var scope = services.CreateAsyncScope())
        {
            tenantOf.Tenant = userA;
            first = await scope.ServiceProvider.GetRequiredService<IDbContextFactory<YunweiDbContext>>().CreateDbContextAsync();
            await using (first)
            {
                (await first.ClientUnits.Select(u => u.Id).ToListAsync()).ShouldBe([a.Id]);
            }
        }

        // Back in the pool it serves no one.
        first.Tenant.SeesAllUnits.ShouldBeFalse();
        first.Tenant.UnitIds.ShouldBeEmpty();
        first.Tenant.UserId.ShouldBeNull();

        await using (var scope = services.CreateAsyncScope())
        {
            tenantOf.Tenant = userB;
            await using var second = await scope.ServiceProvider.GetRequiredService<IDbContextFactory<YunweiDbContext>>().CreateDbContextAsync();
            second.ShouldBeSameAs(first, "the pool gives the same context again");
            (await second.ClientUnits.Select(u => u.Id).ToListAsync()).ShouldBe([b.Id]);
            (await second.Subsystems.CountAsync(s => s.ClientUnitId == a.Id)).ShouldBe(0);

            second.Locations.Add(new Location { ClientUnitId = b.Id, Name = "乙机房", Kind = LocationKind.ServerRoom });
            await second.SaveChangesAsync();
        }

        await using var system = Fixture.CreateContext();
        var audit = await system.AuditEntries.Where(e => e.ClientUnitId == b.Id && e.Entity == nameof(Location)).SingleAsync();
        audit.UserId.ShouldBe(userB.UserId);
        audit.UserName.ShouldBe("b-user");
    }

    [SkippableFact]
    public async Task A_group_write_leaves_no_connection_behind_in_the_pool()
    {
        RequireDatabase();
        var unit = await TestData.NewUnitAsync(Fixture, "连接法院");
        await using var services = Services(out var tenantOf);
        tenantOf.Tenant = TestTenant.Of("engineer", unit.Id);

        await using var scope = services.CreateAsyncScope();
        var factory = scope.ServiceProvider.GetRequiredService<IDbContextFactory<YunweiDbContext>>();
        YunweiDbContext pooled;
        await using (pooled = await factory.CreateDbContextAsync())
        {
            pooled.Database.GetDbConnection();
        }

        var written = await GroupCommit.RunAsync(factory, async (db, ct) =>
        {
            db.Locations.Add(new Location { ClientUnitId = unit.Id, Name = "组写机房", Kind = LocationKind.ServerRoom });
            await db.SaveChangesAsync(ct);
            return db.Database.GetDbConnection();
        });

        await using var next = await factory.CreateDbContextAsync();
        next.ShouldBeSameAs(pooled, "the pool gives the same context again");
        if (Fixture.Settings.Provider == DatabaseProviderKind.Sqlite)
        {
            // SQLite writes on the group's connection (PostgreSQL writes on the context's own).
            next.Database.GetDbConnection().ShouldNotBeSameAs(written);
        }

        (await next.Locations.CountAsync(l => l.Name == "组写机房")).ShouldBe(1);
    }

    private ServiceProvider Services(out TenantHolder holder)
    {
        var tenants = new TenantHolder();
        holder = tenants;
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton(TimeProvider.System);
        services.AddScoped<ITenantContext>(_ => tenants.Tenant);
        services.AddYunweiDbContext((_, options) => Fixture.Settings.Configure(options));
        return services.BuildServiceProvider();
    }

    private sealed class TenantHolder
    {
        public ITenantContext Tenant { get; set; } = TestTenant.System;
    }
}

public sealed class ContextPoolTests_Sqlite(SqliteFixture fixture) : ContextPoolTests<SqliteFixture>(fixture);

public sealed class ContextPoolTests_Postgres(PostgresFixture fixture) : ContextPoolTests<PostgresFixture>(fixture);
