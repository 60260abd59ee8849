using Yunwei.Data;

namespace Yunwei.Web.Infrastructure;

/// <summary>Saving an edit that names a revision.</summary>
public static class Saving
{
    /// <summary>
    /// Saves the context's changes; false when another write landed between read and write — a revision
    /// they were made on had changed, or a unique key they write (a notification's de-duplication key
    /// made of the new revision, a week's report) was taken meanwhile. Then nothing was written, and the
    /// caller answers with a conflict (<see cref="DatabaseErrors.IsLostRace"/>).
    /// </summary>
    public static async Task<bool> SavedAsync(this Microsoft.EntityFrameworkCore.DbContext db, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return true;
        }
        catch (Microsoft.EntityFrameworkCore.DbUpdateException ex) when (ex.IsLostRace())
        {
            return false;
        }
    }
}
