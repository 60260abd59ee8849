using Microsoft.EntityFrameworkCore;
using Yunwei.Domain.Units;

namespace Yunwei.Web.Features.Units;

/// <summary>Loads a unit's contract in force (see <see cref="ServiceContract.InForce"/>): one rule for every feature.</summary>
public static class CurrentContract
{
    public static async Task<ServiceContract?> LoadAsync(IQueryable<ServiceContract> contracts, Guid unitId, DateOnly today, CancellationToken cancellationToken) =>
        ServiceContract.InForce(await contracts.Where(c => c.ClientUnitId == unitId).ToListAsync(cancellationToken), today);
}
