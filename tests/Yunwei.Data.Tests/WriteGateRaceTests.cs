using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Yunwei.Domain.Units;

namespace Yunwei.Data.Tests;

/// <summary>
/// The SQLite write gate (ADR-020) is given back on every path a write can take — success, a stale
/// revision, a failing statement, cancellation, a transaction disposed without commit — with the
/// app's pooled contexts and pooled connections, an explicitly opened connection included. Before the
/// fix a stale save on an open connection kept the gate until the pooled context's next use, and every
/// other write waited 30 s and failed.
/// </summary>
public sealed class WriteGateRaceTests : IAsyncLifetime
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "yunwei-tests", Guid.NewGuid().ToString("N"));
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 12, 7, 2, 0, 0, TimeSpan.Zero));
    private DatabaseSettings _settings = default!;
    private ServiceProvider _services = default!;
    private SqliteWriteGate _gate = default!;
    private Guid _unit;

    public async Task InitializeAsync()
    {
        // The app's connection string: pooled connections, as in production.
        _settings = new DatabaseSettings(DatabaseProviderKind.Sqlite, $"Data Source={Path.Combine(_folder, "gate.db")}");
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton<TimeProvider>(_clock);
        services.AddSingleton<ITenantContext>(new TestTenant(Guid.NewGuid(), "gate.tester", true, []));
        services.AddYunweiDbContext((_, options) => _settings.Configure(options));
        _services = services.BuildServiceProvider();
        _gate = _settings.WriteGate!;
        await using var db = await LeaseAsync();
        await db.Database.MigrateAsync();
        var unit = new ClientUnit { Code = "GATE", Name = "门闩法院", CreatedAt = DateTime.UnixEpoch };
        db.ClientUnits.Add(unit);
        await db.SaveChangesAsync();
        _unit = unit.Id;
    }

    public async Task DisposeAsync()
    {
        await _services.DisposeAsync();
        SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }

    private async Task<YunweiDbContext> LeaseAsync() =>
        await _services.GetRequiredService<IDbContextFactory<YunweiDbContext>>().CreateDbContextAsync();

    /// <summary>A rename of the unit made on <paramref name="seen"/>; false when another landed first.</summary>
    private async Task<bool> RenameAsync(int seen, bool openFirst)
    {
        await using var db = await LeaseAsync();
        if (openFirst)
        {
            // As the fault report and the fault detail do: one open for many statements.
            await db.Database.OpenConnectionAsync();
        }

        var unit = await db.ClientUnits.SingleAsync(u => u.Id == _unit);
        db.Entry(unit).Property(u => u.Revision).OriginalValue = seen;
        unit.Revision = seen + 1;
        unit.Name = $"门闩法院 {seen}";
        try
        {
            await db.SaveChangesAsync();
            return true;
        }
        catch (DbUpdateConcurrencyException)
        {
            return false;
        }
    }

    /// <summary>An unrelated write that must start at once: the gate is free.</summary>
    private async Task UnrelatedWriteAsync()
    {
        _gate.Current.ShouldBeNull($"held by {_gate.Current?.Holder}");
        await using var db = await LeaseAsync();
        db.Locations.Add(new Domain.Assets.Location { ClientUnitId = _unit, Name = "弱电间 " + Guid.NewGuid().ToString("N")[..4], Kind = Domain.Assets.LocationKind.WiringCloset });
        using var limit = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        await db.SaveChangesAsync(limit.Token);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_stale_save_gives_the_gate_back(bool openFirst)
    {
        var revision = await CurrentRevisionAsync();
        (await RenameAsync(revision, openFirst)).ShouldBeTrue();
        (await RenameAsync(revision, openFirst)).ShouldBeFalse("the second edit of one revision loses");
        await UnrelatedWriteAsync();

        // Many rounds of racing writers on pooled contexts: one wins each, and the gate is free after each.
        foreach (var writers in new[] { 2, 4, 8 })
        {
            for (var round = 0; round < 5; round++)
            {
                var seen = await CurrentRevisionAsync();
                var results = await Task.WhenAll(Enumerable.Range(0, writers).Select(_ => Task.Run(() => RenameAsync(seen, openFirst))));
                results.Count(won => won).ShouldBe(1);
                await UnrelatedWriteAsync();
            }
        }
    }

    [Fact]
    public async Task A_failing_save_and_a_failing_statement_give_the_gate_back()
    {
        await using (var db = await LeaseAsync())
        {
            await db.Database.OpenConnectionAsync();
            db.ClientUnits.Add(new ClientUnit { Code = "GATE", Name = "重复代码", CreatedAt = DateTime.UnixEpoch });
            await Should.ThrowAsync<DbUpdateException>(() => db.SaveChangesAsync());
        }

        await UnrelatedWriteAsync();
        await using (var db = await LeaseAsync())
        {
            await db.Database.OpenConnectionAsync();
            await Should.ThrowAsync<SqliteException>(() => db.ClientUnits.Where(u => u.Id == _unit).ExecuteUpdateAsync(s => s.SetProperty(u => u.Code, "GATE2").SetProperty(u => u.Name, u => null!)));
        }

        await UnrelatedWriteAsync();
    }

    [Fact]
    public async Task Cancelled_writes_give_the_gate_back_whether_waiting_or_writing()
    {
        // Waiting: another writer holds the gate, the request is abandoned.
        await using var other = new SqliteConnection(_settings.ConnectionString);
        var held = await _gate.EnterAsync(other, "another writer", _clock, CancellationToken.None);
        using (var abandon = new CancellationTokenSource())
        {
            await using var db = await LeaseAsync();
            db.Locations.Add(new Domain.Assets.Location { ClientUnitId = _unit, Name = "放弃", Kind = Domain.Assets.LocationKind.Room });
            var save = db.SaveChangesAsync(abandon.Token);
            await abandon.CancelAsync();
            await Should.ThrowAsync<OperationCanceledException>(save);
            var update = db.ClientUnits.Where(u => u.Id == _unit).ExecuteUpdateAsync(s => s.SetProperty(u => u.Address, "x"), abandon.Token);
            await Should.ThrowAsync<OperationCanceledException>(update);
        }

        _gate.Current.ShouldBe(held, "the cancelled writers never held it");
        held!.Dispose();
        await UnrelatedWriteAsync();

        // Writing: a statement cancelled while it runs.
        await using (var db = await LeaseAsync())
        {
            using var cancelled = new CancellationTokenSource();
            await cancelled.CancelAsync();
            await Should.ThrowAsync<OperationCanceledException>(() => db.ClientUnits.Where(u => u.Id == _unit).ExecuteUpdateAsync(s => s.SetProperty(u => u.Address, "y"), cancelled.Token));
        }

        await UnrelatedWriteAsync();
    }

    [Fact]
    public async Task A_transaction_holds_the_gate_until_it_is_disposed_committed_or_not()
    {
        await using (var db = await LeaseAsync())
        {
            await db.Database.OpenConnectionAsync();
            await using (var transaction = await db.BeginWriteAsync())
            {
                _gate.Current.ShouldNotBeNull().Holder.ShouldContain("transaction by gate.tester");
                db.Locations.Add(new Domain.Assets.Location { ClientUnitId = _unit, Name = "未提交", Kind = Domain.Assets.LocationKind.Room });
                await db.SaveChangesAsync();
                await db.ClientUnits.Where(u => u.Id == _unit).ExecuteUpdateAsync(s => s.SetProperty(u => u.Address, "事务中"));
            }

            // Disposed without commit: rolled back, gate free, although the connection is still open.
            _gate.Current.ShouldBeNull();
        }

        await using (var read = await LeaseAsync())
        {
            (await read.Locations.AnyAsync(l => l.Name == "未提交")).ShouldBeFalse();
            (await read.ClientUnits.SingleAsync(u => u.Id == _unit)).Address.ShouldBeNull();
        }

        await UnrelatedWriteAsync();
    }

    [Fact]
    public async Task The_gate_knows_who_holds_it_and_since_when_and_a_writer_that_gives_up_names_them()
    {
        await using var db = await LeaseAsync();
        var connection = db.Database.GetDbConnection();
        WriteHold.Operation = "PUT /api/units/{id:guid}";
        using (var hold = await _gate.EnterAsync(connection, "save by gate.tester in " + WriteHold.Operation, _clock, CancellationToken.None))
        {
            var current = _gate.Current.ShouldNotBeNull();
            current.Holder.ShouldBe("save by gate.tester in PUT /api/units/{id:guid}");
            current.Since.ShouldBe(_clock.GetUtcNow());

            // The same connection passes (its statements are the holder's own); another waits.
            (await _gate.EnterAsync(connection, "nested", _clock, CancellationToken.None)).ShouldBeNull();
            _gate.Waiting.ShouldBe(0);
        }

        _gate.Current.ShouldBeNull();
    }

    private async Task<int> CurrentRevisionAsync()
    {
        await using var db = await LeaseAsync();
        return await db.ClientUnits.Where(u => u.Id == _unit).Select(u => u.Revision).SingleAsync();
    }
}
