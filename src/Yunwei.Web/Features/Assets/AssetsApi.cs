using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Localization;
using Yunwei.Domain.Administration;
using Yunwei.Domain.Assets;
using Yunwei.Web.Infrastructure;
using Yunwei.Web.Platform;

namespace Yunwei.Web.Features.Assets;

public static class AssetsApi
{
    public static void MapAssetsApi(this IEndpointRouteBuilder app)
    {
        var unit = app.MapGroup("/api/units/{unitId:guid}").WithTags("Assets").RequireAuthorization(Permissions.AssetsView);
        var asset = app.MapGroup("/api/assets").WithTags("Assets").RequireAuthorization(Permissions.AssetsView);

        unit.MapGet("/assets", ListAssets)
            .WithName("ListAssets").WithSummary("A unit's assets: filters, search by code/name/IP/serial, keyset paging by code ('after')");

        unit.MapGet("/asset-options", GetAssetOptions)
            .WithName("GetAssetOptions").WithSummary("Subsystems, asset types (with their attributes) and locations of a unit");

        unit.MapPost("/assets", CreateAsset)
            .RequireAuthorization(Permissions.AssetsManage)
            .WithName("CreateAsset").WithSummary("Add an asset to a unit");

        asset.MapGet("/{id:guid}", GetAsset)
            .WithName("GetAsset").WithSummary("One asset with its attributes and change history");

        asset.MapPut("/{id:guid}", UpdateAsset)
            .RequireAuthorization(Permissions.AssetsManage)
            .WithName("UpdateAsset").WithSummary("Edit an asset");

        MapRelations(asset);

        app.MapGet("/api/assets/{id:guid}/qr.svg", GetAssetQrCode)
            .RequireAuthorization(Permissions.AssetsScan)
            .WithTags("Assets").WithName("AssetQrCode").WithSummary("The QR code of the asset's scan page (SVG)");
        MapStructure(app, unit);
        MapSpreadsheets(unit);
        MapTypes(app, unit);
    }

    private static void MapRelations(RouteGroupBuilder asset)
    {
        asset.MapGet("/{id:guid}/relations", GetAssetRelations)
            .WithName("GetAssetRelations").WithSummary("What the asset relies on and what relies on it");

        asset.MapGet("/{id:guid}/impact", GetAssetImpact)
            .WithName("GetAssetImpact").WithSummary("If this asset fails, what else stops (across subsystems)");

        asset.MapPost("/{id:guid}/relations", AddAssetRelation)
            .RequireAuthorization(Permissions.AssetsManage)
            .WithName("AddAssetRelation").WithSummary("Relate the asset to another: ConnectedTo, DependsOn or PartOf; loops are refused");

        asset.MapDelete("/{id:guid}/relations/{relationId:guid}", RemoveAssetRelation)
            .RequireAuthorization(Permissions.AssetsManage)
            .WithName("RemoveAssetRelation").WithSummary("Remove a relation of the asset");
    }

    private static void MapStructure(IEndpointRouteBuilder app, RouteGroupBuilder unit)
    {
        unit.MapPost("/locations", CreateLocation)
            .RequireAuthorization(Permissions.AssetsManage)
            .WithName("CreateLocation").WithSummary("Add a place to the unit's location tree");

        var locations = app.MapGroup("/api/locations").WithTags("Assets").RequireAuthorization(Permissions.AssetsManage);
        locations.MapPut("/{id:guid}", UpdateLocation)
            .WithName("UpdateLocation").WithSummary("Rename, re-kind or move a place");
        locations.MapDelete("/{id:guid}", DeleteLocation)
            .WithName("DeleteLocation").WithSummary("Delete an empty place");

        unit.MapGet("/subsystems", ListSubsystems)
            .WithName("ListSubsystems").WithSummary("Subsystems with their owners on both sides");
        unit.MapPost("/subsystems", CreateSubsystem)
            .RequireAuthorization(Permissions.AssetTypesManage)
            .WithName("CreateSubsystem").WithSummary("Add a subsystem");
        app.MapPut("/api/subsystems/{id:guid}", UpdateSubsystem)
            .RequireAuthorization(Permissions.AssetTypesManage)
            .WithTags("Assets").WithName("UpdateSubsystem").WithSummary("Rename a subsystem or set its owners");
    }

