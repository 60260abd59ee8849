using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Yunwei.Data.Identity;

namespace Yunwei.Data.Tests;

/// <summary>A tenant for tests: a user who sees the given units (or all).</summary>
public sealed record TestTenant(Guid? UserId, string? UserName, bool SeesAllUnits, IReadOnlyList<Guid> UnitIds) : ITenantContext
{
    public static TestTenant System => new(null, "system", true, []);

    public static TestTenant Of(string name, params Guid[] units) => new(Guid.NewGuid(), name, false, units);
}

/// <summary>
/// One freshly migrated database per test class. Every data test runs against both providers: the
/// SQLite fixture always, the PostgreSQL fixture when <c>YUNWEI_TEST_PG</c> names a server (and must,
/// when <c>CI=true</c>).
/// </summary>
public abstract class DatabaseFixture : IAsyncLifetime
{
    public DatabaseSettings Settings { get; protected set; } = default!;

    public string? SkipReason { get; protected set; }

    public YunweiDbContext CreateContext(ITenantContext? tenant = null, TimeProvider? time = null)
    {
        var options = new DbContextOptionsBuilder<YunweiDbContext>();
        Settings.Configure(options);
        return YunweiDbContext.Create(options.Options, tenant ?? TestTenant.System, time ?? TimeProvider.System);
    }

    /// <summary>Services as the web host has them (Identity over this database), acting as the system.</summary>
    public ServiceProvider CreateServices(TimeProvider? time = null)
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton(time ?? TimeProvider.System);
        services.AddSingleton<ITenantContext>(TestTenant.System);
        services.AddYunweiDbContext((_, options) => Settings.Configure(options));
        services.AddIdentityCore<AppUser>(o =>
            {
                o.Password.RequiredLength = 10;
                o.Password.RequireNonAlphanumeric = false;
            })
            .AddRoles<AppRole>()
            .AddEntityFrameworkStores<YunweiDbContext>();
        services.AddScoped<Seeding.Seeder>();
        return services.BuildServiceProvider();
    }

    public abstract Task InitializeAsync();

    public abstract Task DisposeAsync();

    protected async Task MigrateAsync()
    {
        await using var db = CreateContext();
        await db.Database.MigrateAsync();
    }
}

public sealed class SqliteFixture : DatabaseFixture
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "yunwei-tests", Guid.NewGuid().ToString("N"));

    public override async Task InitializeAsync()
    {
        Settings = new DatabaseSettings(DatabaseProviderKind.Sqlite, $"Data Source={Path.Combine(_folder, "test.db")};Pooling=False");
        await MigrateAsync();
    }

    public override Task DisposeAsync()
    {
        Directory.Delete(_folder, recursive: true);
        return Task.CompletedTask;
    }
}

public sealed class PostgresFixture : DatabaseFixture
{
    private string? _admin;
    private string? _database;

    public static string? ConnectionString => Environment.GetEnvironmentVariable("YUNWEI_TEST_PG");

    public static bool RequiredByCi => string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);

    public override async Task InitializeAsync()
    {
        if (string.IsNullOrWhiteSpace(ConnectionString))
        {
            if (RequiredByCi)
            {
                throw new InvalidOperationException("CI=true but YUNWEI_TEST_PG is not set: the PostgreSQL tests must run in CI.");
            }

            SkipReason = "PostgreSQL tests skipped: set YUNWEI_TEST_PG (e.g. Host=127.0.0.1;Username=yunwei;Password=…;Database=postgres).";
            return;
        }

        _admin = ConnectionString;
        _database = "yunwei_test_" + Guid.NewGuid().ToString("N")[..12];
        await using (var connection = new NpgsqlConnection(_admin))
        {
            await connection.OpenAsync();
            await using var create = new NpgsqlCommand($"CREATE DATABASE \"{_database}\"", connection);
            await create.ExecuteNonQueryAsync();
        }

        var builder = new NpgsqlConnectionStringBuilder(_admin) { Database = _database };
        Settings = new DatabaseSettings(DatabaseProviderKind.Postgres, builder.ConnectionString);
        await MigrateAsync();
    }

    public override async Task DisposeAsync()
    {
        if (_admin is null || _database is null)
        {
            return;
        }

        NpgsqlConnection.ClearAllPools();
        await using var connection = new NpgsqlConnection(_admin);
        await connection.OpenAsync();
        await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{_database}\" WITH (FORCE)", connection);
        await drop.ExecuteNonQueryAsync();
    }
}

/// <summary>Base of every data test: skips with the fixture's reason when its database is absent.</summary>
public abstract class DataTest<TFixture>(TFixture fixture) : IClassFixture<TFixture>
    where TFixture : DatabaseFixture
{
    protected TFixture Fixture { get; } = fixture;

    protected void RequireDatabase() => Skip.If(Fixture.SkipReason is not null, Fixture.SkipReason);
}
