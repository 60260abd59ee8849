using Microsoft.EntityFrameworkCore;
using Yunwei.Data;
using Yunwei.Domain.Units;

namespace Yunwei.Web.Platform;

/// <summary>Loads a unit's contract in force (see <see cref="ServiceContract.InForce"/>): one rule for every feature.</summary>
public static class CurrentContract
{
    // Read on every fault report and action (the SLA policy): translated once (CompiledQuery).
    private static readonly CompiledQuery<Func<YunweiDbContext, Guid, IAsyncEnumerable<ServiceContract>>> ContractsOf =
        new(() => EF.CompileAsyncQuery((YunweiDbContext db, Guid unitId) => db.ServiceContracts.AsNoTracking().Where(c => c.ClientUnitId == unitId)));

    public static async Task<ServiceContract?> LoadAsync(IQueryable<ServiceContract> contracts, Guid unitId, DateOnly today, CancellationToken cancellationToken) =>
        ServiceContract.InForce(await contracts.Where(c => c.ClientUnitId == unitId).ToListAsync(cancellationToken), today);

    /// <summary>The same, read only, with the query compiled once: for hot paths.</summary>
    public static async Task<ServiceContract?> LoadAsync(YunweiDbContext db, Guid unitId, DateOnly today, CancellationToken cancellationToken) =>
        ServiceContract.InForce(await ContractsOf.For(db)(db, unitId).ToListAsync(cancellationToken), today);
}
