using Microsoft.EntityFrameworkCore;
using Yunwei.Domain;
using Yunwei.Domain.Administration;
using Yunwei.Domain.Inspections;
using Yunwei.Domain.WorkLog;
using Yunwei.Web.Infrastructure;
using Yunwei.Web.Platform;

namespace Yunwei.Web.Features.Inspections;

public sealed record FinishInspectionRequest(int Revision, string? Summary, decimal? Hours);

public sealed partial class PerformInspectionHandler
{
    public async Task<Outcome<InspectionDetail>> FinishAsync(Guid id, FinishInspectionRequest request, CancellationToken cancellationToken = default)
    {
        if (!currentUser.Can(Permissions.InspectionsPerform))
        {
            return Outcome<InspectionDetail>.NotAllowed();
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var inspection = await db.Inspections.FirstOrDefaultAsync(i => i.Id == id, cancellationToken);
        if (inspection is null)
        {
            return Outcome<InspectionDetail>.NotFound();
        }

        if (inspection.Revision != request.Revision)
        {
            return Outcome<InspectionDetail>.Conflict();
        }

        var errors = new ValidationErrors().Optional(nameof(request.Summary), request.Summary, Risk.MaxText);
        if (inspection.State != InspectionState.InProgress)
        {
            errors.Add("State", inspection.State == InspectionState.Done ? "Inspection.Error.Finished" : "Inspection.Error.NotStarted");
            return Outcome<InspectionDetail>.Invalid(errors);
        }

        if (request.Hours is { } h && (h <= 0 || h > WorkEntry.MaxHours))
        {
            errors.Add(nameof(request.Hours), "WorkLog.Error.Hours");
        }

        var entries = await db.InspectionEntries.AsNoTracking().Where(e => e.InspectionId == id).ToListAsync(cancellationToken);
        foreach (var (itemKey, assetId, error) in InspectionRules.Incomplete(inspection, entries))
        {
            var item = inspection.Items.First(i => i.Key == itemKey);
            var target = inspection.Targets.FirstOrDefault(t => t.AssetId == assetId);
            errors.Add($"Entries[{itemKey}]", error, target is null ? item.Name : $"{item.Name}（{target.Name}）");
        }

        if (!errors.IsEmpty)
        {
            return Outcome<InspectionDetail>.Invalid(errors);
        }

        var now = time.GetUtcNow().UtcDateTime;
        inspection.State = InspectionState.Done;
        inspection.FinishedAt = now;
        inspection.Summary = string.IsNullOrWhiteSpace(request.Summary) ? null : request.Summary.Trim();
        inspection.Hours = request.Hours ?? WorkRules.Hours(now - (inspection.StartedAt ?? now));
        inspection.InspectorId ??= currentUser.UserId;
        inspection.InspectorName ??= currentUser.DisplayName;
        inspection.Revision++;
        var subsystem = await db.Subsystems.AsNoTracking().Where(s => s.Id == inspection.SubsystemId).Select(s => s.Name).FirstAsync(cancellationToken);
        var warnings = entries.Count(e => e.Result == ItemResult.Warning);
        var faults = entries.Count(e => e.Result == ItemResult.Fault);
        await WorkLogWriter.RecordAsync(db, new WorkEntry
        {
            ClientUnitId = inspection.ClientUnitId,
            Date = ChinaTime.Today(new DateTimeOffset(now)),
            Type = WorkType.Inspection,
            SubsystemId = inspection.SubsystemId,
            Reference = inspection.Number,
            Source = WorkSource.Inspection,
            SourceId = inspection.Id,
            Content = $"{subsystem}巡检：{entries.Count} 项",
            HandlerId = inspection.InspectorId,
            HandlerName = inspection.InspectorName ?? "",
            Hours = inspection.Hours.Value,
            Result = warnings + faults == 0 ? "正常" : $"警告 {warnings} 项，故障 {faults} 项",
            CreatedAt = now,
            CreatedBy = currentUser.DisplayName,
        }, cancellationToken);
        if (!await db.SavedAsync(cancellationToken))
        {
            return Outcome<InspectionDetail>.Conflict();
        }

        return Outcome<InspectionDetail>.Ok(await DetailAsync(db, inspection, cancellationToken));
    }
}
