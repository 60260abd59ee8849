using Microsoft.EntityFrameworkCore;
using Yunwei.Data;
using Yunwei.Domain;
using Yunwei.Domain.Administration;
using Yunwei.Domain.Assets;
using Yunwei.Domain.Inspections;
using Yunwei.Web.Infrastructure;
using Yunwei.Web.Platform;

namespace Yunwei.Web.Features.Inspections;

public sealed record EntryView(
    string ItemKey, Guid AssetId, string Value, ItemResult Result, string? Note, IReadOnlyList<string> Photos,
    Guid? FaultId, string? FaultNumber, Guid? RiskId, string? RiskNumber, DateTime RecordedAt, string? RecordedBy);

public sealed record InspectionDetail(
    Guid Id, string Number, Guid ClientUnitId, Guid SubsystemId, string Subsystem, DateOnly PeriodStart, DateOnly DueOn,
    InspectionState State, bool Overdue, int TemplateVersion, IReadOnlyList<ChecklistItem> Items, IReadOnlyList<InspectionTarget> Targets,
    IReadOnlyList<EntryView> Entries, string? InspectorName, DateTime? StartedAt, DateTime? FinishedAt, string? Summary, decimal? Hours,
    int Revision, int Answered, int Total, bool CanPerform);

/// <summary>
/// Walking a checklist on a phone: the first answer starts the inspection (copying the checklist and
/// the assets as they are), each answer is saved at once and judged 正常/警告/故障, photos attach to
/// answers, and it finishes once every item is answered with its required photos. Finishing writes
/// the work log entry; a finished inspection never changes.
/// </summary>
public sealed partial class PerformInspectionHandler(IDbContextFactory<YunweiDbContext> dbFactory, CurrentUser currentUser, TimeProvider time, FileStore files)
{
    public const long MaxPhotoBytes = 10L * 1024 * 1024;
    public const int MaxPhotos = 10;

    public async Task<InspectionDetail?> GetAsync(Guid id, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var inspection = await db.Inspections.AsNoTracking().FirstOrDefaultAsync(i => i.Id == id, cancellationToken);
        if (inspection is null)
        {
            return null;
        }

        if (inspection.State == InspectionState.Planned)
        {
            // Not started: show what starting would copy.
            await CopyChecklistAsync(db, inspection, cancellationToken);
        }

        return await DetailAsync(db, inspection, cancellationToken);
    }

    /// <summary>A photo of the inspection, streamed with its type; null when not part of a visible inspection.</summary>
    public async Task<(Stream Content, string ContentType)?> PhotoAsync(Guid id, string key, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var photos = await db.InspectionEntries.AsNoTracking().Where(e => e.InspectionId == id).Select(e => e.Photos).ToListAsync(cancellationToken);
        var stored = photos.SelectMany(p => p).FirstOrDefault(p => p.EndsWith("/" + key, StringComparison.Ordinal) || p.EndsWith("\\" + key, StringComparison.Ordinal));
        if (stored is null)
        {
            return null;
        }

        var stream = files.Open(stored);
        var head = new byte[16];
        var read = await stream.ReadAsync(head, cancellationToken);
        stream.Position = 0;
        return (stream, FileStore.Sniff(head.AsSpan(0, read), "photo")?.ContentType ?? "application/octet-stream");
    }

    /// <summary>Copies the subsystem's current checklist and the assets it covers onto an inspection not yet started.</summary>
    private static async Task CopyChecklistAsync(YunweiDbContext db, Inspection inspection, CancellationToken cancellationToken)
    {
        var template = await db.ChecklistTemplates.AsNoTracking().FirstOrDefaultAsync(t => t.SubsystemId == inspection.SubsystemId && t.IsCurrent, cancellationToken);
        inspection.TemplateId = template?.Id;
        inspection.TemplateVersion = template?.Version ?? 0;
        inspection.Items = template?.Items ?? [];
        var group = inspection.ScheduleId is { } scheduleId
            ? await db.InspectionSchedules.AsNoTracking().Where(s => s.Id == scheduleId).Select(s => s.AssetIds).FirstOrDefaultAsync(cancellationToken) ?? []
            : [];
        var assets = db.Assets.AsNoTracking().Where(a => a.SubsystemId == inspection.SubsystemId && a.Status != AssetStatus.Scrapped);
        if (group.Count > 0)
        {
            assets = assets.Where(a => group.Contains(a.Id));
        }

        inspection.Targets = await (from a in assets
                                    join t in db.AssetTypes on a.AssetTypeId equals t.Id
                                    orderby a.Code
                                    select new InspectionTarget { AssetId = a.Id, Code = a.Code, Name = a.Name, AssetType = t.Name })
            .ToListAsync(cancellationToken);
    }

    private async Task<InspectionDetail> DetailAsync(YunweiDbContext db, Inspection inspection, CancellationToken cancellationToken)
    {
        var entries = await db.InspectionEntries.AsNoTracking().Where(e => e.InspectionId == inspection.Id).ToListAsync(cancellationToken);
        var faultIds = entries.Where(e => e.FaultId != null).Select(e => e.FaultId!.Value).ToList();
        var riskIds = entries.Where(e => e.RiskId != null).Select(e => e.RiskId!.Value).ToList();
        var faults = await db.Faults.AsNoTracking().Where(f => faultIds.Contains(f.Id)).ToDictionaryAsync(f => f.Id, f => f.Number, cancellationToken);
        var risks = await db.Risks.AsNoTracking().Where(r => riskIds.Contains(r.Id)).ToDictionaryAsync(r => r.Id, r => r.Number, cancellationToken);
        var subsystem = await db.Subsystems.AsNoTracking().Where(s => s.Id == inspection.SubsystemId).Select(s => s.Name).FirstAsync(cancellationToken);
        var total = InspectionRules.Pairs(inspection.Items, inspection.Targets).Count();
        var today = ChinaTime.Today(time.GetUtcNow());
        return new InspectionDetail(
            inspection.Id, inspection.Number, inspection.ClientUnitId, inspection.SubsystemId, subsystem, inspection.PeriodStart, inspection.DueOn,
            inspection.State, inspection.State != InspectionState.Done && inspection.DueOn < today, inspection.TemplateVersion, inspection.Items, inspection.Targets,
            [.. entries.Select(e => View(e, e.FaultId is { } f ? faults.GetValueOrDefault(f) : null, e.RiskId is { } r ? risks.GetValueOrDefault(r) : null))],
            inspection.InspectorName, inspection.StartedAt, inspection.FinishedAt, inspection.Summary, inspection.Hours, inspection.Revision,
            entries.Count, total, currentUser.Can(Permissions.InspectionsPerform) && inspection.State != InspectionState.Done);
    }

    private static EntryView View(InspectionEntry e, string? faultNumber, string? riskNumber) =>
        new(e.ItemKey, e.AssetId, e.Value, e.Result, e.Note, [.. e.Photos.Select(Path.GetFileName).OfType<string>()], e.FaultId, faultNumber, e.RiskId, riskNumber, e.RecordedAt, e.RecordedBy);
}
