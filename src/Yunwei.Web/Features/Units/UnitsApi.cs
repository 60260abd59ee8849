using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Localization;
using Yunwei.Domain.Administration;
using Yunwei.Web.Infrastructure;

namespace Yunwei.Web.Features.Units;

public static class UnitsApi
{
    public static void MapUnitsApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/units").WithTags("Units").RequireAuthorization(Permissions.UnitsView);

        group.MapGet("/", async (ListUnitsHandler handler, CancellationToken ct) =>
                TypedResults.Ok(await handler.HandleAsync(ct)))
            .WithName("ListUnits").WithSummary("Client units the caller may see");

        group.MapGet("/{id:guid}", async Task<Results<Ok<UnitDetails>, ProblemHttpResult>> (
                Guid id, GetUnitHandler handler, IStringLocalizer<SharedResource> l, CancellationToken ct) =>
                await handler.HandleAsync(id, ct) is { } unit ? TypedResults.Ok(unit) : Problems.NotFound(l))
            .WithName("GetUnit").WithSummary("One client unit with its current service contract");

        group.MapPost("/", async (CreateUnitRequest request, CreateUnitHandler handler, IStringLocalizer<SharedResource> l, CancellationToken ct) =>
                (await handler.HandleAsync(request, ct)).ToCreated(l, u => $"/api/units/{u.Id}"))
            .RequireAuthorization(Permissions.UnitsManage)
            .WithName("CreateUnit").WithSummary("Add a client unit with default subsystems and contract");

        group.MapPut("/{id:guid}", async (Guid id, UpdateUnitRequest request, UpdateUnitHandler handler, IStringLocalizer<SharedResource> l, CancellationToken ct) =>
                (await handler.HandleAsync(id, request, ct)).ToOk(l))
            .RequireAuthorization(Permissions.UnitsManage)
            .WithName("UpdateUnit").WithSummary("Rename, change the address of, or deactivate a unit");

        group.MapPut("/{id:guid}/contract", async (Guid id, UpdateContractRequest request, UpdateContractHandler handler, IStringLocalizer<SharedResource> l, CancellationToken ct) =>
                (await handler.HandleAsync(id, request, ct)).ToOk(l))
            .RequireAuthorization(Permissions.ContractsManage)
            .WithName("UpdateContract").WithSummary("Edit the unit's service contract and SLA targets");
    }
}
