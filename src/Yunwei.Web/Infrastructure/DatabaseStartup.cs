using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.EntityFrameworkCore.Storage;
using Yunwei.Data;
using Yunwei.Data.Seeding;

namespace Yunwei.Web.Infrastructure;

/// <summary>Applies migrations and seeds the first run before the host accepts requests.</summary>
public static class DatabaseStartup
{
    /// <summary>Thrown when the database cannot be reached or migrated; Program logs it and exits non-zero.</summary>
    public sealed class DatabaseUnavailableException(string message, Exception inner) : Exception(message, inner);

    public static async Task InitializeAsync(WebApplication app)
    {
        var settings = app.Services.GetRequiredService<DatabaseSettings>();
        var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("Yunwei.Database");
        await using var scope = app.Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<CurrentUser>().ActAsSystem();
        var db = scope.ServiceProvider.GetRequiredService<YunweiDbContext>();
        try
        {
            // Migrate only when a migration is pending: MigrateAsync also diffs the whole model against the
            // snapshot to warn about unmigrated changes (~0.3 s of every start-up); MigrationTests checks that.
            var known = db.Database.GetMigrations().ToList();
            // The database (PostgreSQL: when the server has none of that name) and its (empty) migrations
            // history table are made first: asked for applied migrations without one, EF logs failed
            // commands on a healthy first start (three on PostgreSQL). CREATE TABLE IF NOT EXISTS.
            var creator = db.GetService<IRelationalDatabaseCreator>();
            if (!await creator.ExistsAsync())
            {
                await creator.CreateAsync();
            }

            await db.GetService<IHistoryRepository>().CreateIfNotExistsAsync();
            var applied = await db.Database.GetAppliedMigrationsAsync();
            if (applied.FirstOrDefault(id => !known.Contains(id)) is { } unknown)
            {
                // The migrations were squashed into one baseline before any installation existed (ADR-021):
                // a database made by an earlier development build cannot be upgraded, only recreated.
                throw new DatabaseUnavailableException(
                    $"{settings.Describe()} was created by a development build before the baseline migration (it has '{unknown}'); " +
                    "it cannot be upgraded: delete it (or point the app at a new database) and start again.", new InvalidOperationException(unknown));
            }

            if (known.Except(applied).Any())
            {
                await db.Database.MigrateAsync();
            }
            if (settings.Provider == DatabaseProviderKind.Sqlite)
            {
                // Write-ahead log: readers never wait for the writer, and the online backup copies a
                // consistent state while the app runs. synchronous stays FULL (every commit on disk).
                await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;");
            }
        }
        catch (Exception ex) when (ex is not OperationCanceledException and not DatabaseUnavailableException)
        {
            var hint = settings.Provider == DatabaseProviderKind.Postgres
                ? "check that the server is running, the host/port/database/user in ConnectionStrings:Postgres (YUNWEI_ConnectionStrings__Postgres), and the password"
                : "check that the folder is writable and the file is a Yunwei SQLite database";
            throw new DatabaseUnavailableException(
                $"Cannot open {settings.Describe()} ({ex.GetBaseException().Message}); {hint}.", ex);
        }

        var seed = new SeedOptions
        {
            Demo = !app.Configuration.GetValue<bool>("Seed:NoDemo"),
            DemoPassword = app.Configuration["Seed:DemoPassword"],
            AdminPassword = app.Configuration["Seed:AdminPassword"],
        };
        var logins = await scope.ServiceProvider.GetRequiredService<Seeder>().SeedAsync(seed);
        if (logins.Count > 0)
        {
            PrintLogins(logins, seed.Demo);
        }

        logger.LogInformation("Database ready: {Database}", settings.Describe());
    }

    /// <summary>Printed once, to the console only (never to the log files), on the first run.</summary>
    private static void PrintLogins(IReadOnlyList<SeededLogin> logins, bool demo)
    {
        var lines = new List<string>
        {
            string.Empty,
            demo ? "=== Yunwei first run: demo unit 示例人民法院 and one user per role ===" : "=== Yunwei first run: administrator ===",
        };
        lines.AddRange(logins.Select(l => $"  {l.UserName,-14} {(l.PasswordGenerated ? l.Password : "(configured password)"),-22} {l.Role}"));
        lines.Add("  These passwords are shown only now. Change them after signing in.");
        lines.Add(string.Empty);
        Console.Out.WriteLine(string.Join(Environment.NewLine, lines));
    }
}
