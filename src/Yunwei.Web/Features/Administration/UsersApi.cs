using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Localization;
using Yunwei.Domain.Administration;
using Yunwei.Web.Infrastructure;

namespace Yunwei.Web.Features.Administration;

public static class UsersApi
{
    public static void MapUsersApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/users").WithTags("Users").RequireAuthorization(Permissions.UsersManage);

        group.MapGet("/", async (Guid? unitId, ListUsersHandler handler, CancellationToken ct) =>
                TypedResults.Ok(await handler.HandleAsync(unitId, ct)))
            .WithName("ListUsers").WithSummary("Users the caller may manage");

        group.MapPost("/", async Task<Results<Created<CreatedUser>, ValidationProblem>> (
                CreateUserRequest request, CreateUserHandler handler, IStringLocalizer<SharedResource> l, CancellationToken ct) =>
            {
                var outcome = await handler.HandleAsync(request, ct);
                return outcome.Succeeded
                    ? TypedResults.Created($"/api/users/{outcome.Value!.Id}", outcome.Value)
                    : outcome.Errors!.ToProblem(l);
            })
            .WithName("CreateUser").WithSummary("Add a user with one role and their units");

        group.MapPut("/{id:guid}", async Task<Results<NoContent, ValidationProblem, ProblemHttpResult>> (
                Guid id, UpdateUserRequest request, UpdateUserHandler handler, IStringLocalizer<SharedResource> l, CancellationToken ct) =>
            {
                var outcome = await handler.HandleAsync(id, request, ct);
                return outcome switch
                {
                    { IsNotFound: true } => Problems.NotFound(l),
                    { Errors: { } errors } => errors.ToProblem(l),
                    _ => TypedResults.NoContent(),
                };
            })
            .WithName("UpdateUser").WithSummary("Edit a user's name, contact details, role and units");

        group.MapPost("/{id:guid}/{change}", async Task<Results<Ok<UserAccessChanged>, ValidationProblem, ProblemHttpResult>> (
                Guid id, UserAccessChange change, ChangeUserAccessHandler handler, IStringLocalizer<SharedResource> l, CancellationToken ct) =>
            {
                var outcome = await handler.HandleAsync(id, change, ct);
                return outcome switch
                {
                    { IsNotFound: true } => Problems.NotFound(l),
                    { Errors: { } errors } => errors.ToProblem(l),
                    _ => TypedResults.Ok(outcome.Value!),
                };
            })
            .WithName("ChangeUserAccess").WithSummary("Deactivate, Activate, Unlock or ResetPassword");
    }
}