    private static void MapSpreadsheets(RouteGroupBuilder unit)
    {
        unit.MapGet("/assets/export.xlsx", ExportAssets)
            .WithName("ExportAssets").WithSummary("The filtered assets as .xlsx, in the import template's layout");

        unit.MapGet("/assets/template.xlsx", AssetTemplate)
            .WithName("AssetTemplate").WithSummary("Empty import template with Chinese headers (one asset type's attributes, or all)");

        unit.MapGet("/assets/labels.pdf", AssetLabels)
            .WithName("AssetLabels").WithSummary("A4 sheets of QR labels (Small 40×30, Medium 60×40, Large 80×50 mm) for the filtered assets, at most 2000");

        unit.MapPost("/assets/import", ImportAssets)
            .RequireAuthorization(Permissions.AssetsManage)
            .RequireAntiforgeryForCookies()
            .WithName("ImportAssets").WithSummary("Import an .xlsx (multipart 'file'): dryRun reports only; validRowsOnly writes the valid rows when some are invalid");
    }

    private static void MapTypes(IEndpointRouteBuilder app, RouteGroupBuilder unit)
    {
        unit.MapGet("/asset-types", ListAssetTypes)
            .WithName("ListAssetTypes").WithSummary("Asset types with their custom attributes and how many assets use them");
        unit.MapPost("/asset-types", CreateAssetType)
            .RequireAuthorization(Permissions.AssetTypesManage)
            .WithName("CreateAssetType").WithSummary("Add an asset type with custom attributes");
        var types = app.MapGroup("/api/asset-types").WithTags("Assets").RequireAuthorization(Permissions.AssetTypesManage);
        types.MapPut("/{id:guid}", UpdateAssetType)
            .WithName("UpdateAssetType").WithSummary("Rename a type or change its attributes");
        types.MapDelete("/{id:guid}", DeleteAssetType)
            .WithName("DeleteAssetType").WithSummary("Delete a type no asset uses");
    }

    /// <summary>The asset list's query string (init properties: see <see cref="Faults.FaultQuery"/>).</summary>
    public sealed record AssetListParameters
    {
        public string? Search { get; init; }

        public Guid? SubsystemId { get; init; }

        public Guid? AssetTypeId { get; init; }

        public Guid? LocationId { get; init; }

        public AssetStatus? Status { get; init; }

        public int? WarrantyWithinDays { get; init; }

        public string? After { get; init; }

        public int? PageSize { get; init; }
    }

    private static async Task<Results<Ok<AssetPage>, ValidationProblem, ProblemHttpResult>> ListAssets(
        Guid unitId, [AsParameters] AssetListParameters p, ListAssetsHandler handler, IStringLocalizer<SharedResource> l, CancellationToken ct)
    {
        var size = p.PageSize ?? 50;
        if (size is < 1 or > ListAssetsHandler.MaxPageSize)
        {
            return new ValidationErrors().Add("pageSize", "Validation.Range", 1, ListAssetsHandler.MaxPageSize).ToProblem(l);
        }

        var page = await handler.HandleAsync(
            new AssetQuery(unitId, p.Search, p.SubsystemId, p.AssetTypeId, p.LocationId, p.Status, p.WarrantyWithinDays, p.After, size), ct);
        return page is null ? Problems.NotFound(l) : TypedResults.Ok(page);
    }

    private static async Task<Results<Ok<AssetOptions>, ProblemHttpResult>> GetAssetOptions(
        Guid unitId, GetAssetOptionsHandler handler, IStringLocalizer<SharedResource> l, CancellationToken ct)
        => await handler.HandleAsync(unitId, ct) is { } options ? TypedResults.Ok(options) : Problems.NotFound(l);

    private static async Task<Results<Created<Guid>, ValidationProblem, ProblemHttpResult>> CreateAsset(
        Guid unitId, SaveAssetRequest request, SaveAssetHandler handler, IStringLocalizer<SharedResource> l, CancellationToken ct)
        => (await handler.CreateAsync(unitId, request, ct)).ToCreated(l, id => $"/api/assets/{id}");

    private static async Task<Results<Ok<AssetDetails>, ProblemHttpResult>> GetAsset(
        Guid id, GetAssetHandler handler, IStringLocalizer<SharedResource> l, CancellationToken ct)
        => await handler.HandleAsync(id, ct) is { } details ? TypedResults.Ok(details) : Problems.NotFound(l);

