using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Localization;
using Microsoft.Net.Http.Headers;
using Yunwei.Domain.Administration;
using Yunwei.Domain.Documents;
using Yunwei.Web.Infrastructure;
using Yunwei.Web.Platform;

namespace Yunwei.Web.Features.Documents;

public static class DocumentsApi
{
    public static void MapDocumentsApi(this IEndpointRouteBuilder app)
    {
        var unit = app.MapGroup("/api/units/{unitId:guid}/documents").WithTags("Documents").RequireAuthorization(Permissions.AssetsView);
        var document = app.MapGroup("/api/documents").WithTags("Documents").RequireAuthorization(Permissions.AssetsView);

        unit.MapGet("/", ListDocuments)
            .WithName("ListDocuments").WithSummary("A unit's base documents (newest first), by kind, subsystem or asset");

        unit.MapGet("/completeness", DocumentCompleteness)
            .WithName("DocumentCompleteness").WithSummary("Per subsystem: the required document kinds and how many exist");

        unit.MapPost("/", UploadDocument)
            .RequireAuthorization(Permissions.AssetsManage)
            .RequireAntiforgeryForCookies()
            .WithName("UploadDocument").WithSummary("Archive a document (multipart: file, title, kind, subsystemId/locationId/assetCode, note)");

        document.MapGet("/{id:guid}", GetDocument)
            .WithName("GetDocument").WithSummary("A document with all its versions");

        document.MapPost("/{id:guid}/versions", AddDocumentVersion)
            .RequireAuthorization(Permissions.AssetsManage)
            .RequireAntiforgeryForCookies()
            .WithName("AddDocumentVersion").WithSummary("Upload a new version of a document (multipart: file, note)");

        document.MapGet("/{id:guid}/file", DocumentFile)
            .WithName("DocumentFile").WithSummary("The file of the newest (or a given) version: inline for images and PDF, else as a download");
    }

    private static async Task<Results<Ok<IReadOnlyList<DocumentRow>>, ProblemHttpResult>> ListDocuments(
        Guid unitId, DocumentKind? kind, Guid? subsystemId, Guid? assetId, DocumentsHandler handler, IStringLocalizer<SharedResource> l,
        CancellationToken ct)
        => await handler.ListAsync(unitId, kind, subsystemId, assetId, ct) is { } rows ? TypedResults.Ok(rows) : Problems.NotFound(l);

    private static async Task<Results<Ok<IReadOnlyList<CompletenessRow>>, ProblemHttpResult>> DocumentCompleteness(
        Guid unitId, DocumentsHandler handler, IStringLocalizer<SharedResource> l, CancellationToken ct)
        => await handler.CompletenessAsync(unitId, ct) is { } rows ? TypedResults.Ok(rows) : Problems.NotFound(l);

    private static async Task<Results<Created<Guid>, ValidationProblem, ProblemHttpResult>> UploadDocument(
        Guid unitId, IFormFile? file, [Microsoft.AspNetCore.Mvc.FromForm] string? title, [Microsoft.AspNetCore.Mvc.FromForm] DocumentKind? kind,
        [Microsoft.AspNetCore.Mvc.FromForm] Guid? subsystemId, [Microsoft.AspNetCore.Mvc.FromForm] Guid? locationId,
        [Microsoft.AspNetCore.Mvc.FromForm] string? assetCode, [Microsoft.AspNetCore.Mvc.FromForm] string? note, UploadDocumentHandler handler,
        IStringLocalizer<SharedResource> l, CancellationToken ct)
    {
        await using var stream = file?.OpenReadStream() ?? Stream.Null;
        var request = new UploadDocumentRequest(title, kind ?? DocumentKind.Other, subsystemId, locationId, assetCode, note);
        return (await handler.CreateAsync(unitId, request, new UploadedFile(stream, file?.FileName, file?.Length ?? 0), ct))
            .ToCreated(l, id => $"/api/documents/{id}");
    }

    private static async Task<Results<Ok<DocumentDetails>, ProblemHttpResult>> GetDocument(
        Guid id, DocumentsHandler handler, IStringLocalizer<SharedResource> l, CancellationToken ct)
        => await handler.GetAsync(id, ct) is { } details ? TypedResults.Ok(details) : Problems.NotFound(l);

    private static async Task<Results<Created<Guid>, ValidationProblem, ProblemHttpResult>> AddDocumentVersion(
        Guid id, IFormFile? file, [Microsoft.AspNetCore.Mvc.FromForm] string? note, UploadDocumentHandler handler, IStringLocalizer<SharedResource> l,
        CancellationToken ct)
    {
        await using var stream = file?.OpenReadStream() ?? Stream.Null;
        return (await handler.AddVersionAsync(id, new UploadedFile(stream, file?.FileName, file?.Length ?? 0), note, ct))
            .ToCreated(l, doc => $"/api/documents/{doc}");
    }

    private static async Task<Results<FileStreamHttpResult, ProblemHttpResult>> DocumentFile(
        Guid id, Guid? versionId, HttpContext context, DocumentsHandler handler, IStringLocalizer<SharedResource> l, CancellationToken ct)
    {
        if (await handler.OpenAsync(id, versionId, ct) is not { } file)
        {
            return Problems.NotFound(l);
        }

        // Only images and PDFs are shown in the browser, in a sandbox; everything else downloads.
        var disposition = new ContentDispositionHeaderValue(file.Inline ? "inline" : "attachment");
        disposition.SetHttpFileName(file.FileName);
        context.Response.Headers.ContentDisposition = disposition.ToString();
        context.Response.Headers.XContentTypeOptions = "nosniff";
        // Browsers do not render PDFs in sandboxed documents; images and downloads get the sandbox.
        if (file.ContentType != "application/pdf")
        {
            context.Response.Headers.ContentSecurityPolicy = "sandbox; default-src 'none'; img-src 'self'; style-src 'unsafe-inline'";
        }
        return TypedResults.Stream(file.Content, file.ContentType);
    }
}
