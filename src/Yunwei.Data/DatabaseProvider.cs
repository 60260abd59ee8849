using System.Runtime.CompilerServices;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;

namespace Yunwei.Data;

public enum DatabaseProviderKind
{
    Sqlite,
    Postgres,
}

/// <summary>
/// Chooses the database from configuration: <c>Database:Provider</c> = <c>Sqlite</c> (default, file
/// <c>data/yunwei.db</c>) or <c>Postgres</c> (<c>ConnectionStrings:Postgres</c>).
/// </summary>
public sealed record DatabaseSettings(DatabaseProviderKind Provider, string ConnectionString)
{
    public const string SqliteMigrationsAssembly = "Yunwei.Data.Migrations.Sqlite";
    public const string PostgresMigrationsAssembly = "Yunwei.Data.Migrations.Postgres";
    public const string DefaultSqlite = "Data Source=data/yunwei.db";

    public static DatabaseSettings From(IConfiguration configuration)
    {
        var providerText = configuration["Database:Provider"];
        DatabaseProviderKind provider;
        if (string.IsNullOrWhiteSpace(providerText))
        {
            provider = DatabaseProviderKind.Sqlite;
        }
        else if (!Enum.TryParse(providerText, ignoreCase: true, out provider) || !Enum.IsDefined(provider))
        {
            throw new InvalidOperationException(
                $"Database:Provider '{providerText}' is not supported; use 'Sqlite' or 'Postgres'.");
        }

        var connection = provider switch
        {
            DatabaseProviderKind.Postgres => configuration.GetConnectionString("Postgres")
                ?? throw new InvalidOperationException(
                    "Database:Provider is 'Postgres' but ConnectionStrings:Postgres is not set (environment: YUNWEI_ConnectionStrings__Postgres)."),
            _ => configuration.GetConnectionString("Sqlite") ?? DefaultSqlite,
        };
        var memoryText = configuration["Database:SqliteMemoryMiB"];
        var memory = DefaultSqliteMemoryMiB;
        if (!string.IsNullOrWhiteSpace(memoryText)
            && (!int.TryParse(memoryText, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out memory) || memory > 65536))
        {
            throw new InvalidOperationException(
                $"Database:SqliteMemoryMiB '{memoryText}' is not a whole number of MiB from 0 (no limit) to 65536.");
        }

        return new DatabaseSettings(provider, connection) { SqliteMemoryMiB = memory };
    }

    /// <summary>
    /// The memory all SQLite connections of the process may keep for their page caches together (soft
    /// limit: above it SQLite frees cached pages instead of growing; the OS file cache still serves them).
    /// 0 lifts the limit. See ADR-018.
    /// </summary>
    public int SqliteMemoryMiB { get; init; } = DefaultSqliteMemoryMiB;

    public const int DefaultSqliteMemoryMiB = 8;

    /// <summary>Sets the process-wide SQLite soft heap limit from <see cref="SqliteMemoryMiB"/> (no-op for PostgreSQL).</summary>
    public void LimitSqliteMemory()
    {
        if (Provider != DatabaseProviderKind.Sqlite)
        {
            return;
        }

        SQLitePCL.Batteries_V2.Init();
        SQLitePCL.raw.sqlite3_soft_heap_limit64(SqliteMemoryMiB * 1024L * 1024L);
    }

    /// <summary>A description safe for logs: provider and target, never the password.</summary>
    public string Describe()
    {
        if (Provider == DatabaseProviderKind.Sqlite)
        {
            return $"SQLite file '{new SqliteConnectionStringBuilder(ConnectionString).DataSource}'";
        }

        return DescribePostgres(ConnectionString);
    }

    // The PostgreSQL branches live in methods of their own, never inlined: compiling a method loads the
    // assemblies it names, and a SQLite installation need not map Npgsql (~1.4 MiB).
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static string DescribePostgres(string connectionString)
    {
        var pg = new Npgsql.NpgsqlConnectionStringBuilder(connectionString);
        return $"PostgreSQL database '{pg.Database}' on {pg.Host}:{pg.Port} as user '{pg.Username}'";
    }

    /// <summary>The SQLite file's write gate (ADR-020); null on PostgreSQL.</summary>
    public SqliteWriteGate? WriteGate =>
        Provider == DatabaseProviderKind.Sqlite ? SqliteWriteGate.For(new SqliteConnectionStringBuilder(ConnectionString).DataSource) : null;

    public void Configure(DbContextOptionsBuilder options)
    {
        switch (Provider)
        {
            case DatabaseProviderKind.Postgres:
                ConfigurePostgres(options, ConnectionString);
                break;
            default:
                EnsureSqliteFolder(ConnectionString);
                options.UseSqlite(ConnectionString, o => o.MigrationsAssembly(SqliteMigrationsAssembly))
                    .AddInterceptors(WriteGate!);
                break;
        }
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void ConfigurePostgres(DbContextOptionsBuilder options, string connectionString) =>
        options.UseNpgsql(connectionString, o => o.MigrationsAssembly(PostgresMigrationsAssembly));

    /// <summary>SQLite cannot create the folder of its file; do it before the first open.</summary>
    private static void EnsureSqliteFolder(string connectionString)
    {
        var source = new SqliteConnectionStringBuilder(connectionString).DataSource;
        if (string.IsNullOrEmpty(source) || source == ":memory:" || source.StartsWith("file:", StringComparison.Ordinal))
        {
            return;
        }

        var folder = Path.GetDirectoryName(Path.GetFullPath(source));
        if (!string.IsNullOrEmpty(folder))
        {
            Directory.CreateDirectory(folder);
        }
    }
}
