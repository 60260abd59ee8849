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

        group.MapGet("/", ListUsers)
            .WithName("ListUsers").WithSummary("Users the caller may manage");

        group.MapPost("/", CreateUser)
            .WithName("CreateUser").WithSummary("Add a user with one role and their units");

        group.MapPut("/{id:guid}", UpdateUser)
            .WithName("UpdateUser").WithSummary("Edit a user's name, contact details, role and units");

        group.MapPost("/{id:guid}/{change}", ChangeUserAccess)
            .WithName("ChangeUserAccess").WithSummary("Deactivate, Activate, Unlock or ResetPassword");
    }

    private static async Task<Ok<IReadOnlyList<UserSummary>>> ListUsers(Guid? unitId, ListUsersHandler handler, CancellationToken ct)
        => TypedResults.Ok(await handler.HandleAsync(unitId, ct));

    private static async Task<Results<Created<CreatedUser>, ValidationProblem, ProblemHttpResult>> CreateUser(
        CreateUserRequest request, CreateUserHandler handler, IStringLocalizer<SharedResource> l, CancellationToken ct)
        => (await handler.HandleAsync(request, ct)).ToCreated(l, u => $"/api/users/{u.Id}");

    private static async Task<Results<NoContent, ValidationProblem, ProblemHttpResult>> UpdateUser(
        Guid id, UpdateUserRequest request, UpdateUserHandler handler, IStringLocalizer<SharedResource> l, CancellationToken ct)
        => (await handler.HandleAsync(id, request, ct)).ToNoContent(l);

    private static async Task<Results<Ok<UserAccessChanged>, ValidationProblem, ProblemHttpResult>> ChangeUserAccess(
        Guid id, UserAccessChange change, ChangeUserAccessHandler handler, IStringLocalizer<SharedResource> l, CancellationToken ct)
        => (await handler.HandleAsync(id, change, ct)).ToOk(l);
}
