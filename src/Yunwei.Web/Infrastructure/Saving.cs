namespace Yunwei.Web.Infrastructure;

/// <summary>Saving an edit that names a revision.</summary>
public static class Saving
{
    /// <summary>
    /// Saves the context's changes; false when a revision they were made on had changed by the time of
    /// writing (another edit landed between read and write) — then nothing was written, and the caller
    /// answers with a conflict.
    /// </summary>
    public static async Task<bool> SavedAsync(this Microsoft.EntityFrameworkCore.DbContext db, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return true;
        }
        catch (Microsoft.EntityFrameworkCore.DbUpdateConcurrencyException)
        {
            return false;
        }
    }
}
