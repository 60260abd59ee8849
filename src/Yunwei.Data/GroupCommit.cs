using System.Collections.Concurrent;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;

namespace Yunwei.Data;

/// <summary>
/// Runs a write on a context of its own, in a transaction: it is kept whole or not at all. On PostgreSQL
/// that is all (concurrent writes commit side by side). On SQLite the writes that arrive
/// while one is being written wait for it and are then written together, in one transaction with a
/// savepoint each, on one connection that stays open: one commit (one fsync of the log) for the group
/// instead of one each, and a page cache that stays warm because no other connection writes between
/// two groups. A write that fails is rolled back to its savepoint and fails alone; the others commit.
/// Every write of a group is acknowledged only after the group's commit. ADR-015.
/// </summary>
public static class GroupCommit
{
    private static readonly ConcurrentDictionary<string, SqliteGroup> Groups = new(StringComparer.Ordinal);

    static GroupCommit()
    {
        // A graceful stop closes the connections, so the last one writes the log back into the file.
        AppDomain.CurrentDomain.ProcessExit += (_, _) =>
        {
            foreach (var group in Groups.Values)
            {
                group.Close();
            }
        };
    }

    /// <summary>How many groups and writes the SQLite file at <paramref name="dataSource"/> has committed in this process.</summary>
    public static (long Groups, long Writes) Committed(string dataSource) =>
        Groups.TryGetValue(Path.GetFullPath(dataSource), out var group) ? group.Committed : (0, 0);

    /// <param name="write">
    /// The write: the context given is its alone, valid until the write returns; it may read (inside the
    /// group's transaction) and SaveChanges as often as it needs. It must not keep the context.
    /// </param>
    public static async Task<T> RunAsync<T>(IDbContextFactory<YunweiDbContext> factory, Func<YunweiDbContext, CancellationToken, Task<T>> write, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(factory);
        ArgumentNullException.ThrowIfNull(write);
        var db = await factory.CreateDbContextAsync(cancellationToken);
        if (!db.Database.IsSqlite())
        {
            await using (db)
            {
                await using var transaction = await db.BeginWriteAsync(cancellationToken);
                var result = await write(db, cancellationToken);
                await transaction.CommitAsync(cancellationToken);
                return result;
            }
        }

        // The write is given a context bound to the group's connection, serving the request's tenant and clock
        // (a connection must not be set on the request's pooled context: it would keep it for its next lease).
        string connectionString;
        DbContextOptions<YunweiDbContext> appOptions;
        Write<T> item;
        await using (db)
        {
            (connectionString, appOptions) = (db.Database.GetConnectionString()!, db.Options);
            item = new Write<T>(db.Tenant, db.Time, write, cancellationToken);
        }

        var group = Groups.GetOrAdd(Path.GetFullPath(new SqliteConnectionStringBuilder(connectionString).DataSource), _ => new SqliteGroup(connectionString, appOptions));
        group.Enqueue(item);
        return await item.Completion.Task;
    }

    private abstract class PendingWrite(ITenantContext tenant, TimeProvider time, CancellationToken cancellationToken)
    {
        public ITenantContext Tenant { get; } = tenant;

        public TimeProvider Time { get; } = time;

        public CancellationToken CancellationToken { get; } = cancellationToken;

        public Exception? Error { get; set; }

        public abstract Task RunAsync(YunweiDbContext db);

        public abstract void Complete(Exception? groupError);
    }

    private sealed class Write<T>(ITenantContext tenant, TimeProvider time, Func<YunweiDbContext, CancellationToken, Task<T>> write, CancellationToken cancellationToken)
        : PendingWrite(tenant, time, cancellationToken)
    {
        private T? _result;

        public TaskCompletionSource<T> Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public override async Task RunAsync(YunweiDbContext db) => _result = await write(db, CancellationToken);

        public override void Complete(Exception? groupError)
        {
            var error = Error ?? groupError;
            if (error is OperationCanceledException && CancellationToken.IsCancellationRequested)
            {
                Completion.TrySetCanceled(CancellationToken);
            }
            else if (error is not null)
            {
                Completion.TrySetException(error);
            }
            else
            {
                Completion.TrySetResult(_result!);
            }
        }
    }

