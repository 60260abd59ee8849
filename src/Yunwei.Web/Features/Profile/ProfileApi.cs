using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Localization;
using Yunwei.Domain.Administration;
using Yunwei.Web.Infrastructure;

namespace Yunwei.Web.Features.Profile;

public sealed record Me(Guid? Id, string? UserName, string? DisplayName, Party Party, IReadOnlyList<string> Roles, IReadOnlyList<Guid> UnitIds, bool SeesAllUnits);

public static class ProfileApi
{
    public static void MapProfileApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/me").WithTags("Profile").RequireAuthorization(Permissions.ApiTokensOwn);

        group.MapGet("/", Me)
            .WithName("Me").WithSummary("The caller: roles and units");

        group.MapGet("/tokens", ListTokens)
            .WithName("ListTokens").WithSummary("The caller's personal access tokens (never the secret)");

        group.MapDelete("/tokens/{id:guid}", RevokeToken)
            .WithName("RevokeToken").WithSummary("Revoke one of the caller's tokens");
    }

    private static Ok<Me> Me(CurrentUser user)
        => TypedResults.Ok(
            new Me(user.UserId, user.UserName, user.DisplayName, user.Party, user.Roles, user.UnitIds, user.SeesAllUnits));

    private static async Task<Ok<IReadOnlyList<TokenSummary>>> ListTokens(ListTokensHandler handler, CancellationToken ct)
        => TypedResults.Ok(await handler.HandleAsync(ct));

    private static async Task<Results<NoContent, ProblemHttpResult>> RevokeToken(
        Guid id, RevokeTokenHandler handler, IStringLocalizer<SharedResource> l, CancellationToken ct)
        => await handler.HandleAsync(id, ct) ? TypedResults.NoContent() : Problems.NotFound(l);
}
