using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Yunwei.Data;
using Yunwei.Domain.Audit;
using Yunwei.Web.Infrastructure;
using Yunwei.Web.Platform;

namespace Yunwei.Web.Features.Audit;

/// <param name="Entries">Sealed entries checked.</param>
/// <param name="Pending">Entries written but not sealed yet (the sealer runs every few seconds).</param>
/// <param name="BrokenAt">The first place where the chain does not hold, or null.</param>
public sealed record AuditChainReport(long Entries, long Pending, string? HeadHash, long? BrokenAt, long? BrokenEntryId, string? Problem);

/// <summary>
/// Seals the audit trail into a hash chain (each entry's hash covers the previous hash and its own
/// fields) and verifies it. Entries are written without a hash in the business transaction, so the
/// write path stays short; the sealer gives them their place in order of writing, seconds later, one
/// batch per transaction. A unique sequence makes two sealers (two instances) unable to fork the
/// chain: the slower one's batch fails and is done again on its next pass.
/// </summary>
public sealed class AuditChainHandler(IDbContextFactory<YunweiDbContext> dbFactory, ILogger<AuditChainHandler> logger)
{
    public const int BatchSize = 500;

    /// <summary>Seals what is pending, batch after batch; returns how many entries were sealed.</summary>
    public async Task<int> SealAsync(CancellationToken cancellationToken = default)
    {
        var sealedCount = 0;
        while (true)
        {
            var batch = await SealBatchAsync(cancellationToken);
            sealedCount += batch;
            if (batch < BatchSize)
            {
                return sealedCount;
            }
        }
    }

    private async Task<int> SealBatchAsync(CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var entries = db.AuditEntries.IgnoreQueryFilters().AsNoTracking();
        var pending = await entries.Where(a => a.Sequence == null).OrderBy(a => a.Id).Take(BatchSize).ToListAsync(cancellationToken);
        if (pending.Count == 0)
        {
            return 0;
        }

        await using var transaction = await db.BeginWriteAsync(cancellationToken);
        var last = await entries.Where(a => a.Sequence != null).OrderByDescending(a => a.Sequence).Select(a => new { a.Sequence, a.Hash }).FirstOrDefaultAsync(cancellationToken);
        var (sequence, previous) = (last?.Sequence ?? 0, last?.Hash);
        try
        {
            // One statement, prepared once and run for each entry of the batch: through EF each update went
            // through the query pipeline again (about a tenth of a fault report's CPU under load).
            await using var update = db.Database.GetDbConnection().CreateCommand();
            update.Transaction = transaction.Transaction.GetDbTransaction();
            update.CommandText = """UPDATE "AuditEntries" SET "Sequence" = @sequence, "Hash" = @hash WHERE "Id" = @id AND "Sequence" IS NULL""";
            var sequenceParameter = Parameter(update, "sequence", System.Data.DbType.Int64);
            var hashParameter = Parameter(update, "hash", System.Data.DbType.String);
            var idParameter = Parameter(update, "id", System.Data.DbType.Int64);
            await update.PrepareAsync(cancellationToken);
            foreach (var entry in pending)
            {
                sequence++;
                var hash = AuditChain.Hash(previous, sequence, entry);
                (sequenceParameter.Value, hashParameter.Value, idParameter.Value) = (sequence, hash, entry.Id);
                if (await update.ExecuteNonQueryAsync(cancellationToken) == 0)
                {
                    // Another sealer took it: leave the rest to the next pass.
                    await transaction.RollbackAsync(cancellationToken);
                    return 0;
                }

                previous = hash;
            }

            await transaction.CommitAsync(cancellationToken);
            return pending.Count;
        }
        catch (Exception ex) when (ex is DbUpdateException or System.Data.Common.DbException)
        {
            logger.LogInformation(ex, "Audit sealer met another sealer; it tries again on its next pass");
            return 0;
        }
    }

    private static System.Data.Common.DbParameter Parameter(System.Data.Common.DbCommand command, string name, System.Data.DbType type)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.DbType = type;
        command.Parameters.Add(parameter);
        return parameter;
    }

    /// <summary>Walks the chain in order and recomputes every hash; reports the first entry where it breaks (changed, removed or inserted).</summary>
    public async Task<AuditChainReport> VerifyAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var entries = db.AuditEntries.IgnoreQueryFilters().AsNoTracking();
        var pending = await entries.LongCountAsync(a => a.Sequence == null, cancellationToken);
        long expected = 0;
        string? previous = null;
        long? after = 0;
        while (true)
        {
            var from = after;
            var page = await entries.Where(a => a.Sequence > from).OrderBy(a => a.Sequence).Take(2000).ToListAsync(cancellationToken);
            if (page.Count == 0)
            {
                return new AuditChainReport(expected, pending, previous, null, null, null);
            }

            foreach (var entry in page)
            {
                expected++;
                if (entry.Sequence != expected)
                {
                    return new AuditChainReport(expected - 1, pending, previous, expected, entry.Id, $"entry #{expected} is missing (next is #{entry.Sequence})");
                }

                var hash = AuditChain.Hash(previous, expected, entry);
                if (!string.Equals(hash, entry.Hash, StringComparison.Ordinal))
                {
                    return new AuditChainReport(expected - 1, pending, previous, expected, entry.Id, $"entry #{expected} (id {entry.Id}) does not match its hash: changed since it was sealed");
                }

                previous = hash;
            }

            after = page[^1].Sequence;
        }
    }
}

/// <summary>Seals new audit entries every few seconds (Audit:Sealer, by default with the SLA monitor's switch).</summary>
public sealed class AuditSealerService(IServiceScopeFactory scopes, IConfiguration configuration, TimeProvider time, ILogger<AuditSealerService> logger)
    : PeriodicJob(scopes, time, logger)
{
    protected override bool Enabled => configuration.GetValue("Audit:Sealer", configuration.GetValue("Sla:Monitor", true));

    protected override TimeSpan Interval => TimeSpan.FromSeconds(10);

    protected override Task RunOnceAsync(IServiceProvider services, CancellationToken cancellationToken) =>
        services.GetRequiredService<AuditChainHandler>().SealAsync(cancellationToken);
}
