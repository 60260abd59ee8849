using Microsoft.EntityFrameworkCore;
using Yunwei.Data;
using Yunwei.Web.Infrastructure;

namespace Yunwei.Web.Features.Profile;

/// <summary>Revokes one of the current user's tokens; it stops working at once.</summary>
public sealed class RevokeTokenHandler(IDbContextFactory<YunweiDbContext> dbFactory, CurrentUser currentUser, TimeProvider time)
{
    public async Task<bool> HandleAsync(Guid tokenId, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var token = await db.PersonalAccessTokens.FirstOrDefaultAsync(t => t.Id == tokenId && t.UserId == currentUser.UserId, cancellationToken);
        if (token is null)
        {
            return false;
        }

        token.RevokedAt ??= time.GetUtcNow().UtcDateTime;
        await db.SaveChangesAsync(cancellationToken);
        return true;
    }
}
