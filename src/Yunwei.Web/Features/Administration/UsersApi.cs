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

        group.MapPost("/", async (CreateUserRequest request, CreateUserHandler handler, IStringLocalizer<SharedResource> l, CancellationToken ct) =>
                (await handler.HandleAsync(request, ct)).ToCreated(l, u => $"/api/users/{u.Id}"))
            .WithName("CreateUser").WithSummary("Add a user with one role and their units");

        group.MapPut("/{id:guid}", async (Guid id, UpdateUserRequest request, UpdateUserHandler handler, IStringLocalizer<SharedResource> l, CancellationToken ct) =>
                (await handler.HandleAsync(id, request, ct)).ToNoContent(l))
            .WithName("UpdateUser").WithSummary("Edit a user's name, contact details, role and units");

        group.MapPost("/{id:guid}/{change}", async (Guid id, UserAccessChange change, ChangeUserAccessHandler handler, IStringLocalizer<SharedResource> l, CancellationToken ct) =>
                (await handler.HandleAsync(id, change, ct)).ToOk(l))
            .WithName("ChangeUserAccess").WithSummary("Deactivate, Activate, Unlock or ResetPassword");
    }
}
