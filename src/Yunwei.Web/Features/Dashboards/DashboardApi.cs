using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Yunwei.Data;
using Yunwei.Domain.Administration;
using Yunwei.Web.Infrastructure;

namespace Yunwei.Web.Features.Dashboards;

public static class DashboardApi
{
    public static void MapDashboardApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/units/{unitId:guid}/dashboard", UnitDashboard)
            .RequireAuthorization(Permissions.WorkView).WithTags("Dashboards")
            .WithName("UnitDashboard").WithSummary("A unit's dashboard figures (the client's view)");
        app.MapGet("/api/dashboard", Dashboard)
            .RequireAuthorization(Permissions.WorkView).WithTags("Dashboards")
            .WithName("Dashboard").WithSummary("The dashboard over every unit the user may see (the provider's view)");
    }

    private static async Task<Results<Ok<DashboardView>, ProblemHttpResult>> UnitDashboard(
        Guid unitId, DashboardHandler handler, IDbContextFactory<YunweiDbContext> dbFactory, IStringLocalizer<SharedResource> l, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.ClientUnits.AnyAsync(u => u.Id == unitId, ct) ? TypedResults.Ok(await handler.GetAsync([unitId], ct)) : Problems.NotFound(l);
    }

    private static async Task<Ok<DashboardView>> Dashboard(
        DashboardHandler handler, IDbContextFactory<YunweiDbContext> dbFactory, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return TypedResults.Ok(await handler.GetAsync(await db.ClientUnits.Select(u => u.Id).ToListAsync(ct), ct));
    }
}
