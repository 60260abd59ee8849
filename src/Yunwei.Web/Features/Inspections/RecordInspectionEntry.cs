using Microsoft.EntityFrameworkCore;
using Yunwei.Domain.Administration;
using Yunwei.Domain.Inspections;
using Yunwei.Web.Infrastructure;

namespace Yunwei.Web.Features.Inspections;

public sealed record RecordEntryRequest(string? ItemKey, Guid? AssetId, string? Value, string? Note);

public sealed partial class PerformInspectionHandler
{
    /// <summary>Saves one answer (the first one starts the inspection) and returns it judged.</summary>
    public async Task<Outcome<EntryView>> RecordAsync(Guid id, RecordEntryRequest request, CancellationToken cancellationToken = default)
    {
        if (!currentUser.Can(Permissions.InspectionsPerform))
        {
            return Outcome<EntryView>.NotAllowed();
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var inspection = await db.Inspections.FirstOrDefaultAsync(i => i.Id == id, cancellationToken);
        if (inspection is null)
        {
            return Outcome<EntryView>.NotFound();
        }

        if (inspection.State == InspectionState.Done)
        {
            return Outcome<EntryView>.Invalid(new ValidationErrors().Add("State", "Inspection.Error.Finished"));
        }

        var now = time.GetUtcNow().UtcDateTime;
        if (inspection.State == InspectionState.Planned)
        {
            await CopyChecklistAsync(db, inspection, cancellationToken);
            inspection.State = InspectionState.InProgress;
            inspection.StartedAt = now;
            inspection.InspectorId = currentUser.UserId;
            inspection.InspectorName = currentUser.DisplayName;
            inspection.Revision++;
        }

        var assetId = request.AssetId ?? Guid.Empty;
        var item = inspection.Items.FirstOrDefault(i => i.Key == request.ItemKey);
        if (item is null || !InspectionRules.Pairs([item], inspection.Targets).Any(p => (p.Target?.AssetId ?? Guid.Empty) == assetId))
        {
            return Outcome<EntryView>.Invalid(new ValidationErrors().Add(nameof(request.ItemKey), "Inspection.Error.NoSuchItem"));
        }

        var (result, error) = ChecklistRules.Evaluate(item, request.Value);
        var errors = new ValidationErrors().Optional(nameof(request.Note), request.Note, 1000);
        if (error is not null)
        {
            errors.Add(nameof(request.Value), error);
        }

        if (!errors.IsEmpty)
        {
            return Outcome<EntryView>.Invalid(errors);
        }

        var entry = await db.InspectionEntries.FirstOrDefaultAsync(e => e.InspectionId == id && e.ItemKey == item.Key && e.AssetId == assetId, cancellationToken);
        if (entry is null)
        {
            entry = new InspectionEntry { ClientUnitId = inspection.ClientUnitId, InspectionId = id, ItemKey = item.Key, AssetId = assetId };
            db.InspectionEntries.Add(entry);
        }

        entry.Value = request.Value!.Trim();
        entry.Result = result!.Value;
        entry.Note = string.IsNullOrWhiteSpace(request.Note) ? null : request.Note.Trim();
        entry.RecordedAt = now;
        entry.RecordedBy = currentUser.DisplayName;
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            // Another phone answered the same item or started the inspection at the same moment.
            return Outcome<EntryView>.Conflict();
        }

        return Outcome<EntryView>.Ok(View(entry, null, null));
    }
}
