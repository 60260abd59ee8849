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
    /// The next number of <paramref name="stem"/>, committed at once unless the caller has a transaction open
    /// (a record that then fails to save leaves a gap, never a duplicate). A stem without a counter yet (records
    /// written before counters, generated data) starts after the highest of its <paramref name="numbers"/> in use.
    /// </summary>
    public static async Task<int> NextAsync(YunweiDbContext db, string stem, IQueryable<string> numbers, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(numbers);
        var next = await db.Database
            .SqlQuery<int>($"UPDATE \"NumberCounters\" SET \"Last\" = \"Last\" + 1 WHERE \"Key\" = {stem} RETURNING \"Last\" AS \"Value\"")
            .ToListAsync(cancellationToken);
        if (next.Count == 1)
        {
            return next[0];
        }

        // One day's numbers of one stem: few, read once per stem and day.
        var used = await numbers.Where(n => n.StartsWith(stem)).Select(n => n.Substring(stem.Length)).ToListAsync(cancellationToken);
        var first = used.Select(n => int.TryParse(n, System.Globalization.CultureInfo.InvariantCulture, out var i) ? i : 0).DefaultIfEmpty(0).Max() + 1;
        next = await db.Database
            .SqlQuery<int>($"INSERT INTO \"NumberCounters\" (\"Key\", \"Last\") VALUES ({stem}, {first}) ON CONFLICT (\"Key\") DO UPDATE SET \"Last\" = \"NumberCounters\".\"Last\" + 1 RETURNING \"Last\" AS \"Value\"")
            .ToListAsync(cancellationToken);
        return next[0];
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