    /// <summary>The writes waiting for one SQLite file, and the connection they are written on.</summary>
    /// <param name="appOptions">The app's context options, for its services (logging) on the write contexts.</param>
    [System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1001", Justification = "One group per database file for the life of the process; its connection and timer close when idle or at exit.")]
    private sealed class SqliteGroup(string connectionString, DbContextOptions<YunweiDbContext> appOptions)
    {
        // Enough to carry a burst, few enough that the first of a group does not wait long for the last.
        private const int MaxGroup = 64;

        // A connection no write has used for this long is closed (a quiet installation, a test's database).
        private static readonly TimeSpan Idle = TimeSpan.FromSeconds(10);

        private readonly ConcurrentQueue<PendingWrite> _queue = new();
        private readonly SqliteWriteGate _gate = SqliteWriteGate.For(new SqliteConnectionStringBuilder(connectionString).DataSource);
        private readonly Lock _lock = new();
        private SqliteConnection? _connection;
        private PooledDbContextFactory<YunweiDbContext>? _contexts;
        private Timer? _idleCheck;
        private long _lastUsed;
        private int _leading;
        private long _groups;
        private long _writes;

        public (long Groups, long Writes) Committed => (Interlocked.Read(ref _groups), Interlocked.Read(ref _writes));

        public void Enqueue(PendingWrite write)
        {
            _queue.Enqueue(write);
            if (Interlocked.CompareExchange(ref _leading, 1, 0) == 0)
            {
                _ = Task.Run(LeadAsync);
            }
        }

        public void Close() => Close(onlyIfIdle: false);

        private void Close(bool onlyIfIdle)
        {
            lock (_lock)
            {
                // A leader uses the connection outside the lock: never close it under one for idleness.
                if (onlyIfIdle && (Volatile.Read(ref _leading) != 0 || Environment.TickCount64 - Interlocked.Read(ref _lastUsed) < Idle.TotalMilliseconds))
                {
                    return;
                }

                _idleCheck?.Dispose();
                _idleCheck = null;
                _connection?.Dispose();
                _connection = null;
                _contexts = null;
            }
        }

        // One leader at a time writes group after group until nothing waits.
        private async Task LeadAsync()
        {
            while (true)
            {
                var batch = new List<PendingWrite>();
                while (batch.Count < MaxGroup && _queue.TryDequeue(out var next))
                {
                    batch.Add(next);
                }

                if (batch.Count == 0)
                {
                    Volatile.Write(ref _leading, 0);
                    if (_queue.IsEmpty || Interlocked.CompareExchange(ref _leading, 1, 0) != 0)
                    {
                        return;
                    }

                    continue;
                }

                Exception? groupError = null;
                try
                {
                    await WriteAsync(batch);
                }
                catch (Exception e)
                {
                    // The group's transaction could not begin or commit: none of its writes is on disk.
                    groupError = e;
                    Close();
                }

                foreach (var write in batch)
                {
                    write.Complete(groupError);
                }
            }
        }

        private async Task WriteAsync(List<PendingWrite> batch)
        {
            var (connection, contexts) = Open();
            using var hold = await _gate.EnterAsync(connection, $"group commit of {batch.Count} writes (the first by {batch[0].Tenant.UserName ?? "nobody"})", batch[0].Time, CancellationToken.None);
            await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync();
            var written = 0;
            foreach (var write in batch)
            {
                if (write.CancellationToken.IsCancellationRequested)
                {
                    write.Error = new OperationCanceledException(write.CancellationToken);
                    continue;
                }

                transaction.Save("write");
                var db = contexts.CreateDbContext().Serve(write.Tenant, write.Time);
                try
                {
                    await db.Database.UseTransactionAsync(transaction);
                    await write.RunAsync(db);
                    transaction.Release("write");
                    written++;
                }
                catch (Exception e)
                {
                    write.Error = e;
                    transaction.Rollback("write");
                    transaction.Release("write");
                }
                finally
                {
                    await DisposeAsync(db);
                }
            }

            await transaction.CommitAsync();
            Interlocked.Increment(ref _groups);
            Interlocked.Add(ref _writes, written);
        }

        /// <summary>A context back from a write: its write is decided whatever its disposal does.</summary>
        private static async Task DisposeAsync(YunweiDbContext db)
        {
            try
            {
                await db.DisposeAsync();
            }
            catch (Exception e) when (e is ObjectDisposedException or InvalidOperationException)
            {
                // A context that fails to dispose changes nothing of its write.
            }
        }

        /// <summary>The group's connection, and a pool of contexts bound to it (the connection is part of their options).</summary>
        private (SqliteConnection Connection, PooledDbContextFactory<YunweiDbContext> Contexts) Open()
        {
            lock (_lock)
            {
                if (_connection is null || _contexts is null)
                {
                    // Its own connection, outside the pool: closing it at the end really closes it.
                    var connection = new SqliteConnection(new SqliteConnectionStringBuilder(connectionString) { Pooling = false }.ToString());

                    var options = new DbContextOptionsBuilder<YunweiDbContext>().UseSqlite(connection);
                    if (appOptions.FindExtension<CoreOptionsExtension>()?.ApplicationServiceProvider is { } services)
                    {
                        options.UseApplicationServiceProvider(services);
                    }

                    // EF registers its SQL functions (regexp, decimal arithmetic) on a connection a context is built with.
                    var contexts = new PooledDbContextFactory<YunweiDbContext>(options.Options);
                    using (var initialize = contexts.CreateDbContext())
                    {
                        initialize.Database.GetDbConnection();
                    }

                    connection.Open();

                    // Each write is a savepoint, and SQLite keeps the pages a savepoint changes in a statement journal
                    // for its rollback. On disk, that journal spills to a temporary file past 64 KiB (16 pages), which a
                    // fault report crosses: two more write calls for every page it changes. In memory, it is emptied when
                    // the write is released, so it holds one write's pages at most. Only the group's connection does this:
                    // it runs writes and their small reads, while the app's reports and exports (and their sorts) keep
                    // temporary data on disk.
                    using (var pragma = connection.CreateCommand())
                    {
                        pragma.CommandText = "PRAGMA temp_store=MEMORY;";
                        pragma.ExecuteNonQuery();
                    }

                    (_connection, _contexts) = (connection, contexts);
                    _idleCheck = new Timer(_ => Close(onlyIfIdle: true), null, Idle, Idle);
                }

                Interlocked.Exchange(ref _lastUsed, Environment.TickCount64);

                return (_connection, _contexts);
            }
        }
    }
}
