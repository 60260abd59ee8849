using System.Collections.Concurrent;
using System.Data.Common;
using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Yunwei.Data;

/// <summary>
/// SQLite lets one writer in at a time; a second one is told "busy" and Microsoft.Data.Sqlite retries it
/// after sleeping 150 ms, which under concurrent writes turns milliseconds into hundreds. This gate queues
/// the app's writers in the process instead (one per database file, first come first served, waiting
/// without a thread). Reads never wait (WAL). Not used for PostgreSQL. ADR-020.
/// <para>
/// Every hold is a <see cref="WriteHold"/> taken and disposed in one scope (try/finally), so it ends on
/// every path — success, conflict, exception, cancellation — and never outlives its writer:
/// <see cref="YunweiDbContext.SaveChangesAsync(bool, CancellationToken)"/> holds it around a save,
/// <see cref="YunweiDbContext.BeginWriteAsync"/> for a transaction's whole life, <see cref="GroupCommit"/>
/// for a group. The one hold an interceptor takes is for a writing statement on its own (an
/// <c>ExecuteUpdate</c>), released when the statement ends, fails or is cancelled.
/// </para>
/// <para>The gate knows who holds it and since when (<see cref="Current"/>); a watchdog reports a long hold.</para>
/// </summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1001", Justification = "One gate per database file for the life of the process.")]
public sealed class SqliteWriteGate : IDbCommandInterceptor
{
    private static readonly ConcurrentDictionary<string, SqliteWriteGate> Gates = new(StringComparer.Ordinal);

    private readonly SemaphoreSlim _semaphore = new(1, 1);

    // The connections that hold the gate now, so that their own statements do not wait for themselves.
    private readonly ConditionalWeakTable<DbConnection, WriteHold> _byConnection = [];
    private readonly ConditionalWeakTable<DbCommand, WriteHold?> _statementHolds = []; // a lone statement's hold, by command
    private WriteHold? _current;
    private int _waiting;

    private SqliteWriteGate(string dataSource)
    {
        DataSource = dataSource;
    }

    /// <summary>How long a writer waits for the gate before it fails like a busy database would.</summary>
    public static TimeSpan Timeout { get; } = TimeSpan.FromSeconds(30);

    /// <summary>The database file's full path.</summary>
    public string DataSource { get; }

    /// <summary>The gate of one database file.</summary>
    public static SqliteWriteGate For(string dataSource)
    {
        var path = Path.GetFullPath(dataSource);
        return Gates.GetOrAdd(path, p => new SqliteWriteGate(p));
    }

    /// <summary>Who holds the gate now, and since when; null when nobody does.</summary>
    public WriteHold? Current => Volatile.Read(ref _current);

    /// <summary>How many writers wait for the gate now.</summary>
    public int Waiting => Volatile.Read(ref _waiting);

    /// <summary>
    /// Takes the gate for <paramref name="connection"/> (its statements then pass without waiting) until the
    /// hold is disposed; null when that connection holds it already (the outer hold ends it).
    /// </summary>
    /// <param name="holder">Who writes, for the watchdog's log: the operation, the user.</param>
    public async Task<WriteHold?> EnterAsync(DbConnection connection, string holder, TimeProvider time, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(connection);
        if (_byConnection.TryGetValue(connection, out _))
        {
            return null;
        }

        Interlocked.Increment(ref _waiting);
        bool entered;
        try
        {
            entered = await _semaphore.WaitAsync(Timeout, cancellationToken);
        }
        finally
        {
            Interlocked.Decrement(ref _waiting);
        }

        return Entered(entered, connection, holder, time);
    }

    /// <inheritdoc cref="EnterAsync"/>
    public WriteHold? Enter(DbConnection connection, string holder, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(connection);
        if (_byConnection.TryGetValue(connection, out _))
        {
            return null;
        }

        Interlocked.Increment(ref _waiting);
        bool entered;
        try
        {
            entered = _semaphore.Wait(Timeout);
        }
        finally
        {
            Interlocked.Decrement(ref _waiting);
        }

        return Entered(entered, connection, holder, time);
    }

    private WriteHold Entered(bool entered, DbConnection connection, string holder, TimeProvider time)
    {
        if (!entered)
        {
            var current = Current;
            throw new TimeoutException(current is null
                ? $"The database is busy: no write could start within {Timeout.TotalSeconds:0} seconds."
                : $"The database is busy: no write could start within {Timeout.TotalSeconds:0} seconds; held by {current.Holder} since {current.Since:O}.");
        }

        var hold = new WriteHold(this, connection, holder, time.GetUtcNow());
        _byConnection.AddOrUpdate(connection, hold);
        Volatile.Write(ref _current, hold);
        return hold;
    }

    internal void Release(WriteHold hold)
    {
        _byConnection.Remove(hold.Connection);
        Interlocked.CompareExchange(ref _current, null, hold);
        _semaphore.Release();
    }

    // A writing statement on its own (autocommit, e.g. ExecuteUpdate): the gate for the statement's length.
    public async ValueTask<InterceptionResult<int>> NonQueryExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        if (IsLoneWrite(command))
        {
            _statementHolds.AddOrUpdate(command, await EnterAsync(command.Connection!, StatementHolder(command, eventData), TimeOf(eventData), cancellationToken));
        }

