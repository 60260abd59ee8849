using Microsoft.EntityFrameworkCore;
using Yunwei.Data;
using Yunwei.Web.Infrastructure;

namespace Yunwei.Web.Features.Assets;

/// <summary>Deletes an empty place: one with no places under it and no assets in it.</summary>
public sealed class DeleteLocationHandler(IDbContextFactory<YunweiDbContext> dbFactory)
{
    public async Task<Outcome<bool>> HandleAsync(Guid id, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var location = await db.Locations.FirstOrDefaultAsync(l => l.Id == id, cancellationToken);
        if (location is null)
        {
            return Outcome<bool>.NotFound();
        }

        var children = await db.Locations.CountAsync(l => l.ParentId == id, cancellationToken);
        var assets = await db.Assets.CountAsync(a => a.LocationId == id, cancellationToken);
        if (children > 0 || assets > 0)
        {
            return Outcome<bool>.Invalid(new ValidationErrors().Add("id", "Validation.Location.NotEmpty", children, assets));
        }

        db.Locations.Remove(location);
        await db.SaveChangesAsync(cancellationToken);
        return Outcome<bool>.Ok(true);
    }
}
