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
/// closes; a writing statement outside any transaction (a counter, a bulk update) holds it for that
/// statement. Reads never wait (WAL). Not used for PostgreSQL.
/// </summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1001", Justification = "One gate per database file for the life of the process.")]
public sealed class SqliteWriteGate : DbTransactionInterceptor, ISaveChangesInterceptor, IDbConnectionInterceptor, IDbCommandInterceptor
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

    /// <summary>Holds the gate for <paramref name="connection"/> until <see cref="Release"/>: for a writer that begins its transactions itself (<see cref="GroupCommit"/>).</summary>
    public Task HoldAsync(DbConnection connection, CancellationToken cancellationToken) => EnterAsync(connection, cancellationToken);

    public void Release(DbConnection connection) => Leave(connection);

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

    // A writing statement on its own (autocommit): the gate for the statement's length.
    public async ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
    {
        if (IsLoneWrite(command))
        {
            await EnterAsync(command.Connection!, cancellationToken, byStatement: true);
        }

        return result;
    }

    public InterceptionResult<DbDataReader> ReaderExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result)
    {
        if (IsLoneWrite(command))
        {
            Enter(command.Connection!, byStatement: true);
        }

        return result;
    }

    public async ValueTask<InterceptionResult<int>> NonQueryExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        if (IsLoneWrite(command))
        {
            await EnterAsync(command.Connection!, cancellationToken, byStatement: true);
        }

        return result;
    }

    public InterceptionResult<int> NonQueryExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<int> result)
    {
        if (IsLoneWrite(command))
        {
            Enter(command.Connection!, byStatement: true);
        }

        return result;
    }

    public ValueTask<int> NonQueryExecutedAsync(DbCommand command, CommandExecutedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        LeaveStatement(command.Connection);
        return ValueTask.FromResult(result);
    }

    public int NonQueryExecuted(DbCommand command, CommandExecutedEventData eventData, int result)
    {
        LeaveStatement(command.Connection);
        return result;
    }

    // A reader's statement has finished (and committed) once the reader is closed.
    public InterceptionResult DataReaderClosing(DbCommand command, DataReaderClosingEventData eventData, InterceptionResult result)
    {
        LeaveStatement(command.Connection);
        return result;
    }

    public ValueTask<InterceptionResult> DataReaderClosingAsync(DbCommand command, DataReaderClosingEventData eventData, InterceptionResult result)
    {
        LeaveStatement(command.Connection);
        return ValueTask.FromResult(result);
    }

    public InterceptionResult DataReaderDisposing(DbCommand command, DataReaderDisposingEventData eventData, InterceptionResult result)
    {
        LeaveStatement(command.Connection);
        return result;
    }

    public void CommandFailed(DbCommand command, CommandErrorEventData eventData) => LeaveStatement(command.Connection);

    public Task CommandFailedAsync(DbCommand command, CommandErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        LeaveStatement(command.Connection);
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

    /// <summary>A statement that writes, outside any transaction (EF's own batches run inside SaveChanges' hold).</summary>
    private bool IsLoneWrite(DbCommand command)
    {
        if (command.Transaction is not null || command.Connection is null
            || (_holders.TryGetValue(command.Connection, out var holder) && holder.Held))
        {
            return false;
        }

        var text = command.CommandText.AsSpan().TrimStart();
        return text.StartsWith("INSERT", StringComparison.OrdinalIgnoreCase) || text.StartsWith("UPDATE", StringComparison.OrdinalIgnoreCase)
            || text.StartsWith("DELETE", StringComparison.OrdinalIgnoreCase) || text.StartsWith("REPLACE", StringComparison.OrdinalIgnoreCase);
    }

    private async Task EnterAsync(DbConnection connection, CancellationToken cancellationToken, bool byStatement = false)
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
        holder.ByStatement = byStatement;
    }

    private void Enter(DbConnection connection, bool byStatement = false)
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
        holder.ByStatement = byStatement;
    }

    private void LeaveStatement(DbConnection? connection)
    {
        if (connection is not null && _holders.TryGetValue(connection, out var holder) && holder.ByStatement)
        {
            Leave(connection);
        }
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
            holder.ByStatement = false;
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

        /// <summary>Held for one autocommit statement, not a transaction or SaveChanges.</summary>
        public bool ByStatement { get; set; }
    }
}
