using Microsoft.EntityFrameworkCore;
using Yunwei.Data;

namespace Yunwei.Web.Features.Assets;

/// <summary>Removes a relation of an asset (either direction); the audit trail keeps it.</summary>
public sealed class RemoveRelationHandler(IDbContextFactory<YunweiDbContext> dbFactory)
{
    public async Task<bool> HandleAsync(Guid assetId, Guid relationId, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var relation = await db.AssetRelations
            .FirstOrDefaultAsync(r => r.Id == relationId && (r.FromAssetId == assetId || r.ToAssetId == assetId), cancellationToken);
        if (relation is null)
        {
            return false;
        }

        db.AssetRelations.Remove(relation);
        await db.SaveChangesAsync(cancellationToken);
        return true;
    }
}