    private static async Task<Results<NoContent, ValidationProblem, ProblemHttpResult>> UpdateAsset(
        Guid id, SaveAssetRequest request, SaveAssetHandler handler, IStringLocalizer<SharedResource> l, CancellationToken ct)
        => (await handler.UpdateAsync(id, request, ct)).ToNoContent(l);

    private static async Task<Results<ContentHttpResult, ProblemHttpResult>> GetAssetQrCode(
        Guid id, HttpRequest request, IConfiguration configuration, GetAssetHandler handler, IStringLocalizer<SharedResource> l, CancellationToken ct)
        => await handler.HandleAsync(id, ct) is null
            ? Problems.NotFound(l)
            : TypedResults.Content(AssetQrCode.Svg(AssetQrCode.ScanUrl(PublicUrl.Of(configuration, request), id)), "image/svg+xml");

    private static async Task<Results<Ok<AssetRelations>, ProblemHttpResult>> GetAssetRelations(
        Guid id, GetRelationsHandler handler, IStringLocalizer<SharedResource> l, CancellationToken ct)
        => await handler.HandleAsync(id, ct) is { } relations ? TypedResults.Ok(relations) : Problems.NotFound(l);

    private static async Task<Results<Ok<IReadOnlyList<ImpactRow>>, ProblemHttpResult>> GetAssetImpact(
        Guid id, GetRelationsHandler handler, IStringLocalizer<SharedResource> l, CancellationToken ct)
        => await handler.ImpactAsync(id, ct) is { } impact ? TypedResults.Ok(impact) : Problems.NotFound(l);

    private static async Task<Results<Created<Guid>, ValidationProblem, ProblemHttpResult>> AddAssetRelation(
        Guid id, AddRelationRequest request, AddRelationHandler handler, IStringLocalizer<SharedResource> l, CancellationToken ct)
        => (await handler.HandleAsync(id, request, ct)).ToCreated(l, relation => $"/api/assets/{id}/relations/{relation}");

    private static async Task<Results<NoContent, ProblemHttpResult>> RemoveAssetRelation(
        Guid id, Guid relationId, RemoveRelationHandler handler, IStringLocalizer<SharedResource> l, CancellationToken ct)
        => await handler.HandleAsync(id, relationId, ct) ? TypedResults.NoContent() : Problems.NotFound(l);

    private static async Task<Results<Created<Guid>, ValidationProblem, ProblemHttpResult>> CreateLocation(
        Guid unitId, SaveLocationRequest request, SaveLocationHandler handler, IStringLocalizer<SharedResource> l, CancellationToken ct)
        => (await handler.CreateAsync(unitId, request, ct)).ToCreated(l, id => $"/api/locations/{id}");

    private static async Task<Results<NoContent, ValidationProblem, ProblemHttpResult>> UpdateLocation(
        Guid id, SaveLocationRequest request, SaveLocationHandler handler, IStringLocalizer<SharedResource> l, CancellationToken ct)
        => (await handler.UpdateAsync(id, request, ct)).ToNoContent(l);

    private static async Task<Results<NoContent, ValidationProblem, ProblemHttpResult>> DeleteLocation(
        Guid id, DeleteLocationHandler handler, IStringLocalizer<SharedResource> l, CancellationToken ct)
        => (await handler.HandleAsync(id, ct)).ToNoContent(l);

    private static async Task<Results<Ok<IReadOnlyList<SubsystemRow>>, ProblemHttpResult>> ListSubsystems(
        Guid unitId, SubsystemsHandler handler, IStringLocalizer<SharedResource> l, CancellationToken ct)
        => await handler.ListAsync(unitId, ct) is { } rows ? TypedResults.Ok(rows) : Problems.NotFound(l);

    private static async Task<Results<Created<Guid>, ValidationProblem, ProblemHttpResult>> CreateSubsystem(
        Guid unitId, SaveSubsystemRequest request, SubsystemsHandler handler, IStringLocalizer<SharedResource> l, CancellationToken ct)
        => (await handler.CreateAsync(unitId, request, ct)).ToCreated(l, id => $"/api/subsystems/{id}");

    private static async Task<Results<NoContent, ValidationProblem, ProblemHttpResult>> UpdateSubsystem(
        Guid id, SaveSubsystemRequest request, SubsystemsHandler handler, IStringLocalizer<SharedResource> l, CancellationToken ct)
        => (await handler.UpdateAsync(id, request, ct)).ToNoContent(l);

