using System.Collections.Concurrent;
using System.Data.Common;
using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Yunwei.Data;

/// <summary>
/// SQLite lets one writer in at a time; a second one is told "busy" and Microsoft.Data.Sqlite retries it
/// after sleeping, which under concurrent writes turns milliseconds into hundreds. This gate queues the
/// app's writers in the process instead (one per database file): a transaction or a SaveChanges takes
/// the gate before it writes and gives it back when it commits, rolls back, fails or its connection
/// closes. Reads never wait (WAL). Not used for PostgreSQL.
/// </summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1001", Justification = "One gate per database file for the life of the process.")]
public sealed class SqliteWriteGate : DbTransactionInterceptor, ISaveChangesInterceptor, IDbConnectionInterceptor
{
    private static readonly ConcurrentDictionary<string, SqliteWriteGate> Gates = new(StringComparer.Ordinal);

    private readonly SemaphoreSlim _semaphore = new(1, 1);
    private readonly ConditionalWeakTable<DbConnection, Holder> _holders = [];

    private SqliteWriteGate()
    {
    }

    /// <summary>How long a writer waits for the gate before it fails like a busy database would.</summary>
    public static TimeSpan Timeout { get; } = TimeSpan.FromSeconds(30);

    /// <summary>The gate of one database file.</summary>
    public static SqliteWriteGate For(string dataSource) => Gates.GetOrAdd(Path.GetFullPath(dataSource), _ => new SqliteWriteGate());

    public override async ValueTask<InterceptionResult<DbTransaction>> TransactionStartingAsync(
        DbConnection connection, TransactionStartingEventData eventData, InterceptionResult<DbTransaction> result, CancellationToken cancellationToken = default)
    {
        await EnterAsync(connection, cancellationToken);
        return result;
    }

    public override InterceptionResult<DbTransaction> TransactionStarting(DbConnection connection, TransactionStartingEventData eventData, InterceptionResult<DbTransaction> result)
    {
        Enter(connection);
        return result;
    }

    public override void TransactionCommitted(DbTransaction transaction, TransactionEndEventData eventData) => Leave(eventData.Context);

    public override Task TransactionCommittedAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        Leave(eventData.Context);
        return Task.CompletedTask;
    }

    public override void TransactionRolledBack(DbTransaction transaction, TransactionEndEventData eventData) => Leave(eventData.Context);

    public override Task TransactionRolledBackAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        Leave(eventData.Context);
        return Task.CompletedTask;
    }

    public override void TransactionFailed(DbTransaction transaction, TransactionErrorEventData eventData) => Leave(eventData.Context);

    public override Task TransactionFailedAsync(DbTransaction transaction, TransactionErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        Leave(eventData.Context);
        return Task.CompletedTask;
    }

    // SaveChanges without a transaction of the caller's: the gate from before its first statement.
    public async ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        if (eventData.Context is { } context)
        {
            await EnterAsync(context.Database.GetDbConnection(), cancellationToken);
        }

        return result;
    }

    public InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        if (eventData.Context is { } context)
        {
            Enter(context.Database.GetDbConnection());
        }

        return result;
    }

    public ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        LeaveUnlessInTransaction(eventData.Context);
        return ValueTask.FromResult(result);
    }

    public int SavedChanges(SaveChangesCompletedEventData eventData, int result)
    {
        LeaveUnlessInTransaction(eventData.Context);
        return result;
    }

    public void SaveChangesFailed(DbContextErrorEventData eventData) => LeaveUnlessInTransaction(eventData.Context);

    public Task SaveChangesFailedAsync(DbContextErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        LeaveUnlessInTransaction(eventData.Context);
        return Task.CompletedTask;
    }

    public void SaveChangesCanceled(DbContextEventData eventData) => LeaveUnlessInTransaction(eventData.Context);

    public Task SaveChangesCanceledAsync(DbContextEventData eventData, CancellationToken cancellationToken = default)
    {
        LeaveUnlessInTransaction(eventData.Context);
        return Task.CompletedTask;
    }

    // A connection closed with the gate still held (a transaction disposed without commit or rollback).
    public InterceptionResult ConnectionClosing(DbConnection connection, ConnectionEventData eventData, InterceptionResult result)
    {
        Leave(connection);
        return result;
    }

    public ValueTask<InterceptionResult> ConnectionClosingAsync(DbConnection connection, ConnectionEventData eventData, InterceptionResult result)
    {
        Leave(connection);
        return ValueTask.FromResult(result);
    }

    public InterceptionResult ConnectionDisposing(DbConnection connection, ConnectionEventData eventData, InterceptionResult result)
    {
        Leave(connection);
        return result;
    }

    public ValueTask<InterceptionResult> ConnectionDisposingAsync(DbConnection connection, ConnectionEventData eventData, InterceptionResult result)
    {
        Leave(connection);
        return ValueTask.FromResult(result);
    }

    private async Task EnterAsync(DbConnection connection, CancellationToken cancellationToken)
    {
        var holder = _holders.GetOrCreateValue(connection);
        if (holder.Held)
        {
            return;
        }

        if (!await _semaphore.WaitAsync(Timeout, cancellationToken))
        {
            throw new TimeoutException("The database is busy: no write could start within 30 seconds.");
        }

        holder.Held = true;
    }

    private void Enter(DbConnection connection)
    {
        var holder = _holders.GetOrCreateValue(connection);
        if (holder.Held)
        {
            return;
        }

        if (!_semaphore.Wait(Timeout))
        {
            throw new TimeoutException("The database is busy: no write could start within 30 seconds.");
        }

        holder.Held = true;
    }

    // The transaction's own Connection is null once it has completed: ask the context.
    private void Leave(DbContext? context)
    {
        if (context is not null)
        {
            Leave(context.Database.GetDbConnection());
        }
    }

    private void Leave(DbConnection? connection)
    {
        if (connection is not null && _holders.TryGetValue(connection, out var holder) && holder.Held)
        {
            holder.Held = false;
            _semaphore.Release();
        }
    }

    private void LeaveUnlessInTransaction(DbContext? context)
    {
        if (context is not null && context.Database.CurrentTransaction is null)
        {
            Leave(context.Database.GetDbConnection());
        }
    }

    private sealed class Holder
    {
        public bool Held { get; set; }
    }
}
