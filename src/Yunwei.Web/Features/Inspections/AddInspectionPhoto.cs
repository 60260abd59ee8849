using Microsoft.EntityFrameworkCore;
using Yunwei.Domain.Administration;
using Yunwei.Domain.Inspections;
using Yunwei.Web.Infrastructure;
using Yunwei.Web.Platform;

namespace Yunwei.Web.Features.Inspections;

public sealed partial class PerformInspectionHandler
{
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
}
