using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Localization;
using Yunwei.Domain.Administration;
using Yunwei.Web.Infrastructure;

namespace Yunwei.Web.Features.Staff;

public static class StaffApi
{
    public static void MapStaffApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/units/{unitId:guid}/staff", GetStaff)
            .RequireAuthorization(Permissions.StaffView)
            .WithTags("Staff").WithName("GetStaff").WithSummary("The unit's engineers (profiles, certificates, training), who served when, and the provider's leadership contacts");
        app.MapPut("/api/staff/{userId:guid}/profile", SaveEngineerProfile)
            .RequireAuthorization(Permissions.StaffView)
            .WithTags("Staff").WithName("SaveEngineerProfile").WithSummary("An engineer's profile (their own, or anyone's for the provider's management)");
    }

    private static async Task<Results<Ok<StaffView>, ProblemHttpResult>> GetStaff(
        Guid unitId, StaffHandler handler, IStringLocalizer<SharedResource> l, CancellationToken ct)
        => await handler.GetAsync(unitId, ct) is { } view ? TypedResults.Ok(view) : Problems.NotFound(l);

    private static async Task<Results<Ok<Guid>, ValidationProblem, ProblemHttpResult>> SaveEngineerProfile(
        Guid userId, ProfileRequest request, StaffHandler handler, IStringLocalizer<SharedResource> l, CancellationToken ct)
        => (await handler.SaveProfileAsync(userId, request, ct)).ToOk(l);
}
