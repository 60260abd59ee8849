using Microsoft.EntityFrameworkCore;
using Yunwei.Data;
using Yunwei.Domain.WorkLog;

namespace Yunwei.Web.Platform;

/// <summary>
/// Faults, inspections and training write their work log entry here, in their own transaction: one
/// entry per source, updated when the source is done again (a reopened fault resolved anew).
/// </summary>
public static class WorkLogWriter
{
    public static async Task RecordAsync(YunweiDbContext db, WorkEntry entry, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(entry);
        var existing = entry.SourceId is { } sourceId
            ? await db.WorkEntries.FirstOrDefaultAsync(w => w.Source == entry.Source && w.SourceId == sourceId, cancellationToken)
            : null;
        if (existing is null)
        {
            db.WorkEntries.Add(entry);
            return;
        }

        existing.Date = entry.Date;
        existing.SubsystemId = entry.SubsystemId;
        existing.Reference = entry.Reference;
        existing.Content = entry.Content;
        existing.HandlerId = entry.HandlerId;
        existing.HandlerName = entry.HandlerName;
        existing.Hours = entry.Hours;
        existing.Result = entry.Result;
        existing.Revision++;
    }
}
