using Microsoft.EntityFrameworkCore;
using Yunwei.Data;
using Yunwei.Domain.Documents;
using Yunwei.Web.Infrastructure;
using Yunwei.Web.Platform;

namespace Yunwei.Web.Features.Documents;

public sealed record UploadDocumentRequest(string? Title, DocumentKind Kind, Guid? SubsystemId, Guid? LocationId, string? AssetCode, string? Note);


/// <summary>
/// Archives a base document (a first upload) or a new version of one. The file's type is read from
/// its first bytes; executables and scripts are refused; the size is limited; the file is stored
/// outside the web root under a generated key, and removed again if the record cannot be saved.
/// </summary>
public sealed class UploadDocumentHandler(IDbContextFactory<YunweiDbContext> dbFactory, FileStore files, CurrentUser currentUser, TimeProvider time)
{
    public async Task<Outcome<Guid>> CreateAsync(Guid unitId, UploadDocumentRequest request, UploadedFile file, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        if (!await db.ClientUnits.AnyAsync(u => u.Id == unitId, cancellationToken))
        {
            return Outcome<Guid>.NotFound();
        }

        var errors = new ValidationErrors()
            .Required(nameof(request.Title), request.Title, Document.TitleMaxLength)
            .Optional(nameof(request.Note), request.Note, 500);
        if (!Enum.IsDefined(request.Kind))
        {
            errors.Add(nameof(request.Kind), "Validation.Invalid");
        }

        if (request.SubsystemId is { } s && !await db.Subsystems.AnyAsync(x => x.Id == s && x.ClientUnitId == unitId, cancellationToken))
        {
            errors.Add(nameof(request.SubsystemId), "Validation.Asset.UnknownSubsystem");
        }

        if (request.LocationId is { } l && !await db.Locations.AnyAsync(x => x.Id == l && x.ClientUnitId == unitId, cancellationToken))
        {
            errors.Add(nameof(request.LocationId), "Validation.Asset.UnknownLocation");
        }

        Guid? assetId = null;
        Guid? assetSubsystem = null;
        if (!string.IsNullOrWhiteSpace(request.AssetCode))
        {
            var code = request.AssetCode.Trim();
            var asset = await db.Assets.Where(a => a.ClientUnitId == unitId && a.Code == code)
                .Select(a => new { a.Id, a.SubsystemId }).FirstOrDefaultAsync(cancellationToken);
            if (asset is null)
            {
                errors.Add(nameof(request.AssetCode), "Validation.Relation.UnknownAsset");
            }
            else
            {
                (assetId, assetSubsystem) = (asset.Id, asset.SubsystemId);
            }
        }

        var now = time.GetUtcNow().UtcDateTime;
        var document = new Document
        {
            ClientUnitId = unitId,
            Title = request.Title?.Trim() ?? string.Empty,
            Kind = request.Kind,
            // A document of an asset counts for the asset's subsystem in the completeness matrix.
            SubsystemId = request.SubsystemId ?? assetSubsystem,
            LocationId = request.LocationId,
            AssetId = assetId,
            CreatedAt = now,
        };
        return await StoreAsync(db, document, file, request.Note, errors, isNew: true, cancellationToken);
    }

    public async Task<Outcome<Guid>> AddVersionAsync(Guid documentId, UploadedFile file, string? note, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var document = await db.Documents.FirstOrDefaultAsync(d => d.Id == documentId, cancellationToken);
        if (document is null)
        {
            return Outcome<Guid>.NotFound();
        }

        return await StoreAsync(db, document, file, note, new ValidationErrors().Optional("Note", note, 500), isNew: false, cancellationToken);
    }

    private async Task<Outcome<Guid>> StoreAsync(YunweiDbContext db, Document document, UploadedFile file, string? note, ValidationErrors errors, bool isNew, CancellationToken cancellationToken)
    {
        if (file.Length <= 0)
        {
            errors.Add("file", "Validation.File.Empty");
        }
        else if (file.Length > files.MaxBytes)
        {
            errors.Add("file", "Validation.File.TooLarge", files.MaxBytes / 1024 / 1024);
        }

        // The first bytes decide the type; the stream is then read from the start again.
        var head = new byte[16];
        var headLength = 0;
        if (errors.IsEmpty)
        {
            headLength = await file.Content.ReadAtLeastAsync(head, head.Length, throwOnEndOfStream: false, cancellationToken);
        }

        var name = FileStore.CleanFileName(file.FileName);
        var sniffed = errors.IsEmpty ? FileStore.Sniff(head.AsSpan(0, headLength), name) : null;
        if (errors.IsEmpty && sniffed is null)
        {
            errors.Add("file", "Validation.File.Type");
        }

        if (!errors.IsEmpty)
        {
            return Outcome<Guid>.Invalid(errors);
        }

        var stored = await files.SaveAsync(document.ClientUnitId, new PrefixedStream(head.AsMemory(0, headLength), file.Content), cancellationToken);
        if (stored is null)
        {
            return Outcome<Guid>.Invalid(new ValidationErrors().Add("file", "Validation.File.TooLarge", files.MaxBytes / 1024 / 1024));
        }

        var now = time.GetUtcNow().UtcDateTime;
        document.CurrentVersion++;
        document.UpdatedAt = now;
        if (isNew)
        {
            db.Documents.Add(document);
        }

        db.DocumentVersions.Add(new DocumentVersion
        {
            ClientUnitId = document.ClientUnitId,
            DocumentId = document.Id,
            Version = document.CurrentVersion,
            FileName = name,
            ContentType = sniffed!.ContentType,
            Size = stored.Value.Size,
            Sha256 = stored.Value.Sha256,
            StorageKey = stored.Value.Key,
            Note = string.IsNullOrWhiteSpace(note) ? null : note.Trim(),
            UploadedAt = now,
            UploadedBy = currentUser.UserName,
        });
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch
        {
            files.Delete(stored.Value.Key);
            throw;
        }

        return Outcome<Guid>.Ok(document.Id);
    }

    /// <summary>Replays the bytes already read for the signature, then the rest of the upload.</summary>
    private sealed class PrefixedStream(ReadOnlyMemory<byte> prefix, Stream rest) : Stream
    {
        private int _position;

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            if (_position < prefix.Length)
            {
                var count = Math.Min(buffer.Length, prefix.Length - _position);
                prefix.Slice(_position, count).CopyTo(buffer);
                _position += count;
                return count;
            }

            return await rest.ReadAsync(buffer, cancellationToken);
        }

        public override int Read(byte[] buffer, int offset, int count) => ReadAsync(buffer.AsMemory(offset, count)).AsTask().GetAwaiter().GetResult();

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
