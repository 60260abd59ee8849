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

        group.MapGet("/", ListUnits)
            .WithName("ListUnits").WithSummary("Client units the caller may see");

        group.MapGet("/{id:guid}", GetUnit)
            .WithName("GetUnit").WithSummary("One client unit with its current service contract");

        group.MapPost("/", CreateUnit)
            .RequireAuthorization(Permissions.UnitsManage)
            .WithName("CreateUnit").WithSummary("Add a client unit with default subsystems and contract");

        group.MapPut("/{id:guid}", UpdateUnit)
            .RequireAuthorization(Permissions.UnitsManage)
            .WithName("UpdateUnit").WithSummary("Rename, change the address of, or deactivate a unit");

        group.MapPut("/{id:guid}/contract", UpdateContract)
            .RequireAuthorization(Permissions.ContractsManage)
            .WithName("UpdateContract").WithSummary("Edit the unit's service contract and SLA targets");
    }

    private static async Task<Ok<IReadOnlyList<Platform.UnitSummary>>> ListUnits(ListUnitsHandler handler, CancellationToken ct)
        => TypedResults.Ok(await handler.HandleAsync(ct));

    private static async Task<Results<Ok<UnitDetails>, ProblemHttpResult>> GetUnit(
        Guid id, GetUnitHandler handler, IStringLocalizer<SharedResource> l, CancellationToken ct)
        => await handler.HandleAsync(id, ct) is { } unit ? TypedResults.Ok(unit) : Problems.NotFound(l);

    private static async Task<Results<Created<Platform.UnitSummary>, ValidationProblem, ProblemHttpResult>> CreateUnit(
        CreateUnitRequest request, CreateUnitHandler handler, IStringLocalizer<SharedResource> l, CancellationToken ct)
        => (await handler.HandleAsync(request, ct)).ToCreated(l, u => $"/api/units/{u.Id}");

    private static async Task<Results<Ok<Platform.UnitSummary>, ValidationProblem, ProblemHttpResult>> UpdateUnit(
        Guid id, UpdateUnitRequest request, UpdateUnitHandler handler, IStringLocalizer<SharedResource> l, CancellationToken ct)
        => (await handler.HandleAsync(id, request, ct)).ToOk(l);

    private static async Task<Results<Ok<ContractDetails>, ValidationProblem, ProblemHttpResult>> UpdateContract(
        Guid id, UpdateContractRequest request, UpdateContractHandler handler, IStringLocalizer<SharedResource> l, CancellationToken ct)
        => (await handler.HandleAsync(id, request, ct)).ToOk(l);
}
