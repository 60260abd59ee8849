using Npgsql;

namespace Yunwei.Web.Tests.Infrastructure;

/// <summary>
/// A fresh PostgreSQL database for a test (created by the app's migrations on first start) on the server
/// named by YUNWEI_TEST_PG; the test is skipped without it, and fails instead with CI=true.
/// </summary>
internal static class TestPostgres
{
    public static string NewDatabase(string prefix)
    {
        var admin = Environment.GetEnvironmentVariable("YUNWEI_TEST_PG");
        var ci = string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);
        Skip.If(admin is null && !ci, "PostgreSQL tests skipped: set YUNWEI_TEST_PG (e.g. Host=127.0.0.1;Username=yunwei;Password=…;Database=postgres).");
        admin.ShouldNotBeNull("CI=true needs YUNWEI_TEST_PG");
        return new NpgsqlConnectionStringBuilder(admin) { Database = prefix + Guid.NewGuid().ToString("N")[..8] }.ToString();
    }

    /// <summary>Drops the test's database (its pooled connections first).</summary>
    public static async Task DropAsync(string connection)
    {
        var builder = new NpgsqlConnectionStringBuilder(connection);
        var database = builder.Database;
        builder.Database = "postgres";
        NpgsqlConnection.ClearAllPools();
        await using var admin = new NpgsqlConnection(builder.ToString());
        await admin.OpenAsync();
        await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{database}\" WITH (FORCE)", admin);
        await drop.ExecuteNonQueryAsync();
    }
}
