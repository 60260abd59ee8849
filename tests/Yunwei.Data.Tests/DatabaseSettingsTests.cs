using Microsoft.Extensions.Configuration;

namespace Yunwei.Data.Tests;

/// <summary>Database settings from configuration: the provider and the SQLite memory limit, with clear errors for bad values.</summary>
public sealed class DatabaseSettingsTests
{
    private static DatabaseSettings From(params (string Key, string Value)[] values) =>
        DatabaseSettings.From(new ConfigurationBuilder()
            .AddInMemoryCollection(values.Select(v => new KeyValuePair<string, string?>(v.Key, v.Value)))
            .Build());

    [Fact]
    public void Sqlite_is_the_default_with_an_8_MiB_memory_limit()
    {
        var settings = From();

        settings.Provider.ShouldBe(DatabaseProviderKind.Sqlite);
        settings.ConnectionString.ShouldBe(DatabaseSettings.DefaultSqlite);
        settings.SqliteMemoryMiB.ShouldBe(8);
        From(("Database:SqliteMemoryMiB", "64")).SqliteMemoryMiB.ShouldBe(64);
        From(("Database:SqliteMemoryMiB", "0")).SqliteMemoryMiB.ShouldBe(0);
    }

    [Theory]
    [InlineData("-1")]
    [InlineData("8MB")]
    [InlineData("1.5")]
    [InlineData("70000")]
    public void A_memory_limit_that_is_not_a_whole_number_of_MiB_stops_the_start_with_a_clear_message(string value)
    {
        Should.Throw<InvalidOperationException>(() => From(("Database:SqliteMemoryMiB", value)))
            .Message.ShouldBe($"Database:SqliteMemoryMiB '{value}' is not a whole number of MiB from 0 (no limit) to 65536.");
    }

    [Fact]
    public void The_limit_becomes_SQLites_soft_heap_limit_for_the_process()
    {
        SQLitePCL.Batteries_V2.Init();
        var previous = SQLitePCL.raw.sqlite3_soft_heap_limit64(-1);
        try
        {
            From(("Database:SqliteMemoryMiB", "12")).LimitSqliteMemory();
            SQLitePCL.raw.sqlite3_soft_heap_limit64(-1).ShouldBe(12L * 1024 * 1024);

            From(("Database:SqliteMemoryMiB", "0")).LimitSqliteMemory();
            SQLitePCL.raw.sqlite3_soft_heap_limit64(-1).ShouldBe(0);

            // PostgreSQL leaves SQLite alone.
            new DatabaseSettings(DatabaseProviderKind.Postgres, "Host=127.0.0.1") { SqliteMemoryMiB = 3 }.LimitSqliteMemory();
            SQLitePCL.raw.sqlite3_soft_heap_limit64(-1).ShouldBe(0);
        }
        finally
        {
            SQLitePCL.raw.sqlite3_soft_heap_limit64(previous);
        }
    }
}
