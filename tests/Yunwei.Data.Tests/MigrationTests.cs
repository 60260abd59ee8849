using Microsoft.EntityFrameworkCore;

namespace Yunwei.Data.Tests;

public abstract class MigrationTests<TFixture>(TFixture fixture) : DataTest<TFixture>(fixture)
    where TFixture : DatabaseFixture
{
    [SkippableFact]
    public async Task Migrations_apply_from_empty_and_leave_nothing_pending()
    {
        RequireDatabase();
        await using var db = Fixture.CreateContext();

        (await db.Database.GetPendingMigrationsAsync()).ShouldBeEmpty();
        (await db.Database.GetAppliedMigrationsAsync()).ShouldNotBeEmpty();
        (await db.ClientUnits.CountAsync()).ShouldBeGreaterThanOrEqualTo(0);
    }

    [SkippableFact]
    public async Task The_model_has_no_changes_missing_a_migration()
    {
        RequireDatabase();
        await using var db = Fixture.CreateContext();

        db.Database.HasPendingModelChanges().ShouldBeFalse(
            "The model changed without a migration: run eng/add-migration.sh NAME to add one for both providers.");
    }
}

public sealed class MigrationTests_Sqlite(SqliteFixture fixture) : MigrationTests<SqliteFixture>(fixture);

public sealed class MigrationTests_Postgres(PostgresFixture fixture) : MigrationTests<PostgresFixture>(fixture);
