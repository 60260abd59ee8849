using Microsoft.EntityFrameworkCore;
using Yunwei.Data;
using Yunwei.Domain;
using Yunwei.Domain.Administration;
using Yunwei.Domain.Assets;
using Yunwei.Domain.Inspections;
using Yunwei.Domain.WorkLog;
using Yunwei.Web.Features.Documents;
using Yunwei.Web.Features.WorkLog;
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

public sealed record RecordEntryRequest(string? ItemKey, Guid? AssetId, string? Value, string? Note);

public sealed record FinishInspectionRequest(int Revision, string? Summary, decimal? Hours);

/// <summary>
/// Walking a checklist on a phone: the first answer starts the inspection (copying the checklist and
/// the assets as they are), each answer is saved at once and judged 正常/警告/故障, photos attach to
/// answers, and it finishes once every item is answered with its required photos. Finishing writes
/// the work log entry; a finished inspection never changes.
/// </summary>
public sealed class PerformInspectionHandler(IDbContextFactory<YunweiDbContext> dbFactory, CurrentUser currentUser, TimeProvider time, FileStore files)
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

    /// <summary>Attaches a photo (JPEG, PNG, WebP; up to 10 MB) to an answer already given.</summary>
    public async Task<Outcome<EntryView>> AddPhotoAsync(Guid id, string? itemKey, Guid? assetId, UploadedFile file, CancellationToken cancellationToken = default)
    {
        if (!currentUser.Can(Permissions.InspectionsPerform))
        {
            return Outcome<EntryView>.NotAllowed();
        }

        ArgumentNullException.ThrowIfNull(file);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var inspection = await db.Inspections.AsNoTracking().FirstOrDefaultAsync(i => i.Id == id, cancellationToken);
        if (inspection is null)
        {
            return Outcome<EntryView>.NotFound();
        }

        if (inspection.State == InspectionState.Done)
        {
            return Outcome<EntryView>.Invalid(new ValidationErrors().Add("State", "Inspection.Error.Finished"));
        }

        var target = assetId ?? Guid.Empty;
        var entry = await db.InspectionEntries.FirstOrDefaultAsync(e => e.InspectionId == id && e.ItemKey == itemKey && e.AssetId == target, cancellationToken);
        if (entry is null)
        {
            return Outcome<EntryView>.Invalid(new ValidationErrors().Add("ItemKey", "Inspection.Error.AnswerFirst"));
        }

        if (entry.Photos.Count >= MaxPhotos)
        {
            return Outcome<EntryView>.Invalid(new ValidationErrors().Add("File", "Inspection.Error.TooManyPhotos", MaxPhotos));
        }

        using var buffer = new MemoryStream();
        await file.Content.CopyToAsync(buffer, cancellationToken);
        if (buffer.Length == 0 || buffer.Length > MaxPhotoBytes)
        {
            return Outcome<EntryView>.Invalid(new ValidationErrors().Add("File", buffer.Length == 0 ? "Validation.Required" : "Validation.File.TooLarge", MaxPhotoBytes / 1024 / 1024));
        }

        var head = buffer.GetBuffer().AsSpan(0, (int)Math.Min(buffer.Length, 16));
        if (FileStore.Sniff(head, file.FileName ?? "photo") is not { ContentType: "image/jpeg" or "image/png" or "image/webp" })
        {
            return Outcome<EntryView>.Invalid(new ValidationErrors().Add("File", "Inspection.Error.NotAPhoto"));
        }

        buffer.Position = 0;
        var saved = await files.SaveAsync(inspection.ClientUnitId, buffer, cancellationToken);
        entry.Photos = [.. entry.Photos, saved!.Value.Key];
        await db.SaveChangesAsync(cancellationToken);
        return Outcome<EntryView>.Ok(View(entry, null, null));
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
