using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Yunwei.Data;

/// <summary>
/// The last number handed out for a stem such as <c>DEMO-20261127-</c> (faults) or <c>XJ-20261127-</c>:
/// incremented in one statement, so concurrent writers (threads or instances) never draw the same number.
/// </summary>
public sealed class NumberCounter
{
    public required string Key { get; set; }

    public int Last { get; set; }

    /// <summary>
    /// The next number of <paramref name="stem"/>. A stem without a counter yet (records written before
    /// counters, generated data) starts after the highest of its <paramref name="numbers"/> in use. On
    /// PostgreSQL the number is drawn in a statement of its own, committed at once even when the caller has
    /// a transaction open: the counter row is locked for that statement, not for the caller's whole write
    /// (a record that then fails to save leaves a gap, never a duplicate). On SQLite it is drawn in the
    /// caller's transaction, if any: writers there take turns anyway.
    /// </summary>
    public static async Task<int> NextAsync(YunweiDbContext db, string stem, IQueryable<string> numbers, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(numbers);
        System.Data.Common.DbConnection? own = null;
        try
        {
            if (!db.Database.IsSqlite() && db.Database.CurrentTransaction is not null)
            {
                own = PostgresConnection(db.Database.GetConnectionString());
                await own.OpenAsync(cancellationToken);
            }

            if (await DrawAsync(db, own, stem, first: null, cancellationToken) is { } next)
            {
                return next;
            }

            // One day's numbers of one stem: few, read once per stem and day.
            var used = await numbers.Where(n => n.StartsWith(stem)).Select(n => n.Substring(stem.Length)).ToListAsync(cancellationToken);
            var first = used.Select(n => int.TryParse(n, System.Globalization.CultureInfo.InvariantCulture, out var i) ? i : 0).DefaultIfEmpty(0).Max() + 1;
            return await DrawAsync(db, own, stem, first, cancellationToken)
                ?? throw new InvalidOperationException($"The counter of {stem} returned no number.");
        }
        finally
        {
            if (own is not null)
            {
                await own.DisposeAsync();
            }
        }
    }

    // Not SQLite (as GroupCommit asks) rather than EF's IsNpgsql(), and the connection made in a method of
    // its own: on SQLite this class then never loads Npgsql's assemblies (see DatabaseSettings.DescribePostgres).
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]
    [System.Diagnostics.CodeAnalysis.SuppressMessage("Performance", "CA1859", Justification = "An Npgsql type in the signature would load Npgsql wherever this is called.")]
    private static System.Data.Common.DbConnection PostgresConnection(string? connectionString) => new Npgsql.NpgsqlConnection(connectionString);

    // Without first: the counter, incremented, if it exists. With first: the counter started at first, or
    // incremented if another writer started it meanwhile. On the caller's context (and its transaction, and
    // SQLite's write gate), or on a connection of its own.
    private static async Task<int?> DrawAsync(YunweiDbContext db, System.Data.Common.DbConnection? own, string stem, int? first, CancellationToken cancellationToken)
    {
        var sql = first is null
            ? (FormattableString)$"UPDATE \"NumberCounters\" SET \"Last\" = \"Last\" + 1 WHERE \"Key\" = {stem} RETURNING \"Last\" AS \"Value\""
            : (FormattableString)$"INSERT INTO \"NumberCounters\" (\"Key\", \"Last\") VALUES ({stem}, {first}) ON CONFLICT (\"Key\") DO UPDATE SET \"Last\" = \"NumberCounters\".\"Last\" + 1 RETURNING \"Last\" AS \"Value\"";
        if (own is null)
        {
            var rows = await db.Database.SqlQuery<int>(sql).ToListAsync(cancellationToken);
            return rows.Count == 1 ? rows[0] : null;
        }

        await using var command = own.CreateCommand();
        var arguments = sql.GetArguments();
        command.CommandText = string.Format(System.Globalization.CultureInfo.InvariantCulture, sql.Format, [.. arguments.Select((_, i) => (object)$"@p{i}")]);
        for (var i = 0; i < arguments.Length; i++)
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = $"p{i}";
            parameter.Value = arguments[i];
            command.Parameters.Add(parameter);
        }

        return await command.ExecuteScalarAsync(cancellationToken) is int value ? value : null;
    }
}

public sealed class NumberCounterConfiguration : IEntityTypeConfiguration<NumberCounter>
{
    public void Configure(EntityTypeBuilder<NumberCounter> builder)
    {
        builder.ToTable("NumberCounters");
        builder.HasKey(c => c.Key);
        builder.Property(c => c.Key).HasMaxLength(80);
    }
}
