using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Yunwei.Data;
using Yunwei.Domain.Administration;
using Yunwei.Domain.Notifications;
using Yunwei.Web.Infrastructure;
using Yunwei.Web.Platform;

namespace Yunwei.Web.Features.Faults;

public sealed record FaultAttachmentRow(Guid Id, string FileName, string ContentType, long Size, DateTime CreatedAt, string? CreatedBy);

/// <summary>The files kept with a fault (a mail's attachments), for whoever may see the fault.</summary>
public sealed class FaultAttachmentsHandler(IDbContextFactory<YunweiDbContext> dbFactory, CurrentUser currentUser)
{
    public async Task<IReadOnlyList<FaultAttachmentRow>?> ListAsync(Guid faultId, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        if (!await FaultAccess.Visible(db, currentUser).AnyAsync(f => f.Id == faultId, cancellationToken))
        {
            return null;
        }

        return await db.FaultAttachments.AsNoTracking().Where(a => a.FaultId == faultId).OrderBy(a => a.CreatedAt)
            .Select(a => new FaultAttachmentRow(a.Id, a.FileName, a.ContentType, a.Size, a.CreatedAt, a.CreatedBy)).ToListAsync(cancellationToken);
    }

    public async Task<FaultAttachment?> FindAsync(Guid faultId, Guid id, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        if (!await FaultAccess.Visible(db, currentUser).AnyAsync(f => f.Id == faultId, cancellationToken))
        {
            return null;
        }

        return await db.FaultAttachments.AsNoTracking().FirstOrDefaultAsync(a => a.FaultId == faultId && a.Id == id, cancellationToken);
    }
}

public static class FaultAttachmentsApi
{
    public static void MapFaultAttachmentsApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/faults/{faultId:guid}/attachments", ListFaultAttachments)
            .RequireAuthorization(Permissions.FaultsView).WithTags("Faults").WithName("ListFaultAttachments").WithSummary("The files kept with a fault (mail attachments)");
        app.MapGet("/api/faults/{faultId:guid}/attachments/{id:guid}", DownloadFaultAttachment)
            .RequireAuthorization(Permissions.FaultsView).WithTags("Faults").WithName("DownloadFaultAttachment").WithSummary("Download one attachment of a fault");
    }

    private static async Task<Results<Ok<IReadOnlyList<FaultAttachmentRow>>, ProblemHttpResult>> ListFaultAttachments(
        Guid faultId, FaultAttachmentsHandler handler, IStringLocalizer<SharedResource> l, CancellationToken ct)
        => await handler.ListAsync(faultId, ct) is { } rows ? TypedResults.Ok(rows) : Problems.NotFound(l);

    private static async Task<Results<FileStreamHttpResult, ProblemHttpResult>> DownloadFaultAttachment(
        Guid faultId, Guid id, FaultAttachmentsHandler handler, FileStore files, IStringLocalizer<SharedResource> l, CancellationToken ct)
        => await handler.FindAsync(faultId, id, ct) is { } a
            ? TypedResults.File(files.Open(a.StorageKey), a.ContentType, a.FileName)
            : Problems.NotFound(l);
}
