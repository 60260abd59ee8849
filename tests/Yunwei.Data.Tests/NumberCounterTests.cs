using Microsoft.EntityFrameworkCore;

namespace Yunwei.Data.Tests;

public abstract class NumberCounterTests<TFixture>(TFixture fixture) : DataTest<TFixture>(fixture)
    where TFixture : DatabaseFixture
{
    [SkippableFact]
    public async Task A_number_drawn_in_a_transaction_follows_the_provider_rule()
    {
        RequireDatabase();
        var stem = $"T{Guid.NewGuid().ToString("N")[..6]}-20261127-";
        await using var first = Fixture.CreateContext();
        (await NumberCounter.NextAsync(first, stem, first.Faults.Select(f => f.Number), default)).ShouldBe(1);

        await using var writing = Fixture.CreateContext();
        await using (var transaction = await writing.BeginWriteAsync())
        {
            (await NumberCounter.NextAsync(writing, stem, writing.Faults.Select(f => f.Number), default)).ShouldBe(2);
            if (Fixture.Settings.Provider == DatabaseProviderKind.Postgres)
            {
                // The counter row is not held until the transaction ends: another writer draws meanwhile.
                await using var other = Fixture.CreateContext();
                (await NumberCounter.NextAsync(other, stem, other.Faults.Select(f => f.Number), default).WaitAsync(TimeSpan.FromSeconds(10))).ShouldBe(3);
            }

            await transaction.RollbackAsync();
        }

        await using var after = Fixture.CreateContext();
        var next = await NumberCounter.NextAsync(after, stem, after.Faults.Select(f => f.Number), default);

        // PostgreSQL: drawn numbers stay drawn (a gap, never a duplicate). SQLite: the number went back with the transaction.
        next.ShouldBe(Fixture.Settings.Provider == DatabaseProviderKind.Postgres ? 4 : 2);
    }
}

public sealed class NumberCounterTests_Sqlite(SqliteFixture fixture) : NumberCounterTests<SqliteFixture>(fixture);

public sealed class NumberCounterTests_Postgres(PostgresFixture fixture) : NumberCounterTests<PostgresFixture>(fixture);
