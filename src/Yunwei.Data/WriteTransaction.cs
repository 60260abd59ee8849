using Microsoft.EntityFrameworkCore.Storage;

namespace Yunwei.Data;

/// <summary>
/// A transaction begun by <see cref="YunweiDbContext.BeginWriteAsync"/>: on SQLite it holds the write gate
/// for its whole life, so disposing it (committed, rolled back or neither) ends the hold too.
/// </summary>
public sealed class WriteTransaction : IAsyncDisposable, IDisposable
{
    private readonly WriteHold? _hold;

    internal WriteTransaction(IDbContextTransaction transaction, WriteHold? hold)
    {
        Transaction = transaction;
        _hold = hold;
    }

    public IDbContextTransaction Transaction { get; }

    public Task CommitAsync(CancellationToken cancellationToken = default) => Transaction.CommitAsync(cancellationToken);

    public Task RollbackAsync(CancellationToken cancellationToken = default) => Transaction.RollbackAsync(cancellationToken);

    public async ValueTask DisposeAsync()
    {
        try
        {
            await Transaction.DisposeAsync();
        }
        finally
        {
            _hold?.Dispose();
        }
    }

    public void Dispose()
    {
        try
        {
            Transaction.Dispose();
        }
        finally
        {
            _hold?.Dispose();
        }
    }
}