    private static async Task<Results<FileContentHttpResult, ProblemHttpResult>> ExportAssets(
        Guid unitId, [AsParameters] AssetListParameters p, ExportAssetsHandler handler, IStringLocalizer<SharedResource> l, CancellationToken ct)
        => await handler.ExportAsync(new AssetQuery(unitId, p.Search, p.SubsystemId, p.AssetTypeId, p.LocationId, p.Status, p.WarrantyWithinDays), ct) is { } bytes
            ? TypedResults.File(bytes, ExportAssetsHandler.ContentType, "资产台账.xlsx")
            : Problems.NotFound(l);

    private static async Task<Results<FileContentHttpResult, ProblemHttpResult>> AssetTemplate(
        Guid unitId, Guid? typeId, ExportAssetsHandler handler, IStringLocalizer<SharedResource> l, CancellationToken ct)
        => await handler.TemplateAsync(unitId, typeId, ct) is { } bytes
            ? TypedResults.File(bytes, ExportAssetsHandler.ContentType, "资产导入模板.xlsx")
            : Problems.NotFound(l);

    private static async Task<Results<FileContentHttpResult, ProblemHttpResult>> AssetLabels(
        Guid unitId, [AsParameters] AssetListParameters p, LabelSize? size, HttpRequest request, IConfiguration configuration,
        AssetLabelsHandler handler, IStringLocalizer<SharedResource> l, CancellationToken ct)
    {
        var query = new AssetQuery(unitId, p.Search, p.SubsystemId, p.AssetTypeId, p.LocationId, p.Status, p.WarrantyWithinDays);
        var pdf = await handler.HandleAsync(query, size ?? LabelSize.Medium, PublicUrl.Of(configuration, request), ct);
        return pdf is null ? Problems.NotFound(l) : TypedResults.File(pdf, "application/pdf", "资产标签.pdf");
    }

    private static async Task<Results<Ok<ImportResult>, ValidationProblem, ProblemHttpResult>> ImportAssets(
        Guid unitId, IFormFile? file, bool? dryRun, bool? validRowsOnly, ImportAssetsHandler handler, IStringLocalizer<SharedResource> l,
        CancellationToken ct)
    {
        if (file is null)
        {
            return new ValidationErrors().Add("file", "Validation.Required").ToProblem(l);
        }

        if (file.Length > ImportAssetsHandler.MaxBytes)
        {
            return new ValidationErrors().Add("file", "Import.TooLarge", ImportAssetsHandler.MaxBytes / 1024 / 1024).ToProblem(l);
        }

        await using var stream = file.OpenReadStream();
        var result = await handler.HandleAsync(unitId, stream, dryRun ?? false, validRowsOnly ?? false, ct);
        return result is null ? Problems.NotFound(l) : TypedResults.Ok(result);
    }

    private static async Task<Results<Ok<IReadOnlyList<AssetTypeRow>>, ProblemHttpResult>> ListAssetTypes(
        Guid unitId, AssetTypesHandler handler, IStringLocalizer<SharedResource> l, CancellationToken ct)
        => await handler.ListAsync(unitId, ct) is { } rows ? TypedResults.Ok(rows) : Problems.NotFound(l);

    private static async Task<Results<Created<Guid>, ValidationProblem, ProblemHttpResult>> CreateAssetType(
        Guid unitId, SaveAssetTypeRequest request, AssetTypesHandler handler, IStringLocalizer<SharedResource> l, CancellationToken ct)
        => (await handler.CreateAsync(unitId, request, ct)).ToCreated(l, id => $"/api/asset-types/{id}");

    private static async Task<Results<NoContent, ValidationProblem, ProblemHttpResult>> UpdateAssetType(
        Guid id, SaveAssetTypeRequest request, AssetTypesHandler handler, IStringLocalizer<SharedResource> l, CancellationToken ct)
        => (await handler.UpdateAsync(id, request, ct)).ToNoContent(l);

    private static async Task<Results<NoContent, ValidationProblem, ProblemHttpResult>> DeleteAssetType(
        Guid id, AssetTypesHandler handler, IStringLocalizer<SharedResource> l, CancellationToken ct)
        => (await handler.DeleteAsync(id, ct)).ToNoContent(l);
}
