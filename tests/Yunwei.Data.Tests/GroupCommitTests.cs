using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Yunwei.Domain.Assets;
using Yunwei.Domain.Audit;
using Yunwei.Domain.Units;

namespace Yunwei.Data.Tests;

public abstract class GroupCommitTests<TFixture>(TFixture fixture) : DataTest<TFixture>(fixture)
    where TFixture : DatabaseFixture
{
    [SkippableFact]
    public async Task Concurrent_writes_are_all_kept_with_their_audit_entries_and_a_failing_one_is_undone_alone()
    {
        RequireDatabase();
        var unit = await TestData.NewUnitAsync(Fixture, "并发写入法院");
        var factory = new TenantContextFactory(Fixture, TestTenant.Of("engineer", unit.Id));
        var gate = Fixture.Settings.Provider == DatabaseProviderKind.Sqlite
            ? SqliteWriteGate.For(new SqliteConnectionStringBuilder(Fixture.Settings.ConnectionString).DataSource)
            : null;
        var before = Committed();

        // On SQLite another writer holds the database while the writes arrive: they queue and are written together.
        await using var other = gate is null ? null : new SqliteConnection(Fixture.Settings.ConnectionString);
        var hold = gate is null ? null : await gate.EnterAsync(other!, "another writer", TimeProvider.System, CancellationToken.None);

        const int Writes = 40;
        var writes = Enumerable.Range(0, Writes).Select(i => GroupCommit.RunAsync(factory, async (db, ct) =>
        {
            var room = new Location { ClientUnitId = unit.Id, Name = $"机房{i:00}", Kind = LocationKind.ServerRoom };
            db.Locations.Add(room);
            await db.SaveChangesAsync(ct);
            if (i == 13)
            {
                throw new InvalidOperationException("written, then failed");
            }

            return room.Id;
        })).ToList();
        await factory.AllCreatedAsync(Writes);
        hold?.Dispose();

        var failed = await Should.ThrowAsync<InvalidOperationException>(writes[13]);
        failed.Message.ShouldBe("written, then failed");
        var kept = new List<Guid>();
        foreach (var write in writes.Where((_, i) => i != 13))
        {
            kept.Add(await write);
        }

        await using var read = Fixture.CreateContext();
        var names = await read.Locations.Where(l => l.ClientUnitId == unit.Id).Select(l => l.Name).ToListAsync();
        names.Count.ShouldBe(Writes - 1);
        names.ShouldNotContain("机房13");
        var audited = await read.AuditEntries.Where(a => a.Entity == "Location" && a.ClientUnitId == unit.Id && a.Action == AuditAction.Insert)
            .Select(a => a.EntityKey).ToListAsync();
        audited.Order().ShouldBe(kept.Select(id => id.ToString()).Order());

        if (gate is not null)
        {
            var after = Committed();
            (after.Writes - before.Writes).ShouldBe(Writes - 1);
            (after.Groups - before.Groups).ShouldBeLessThanOrEqualTo(3, "the queued writes share a commit");
        }
    }

    [SkippableFact]
    public async Task A_write_cancelled_before_its_turn_writes_nothing_and_reports_the_cancellation()
    {
        RequireDatabase();
        var unit = await TestData.NewUnitAsync(Fixture, "取消写入法院");
        var factory = new TenantContextFactory(Fixture, TestTenant.System);
        using var cancel = new CancellationTokenSource();
        await cancel.CancelAsync();

        var write = GroupCommit.RunAsync(factory, async (db, ct) =>
        {
            db.Locations.Add(new Location { ClientUnitId = unit.Id, Name = "不该出现", Kind = LocationKind.Room });
            await db.SaveChangesAsync(ct);
            return 1;
        }, cancel.Token);

        await Should.ThrowAsync<OperationCanceledException>(write);
        await using var read = Fixture.CreateContext();
        (await read.Locations.CountAsync(l => l.ClientUnitId == unit.Id)).ShouldBe(0);
    }

    [SkippableFact]
    public async Task A_write_reads_inside_its_transaction_and_has_the_providers_functions()
    {
        RequireDatabase();
        var unit = await TestData.NewUnitAsync(Fixture, "读后写法院");
        var factory = new TenantContextFactory(Fixture, TestTenant.System);

        var (seen, matches) = await GroupCommit.RunAsync(factory, async (db, ct) =>
        {
            db.Locations.Add(new Location { ClientUnitId = unit.Id, Name = "弱电间A", Kind = LocationKind.WiringCloset });
            await db.SaveChangesAsync(ct);
            var count = await db.Locations.CountAsync(l => l.ClientUnitId == unit.Id, ct);

            // EF registers regexp on SQLite connections it opens; the group's connection must have it too.
            var regex = db.Database.IsSqlite()
                ? (await db.Database.SqlQuery<int>($"SELECT COUNT(*) AS \"Value\" FROM \"Locations\" WHERE \"Name\" REGEXP {"^弱电间[A-Z]$"}").ToListAsync(ct))[0]
                : 1;
            return (count, regex);
        });

        seen.ShouldBe(1);
        matches.ShouldBeGreaterThanOrEqualTo(1);
    }

    private (long Groups, long Writes) Committed() =>
        Fixture.Settings.Provider == DatabaseProviderKind.Sqlite
            ? GroupCommit.Committed(new SqliteConnectionStringBuilder(Fixture.Settings.ConnectionString).DataSource)
            : (0, 0);
}

/// <summary>Contexts as the web host's factory makes them: one tenant, counted as they are made.</summary>
internal sealed class TenantContextFactory(DatabaseFixture fixture, ITenantContext tenant) : IDbContextFactory<YunweiDbContext>
{
    private int _created;

    public YunweiDbContext CreateDbContext()
    {
        Interlocked.Increment(ref _created);
        return fixture.CreateContext(tenant);
    }

    public async Task AllCreatedAsync(int count)
    {
        while (Volatile.Read(ref _created) < count)
        {
            await Task.Yield();
        }
    }
}

public sealed class GroupCommitTests_Sqlite(SqliteFixture fixture) : GroupCommitTests<SqliteFixture>(fixture);

public sealed class GroupCommitTests_Postgres(PostgresFixture fixture) : GroupCommitTests<PostgresFixture>(fixture);