        return result;
    }

    public InterceptionResult<int> NonQueryExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<int> result)
    {
        if (IsLoneWrite(command))
        {
            _statementHolds.AddOrUpdate(command, Enter(command.Connection!, StatementHolder(command, eventData), TimeOf(eventData)));
        }

        return result;
    }

    public async ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
    {
        if (IsLoneWrite(command))
        {
            _statementHolds.AddOrUpdate(command, await EnterAsync(command.Connection!, StatementHolder(command, eventData), TimeOf(eventData), cancellationToken));
        }

        return result;
    }

    public InterceptionResult<DbDataReader> ReaderExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result)
    {
        if (IsLoneWrite(command))
        {
            _statementHolds.AddOrUpdate(command, Enter(command.Connection!, StatementHolder(command, eventData), TimeOf(eventData)));
        }

        return result;
    }

    public ValueTask<int> NonQueryExecutedAsync(DbCommand command, CommandExecutedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        LeaveStatement(command);
        return ValueTask.FromResult(result);
    }

    public int NonQueryExecuted(DbCommand command, CommandExecutedEventData eventData, int result)
    {
        LeaveStatement(command);
        return result;
    }

    // A reader's statement has finished (and committed) once the reader is closed.
    public InterceptionResult DataReaderClosing(DbCommand command, DataReaderClosingEventData eventData, InterceptionResult result)
    {
        LeaveStatement(command);
        return result;
    }

    public ValueTask<InterceptionResult> DataReaderClosingAsync(DbCommand command, DataReaderClosingEventData eventData, InterceptionResult result)
    {
        LeaveStatement(command);
        return ValueTask.FromResult(result);
    }

    public InterceptionResult DataReaderDisposing(DbCommand command, DataReaderDisposingEventData eventData, InterceptionResult result)
    {
        LeaveStatement(command);
        return result;
    }

    public void CommandFailed(DbCommand command, CommandErrorEventData eventData) => LeaveStatement(command);

    public Task CommandFailedAsync(DbCommand command, CommandErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        LeaveStatement(command);
        return Task.CompletedTask;
    }

    public void CommandCanceled(DbCommand command, CommandEndEventData eventData) => LeaveStatement(command);

    public Task CommandCanceledAsync(DbCommand command, CommandEndEventData eventData, CancellationToken cancellationToken = default)
    {
        LeaveStatement(command);
        return Task.CompletedTask;
    }

    /// <summary>A statement that writes, outside any transaction and outside a hold of its connection.</summary>
    private bool IsLoneWrite(DbCommand command)
    {
        if (command.Transaction is not null || command.Connection is null || _byConnection.TryGetValue(command.Connection, out _))
        {
            return false;
        }

        var text = command.CommandText.AsSpan().TrimStart();
        return text.StartsWith("INSERT", StringComparison.OrdinalIgnoreCase) || text.StartsWith("UPDATE", StringComparison.OrdinalIgnoreCase)
            || text.StartsWith("DELETE", StringComparison.OrdinalIgnoreCase) || text.StartsWith("REPLACE", StringComparison.OrdinalIgnoreCase);
    }

    private void LeaveStatement(DbCommand command)
    {
        if (_statementHolds.TryGetValue(command, out var hold))
        {
            _statementHolds.Remove(command);
            hold?.Dispose();
        }
    }

    private static TimeProvider TimeOf(CommandEventData eventData) => (eventData.Context as YunweiDbContext)?.Time ?? TimeProvider.System;

    private static string StatementHolder(DbCommand command, CommandEventData eventData)
    {
        var text = command.CommandText.Trim();
        var who = (eventData.Context as YunweiDbContext)?.Describe() ?? WriteHold.Operation ?? "?";
        return $"statement \"{(text.Length > 60 ? text[..60] + "…" : text)}\" ({who})";
    }
}

/// <summary>One writer's hold of a <see cref="SqliteWriteGate"/>: who, since when; disposing it ends it (once).</summary>
public sealed class WriteHold : IDisposable
{
    private static readonly AsyncLocal<string?> CurrentOperation = new();
    private readonly SqliteWriteGate _gate;
    private int _released;

    internal WriteHold(SqliteWriteGate gate, DbConnection connection, string holder, DateTimeOffset since)
    {
        _gate = gate;
        Connection = connection;
        Holder = holder;
        Since = since;
    }

    /// <summary>
    /// What the current flow of work is doing (a request's method and route, a background job's name),
    /// named in every hold it takes: set by the host at the start of each request or job pass.
    /// </summary>
    public static string? Operation
    {
        get => CurrentOperation.Value;
        set => CurrentOperation.Value = value;
    }

    internal DbConnection Connection { get; }

    /// <summary>Who writes: what, for whom, in which operation.</summary>
    public string Holder { get; }

    /// <summary>When the hold began, on the writer's clock.</summary>
    public DateTimeOffset Since { get; }

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _released, 1) == 0)
        {
            _gate.Release(this);
        }
    }
}
