using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Localization;
using Yunwei.Domain.Administration;
using Yunwei.Domain.Assets;
using Yunwei.Web.Infrastructure;

namespace Yunwei.Web.Features.Assets;

public static class AssetsApi
{
    public static void MapAssetsApi(this IEndpointRouteBuilder app)
    {
        var unit = app.MapGroup("/api/units/{unitId:guid}").WithTags("Assets").RequireAuthorization(Permissions.AssetsView);
        var asset = app.MapGroup("/api/assets").WithTags("Assets").RequireAuthorization(Permissions.AssetsView);

        unit.MapGet("/assets", async Task<Results<Ok<AssetPage>, ValidationProblem, ProblemHttpResult>> (
                Guid unitId, [AsParameters] AssetListParameters p, ListAssetsHandler handler, IStringLocalizer<SharedResource> l, CancellationToken ct) =>
            {
                var size = p.PageSize ?? 50;
                if (size is < 1 or > ListAssetsHandler.MaxPageSize)
                {
                    return new ValidationErrors().Add("pageSize", "Validation.Range", 1, ListAssetsHandler.MaxPageSize).ToProblem(l);
                }

                var page = await handler.HandleAsync(
                    new AssetQuery(unitId, p.Search, p.SubsystemId, p.AssetTypeId, p.LocationId, p.Status, p.WarrantyWithinDays, p.After, size), ct);
                return page is null ? Problems.NotFound(l) : TypedResults.Ok(page);
            })
            .WithName("ListAssets").WithSummary("A unit's assets: filters, search by code/name/IP/serial, keyset paging by code ('after')");

        unit.MapGet("/asset-options", async Task<Results<Ok<AssetOptions>, ProblemHttpResult>> (
                Guid unitId, GetAssetOptionsHandler handler, IStringLocalizer<SharedResource> l, CancellationToken ct) =>
                await handler.HandleAsync(unitId, ct) is { } options ? TypedResults.Ok(options) : Problems.NotFound(l))
            .WithName("GetAssetOptions").WithSummary("Subsystems, asset types (with their attributes) and locations of a unit");

        unit.MapPost("/assets", async (Guid unitId, SaveAssetRequest request, SaveAssetHandler handler, IStringLocalizer<SharedResource> l, CancellationToken ct) =>
                (await handler.CreateAsync(unitId, request, ct)).ToCreated(l, id => $"/api/assets/{id}"))
            .RequireAuthorization(Permissions.AssetsManage)
            .WithName("CreateAsset").WithSummary("Add an asset to a unit");

        asset.MapGet("/{id:guid}", async Task<Results<Ok<AssetDetails>, ProblemHttpResult>> (
                Guid id, GetAssetHandler handler, IStringLocalizer<SharedResource> l, CancellationToken ct) =>
                await handler.HandleAsync(id, ct) is { } details ? TypedResults.Ok(details) : Problems.NotFound(l))
            .WithName("GetAsset").WithSummary("One asset with its attributes and change history");

        asset.MapPut("/{id:guid}", async (Guid id, SaveAssetRequest request, SaveAssetHandler handler, IStringLocalizer<SharedResource> l, CancellationToken ct) =>
                (await handler.UpdateAsync(id, request, ct)).ToNoContent(l))
            .RequireAuthorization(Permissions.AssetsManage)
            .WithName("UpdateAsset").WithSummary("Edit an asset");

        MapRelations(asset);
    }

    private static void MapRelations(RouteGroupBuilder asset)
    {
        asset.MapGet("/{id:guid}/relations", async Task<Results<Ok<AssetRelations>, ProblemHttpResult>> (
                Guid id, GetRelationsHandler handler, IStringLocalizer<SharedResource> l, CancellationToken ct) =>
                await handler.HandleAsync(id, ct) is { } relations ? TypedResults.Ok(relations) : Problems.NotFound(l))
            .WithName("GetAssetRelations").WithSummary("What the asset relies on and what relies on it");

        asset.MapGet("/{id:guid}/impact", async Task<Results<Ok<IReadOnlyList<ImpactRow>>, ProblemHttpResult>> (
                Guid id, GetRelationsHandler handler, IStringLocalizer<SharedResource> l, CancellationToken ct) =>
                await handler.ImpactAsync(id, ct) is { } impact ? TypedResults.Ok(impact) : Problems.NotFound(l))
            .WithName("GetAssetImpact").WithSummary("If this asset fails, what else stops (across subsystems)");

        asset.MapPost("/{id:guid}/relations", async (Guid id, AddRelationRequest request, AddRelationHandler handler, IStringLocalizer<SharedResource> l, CancellationToken ct) =>
                (await handler.HandleAsync(id, request, ct)).ToCreated(l, relation => $"/api/assets/{id}/relations/{relation}"))
            .RequireAuthorization(Permissions.AssetsManage)
            .WithName("AddAssetRelation").WithSummary("Relate the asset to another: ConnectedTo, DependsOn or PartOf; loops are refused");

        asset.MapDelete("/{id:guid}/relations/{relationId:guid}", async Task<Results<NoContent, ProblemHttpResult>> (
                Guid id, Guid relationId, RemoveRelationHandler handler, IStringLocalizer<SharedResource> l, CancellationToken ct) =>
                await handler.HandleAsync(id, relationId, ct) ? TypedResults.NoContent() : Problems.NotFound(l))
            .RequireAuthorization(Permissions.AssetsManage)
            .WithName("RemoveAssetRelation").WithSummary("Remove a relation of the asset");
    }

    public sealed record AssetListParameters(
        string? Search, Guid? SubsystemId, Guid? AssetTypeId, Guid? LocationId, AssetStatus? Status, int? WarrantyWithinDays, string? After, int? PageSize);
}
