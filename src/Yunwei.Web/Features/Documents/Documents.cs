using Microsoft.EntityFrameworkCore;
using Yunwei.Data;
using Yunwei.Domain.Documents;
using Yunwei.Web.Infrastructure;
using Yunwei.Web.Platform;

namespace Yunwei.Web.Features.Documents;

public sealed record DocumentRow(
    Guid Id, string Title, DocumentKind Kind, string? SubsystemName, string? AssetCode, int CurrentVersion,
    string? FileName, long? Size, DateTime UpdatedAt, string? UploadedBy, string? ContentType);

public sealed record VersionRow(Guid Id, int Version, string FileName, string ContentType, long Size, string Sha256, DateTime UploadedAt, string? UploadedBy, string? Note);

public sealed record DocumentDetails(DocumentRow Document, IReadOnlyList<VersionRow> Versions);

/// <summary>One cell row of the completeness matrix: a subsystem and, per required kind, how many documents it has.</summary>
public sealed record CompletenessRow(Guid SubsystemId, string Subsystem, IReadOnlyDictionary<DocumentKind, int> Required, int Missing);

/// <summary>A stored file ready to be sent: inline only for images and PDF.</summary>
public sealed record DocumentFile(Stream Content, string ContentType, string FileName, bool Inline);

/// <summary>Reads the archive: lists, one document with its versions, the completeness matrix, and files.</summary>
public sealed class DocumentsHandler(IDbContextFactory<YunweiDbContext> dbFactory, FileStore files)
{
    public async Task<IReadOnlyList<DocumentRow>?> ListAsync(Guid unitId, DocumentKind? kind, Guid? subsystemId, Guid? assetId, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        if (!await db.ClientUnits.AnyAsync(u => u.Id == unitId, cancellationToken))
        {
            return null;
        }

        var documents = db.Documents.AsNoTracking().Where(d => d.ClientUnitId == unitId);
        if (kind is { } k)
        {
            documents = documents.Where(d => d.Kind == k);
        }

        if (subsystemId is { } s)
        {
            documents = documents.Where(d => d.SubsystemId == s);
        }

        if (assetId is { } a)
        {
            documents = documents.Where(d => d.AssetId == a);
        }

        return await Rows(db, documents.OrderByDescending(d => d.UpdatedAt).Take(1000)).ToListAsync(cancellationToken);
    }

    public async Task<DocumentDetails?> GetAsync(Guid id, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var row = await Rows(db, db.Documents.AsNoTracking().Where(d => d.Id == id)).FirstOrDefaultAsync(cancellationToken);
        if (row is null)
        {
            return null;
        }

        var versions = await db.DocumentVersions.AsNoTracking().Where(v => v.DocumentId == id).OrderByDescending(v => v.Version)
            .Select(v => new VersionRow(v.Id, v.Version, v.FileName, v.ContentType, v.Size, v.Sha256, v.UploadedAt, v.UploadedBy, v.Note))
            .ToListAsync(cancellationToken);
        return new DocumentDetails(row, versions);
    }

    public async Task<IReadOnlyList<CompletenessRow>?> CompletenessAsync(Guid unitId, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        if (!await db.ClientUnits.AnyAsync(u => u.Id == unitId, cancellationToken))
        {
            return null;
        }

        var subsystems = await db.Subsystems.AsNoTracking().Where(s => s.ClientUnitId == unitId).OrderBy(s => s.SortOrder).ToListAsync(cancellationToken);
        var present = await db.Documents.AsNoTracking().Where(d => d.ClientUnitId == unitId && d.SubsystemId != null)
            .Select(d => new { d.SubsystemId, d.Kind }).ToListAsync(cancellationToken);
        return [.. subsystems.Select(s =>
        {
            var matrix = DocumentCompleteness.Matrix(s.RequiredDocuments, present.Where(p => p.SubsystemId == s.Id).Select(p => p.Kind));
            return new CompletenessRow(s.Id, s.Name, matrix, matrix.Count(c => c.Value == 0));
        })];
    }

    public async Task<DocumentFile?> OpenAsync(Guid documentId, Guid? versionId, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var version = await db.DocumentVersions.AsNoTracking()
            .Where(v => v.DocumentId == documentId && (versionId == null || v.Id == versionId))
            .OrderByDescending(v => v.Version)
            .FirstOrDefaultAsync(cancellationToken);
        if (version is null)
        {
            return null;
        }

        var inline = version.ContentType is "application/pdf" || version.ContentType.StartsWith("image/", StringComparison.Ordinal);
        return new DocumentFile(files.Open(version.StorageKey), version.ContentType, version.FileName, inline);
    }

    private static IQueryable<DocumentRow> Rows(YunweiDbContext db, IQueryable<Document> documents) =>
        documents.Select(d => new DocumentRow(
            d.Id, d.Title, d.Kind,
            db.Subsystems.Where(s => s.Id == d.SubsystemId).Select(s => s.Name).FirstOrDefault(),
            db.Assets.Where(a => a.Id == d.AssetId).Select(a => a.Code).FirstOrDefault(),
            d.CurrentVersion,
            db.DocumentVersions.Where(v => v.DocumentId == d.Id && v.Version == d.CurrentVersion).Select(v => v.FileName).FirstOrDefault(),
            db.DocumentVersions.Where(v => v.DocumentId == d.Id && v.Version == d.CurrentVersion).Select(v => (long?)v.Size).FirstOrDefault(),
            d.UpdatedAt,
            db.DocumentVersions.Where(v => v.DocumentId == d.Id && v.Version == d.CurrentVersion).Select(v => v.UploadedBy).FirstOrDefault(),
            db.DocumentVersions.Where(v => v.DocumentId == d.Id && v.Version == d.CurrentVersion).Select(v => v.ContentType).FirstOrDefault()));
}
