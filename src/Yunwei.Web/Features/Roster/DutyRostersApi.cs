using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Localization;
using Yunwei.Domain.Administration;
using Yunwei.Web.Infrastructure;

namespace Yunwei.Web.Features.Roster;

public static class DutyRostersApi
{
    public static void MapDutyRostersApi(this IEndpointRouteBuilder app)
    {
        var unit = app.MapGroup("/api/units/{unitId:guid}").WithTags("Roster");
        unit.MapGet("/roster/{month}", GetRoster)
            .RequireAuthorization(Permissions.RosterView)
            .WithName("GetRoster").WithSummary("A month's duty roster (month as yyyy-MM) with its coverage gaps and the days that need backups");
        unit.MapPost("/roster/shifts", AddShift)
            .RequireAuthorization(Permissions.RosterManage)
            .WithName("AddShift").WithSummary("Add a shift (day 08–18, night 18–08, on call 24 h, or given hours); an engineer's shifts never overlap");
        unit.MapPost("/roster/{month}/publish", PublishRoster)
            .RequireAuthorization(Permissions.RosterManage)
            .WithName("PublishRoster").WithSummary("Publish: refused without backups on holidays and special periods; uncovered hours need an acknowledgement");
        unit.MapGet("/roster/year/{year:int}", RosterYear)
            .RequireAuthorization(Permissions.RosterView)
            .WithName("RosterYear").WithSummary("Each month of a year: roster state, hours nobody is on duty, holiday days without backups");
        unit.MapGet("/duty-now", DutyNow)
            .RequireAuthorization(Permissions.UnitsView)
            .WithName("DutyNow").WithSummary("Who is on duty now, the backups reachable now and the next shift");
        app.MapPost("/api/shifts/{id:guid}/swap", SwapShift)
            .RequireAuthorization(Permissions.RosterManage)
            .WithTags("Roster").WithName("SwapShift").WithSummary("Hand a shift to another engineer with the reason (kept in the roster's history)");
        app.MapDelete("/api/shifts/{id:guid}", RemoveShift)
            .RequireAuthorization(Permissions.RosterManage)
            .WithTags("Roster").WithName("RemoveShift").WithSummary("Remove a shift (the month returns to draft)");
    }

    private static async Task<Results<Ok<RosterView>, ProblemHttpResult>> GetRoster(
        Guid unitId, string month, DutyRostersHandler handler, IStringLocalizer<SharedResource> l, CancellationToken ct)
        => Format.Month(month) is { } m && await handler.GetAsync(unitId, m, ct) is { } view ? TypedResults.Ok(view) : Problems.NotFound(l);

    private static async Task<Results<Created<Guid>, ValidationProblem, ProblemHttpResult>> AddShift(
        Guid unitId, ShiftRequest request, DutyRostersHandler handler, IStringLocalizer<SharedResource> l, CancellationToken ct)
        => (await handler.AddShiftAsync(unitId, request, ct)).ToCreated(l, id => $"/api/shifts/{id}");

    private static async Task<Results<Ok<RosterView>, ValidationProblem, ProblemHttpResult>> PublishRoster(
        Guid unitId, string month, PublishRequest request, DutyRostersHandler handler, IStringLocalizer<SharedResource> l, CancellationToken ct)
        => Format.Month(month) is { } m ? (await handler.PublishAsync(unitId, m, request, ct)).ToOk(l) : Problems.NotFound(l);

    private static async Task<Results<Ok<IReadOnlyList<MonthCoverage>>, ProblemHttpResult>> RosterYear(
        Guid unitId, int year, DutyRostersHandler handler, IStringLocalizer<SharedResource> l, CancellationToken ct)
        => year is >= 2000 and <= 2100 && await handler.YearAsync(unitId, year, ct) is { } months ? TypedResults.Ok(months) : Problems.NotFound(l);

    private static async Task<Results<Ok<DutyNow>, ProblemHttpResult>> DutyNow(
        Guid unitId, DutyRostersHandler handler, IStringLocalizer<SharedResource> l, CancellationToken ct)
        => await handler.NowAsync(unitId, ct) is { } now ? TypedResults.Ok(now) : Problems.NotFound(l);

    private static async Task<Results<Ok<Guid>, ValidationProblem, ProblemHttpResult>> SwapShift(
        Guid id, SwapRequest request, DutyRostersHandler handler, IStringLocalizer<SharedResource> l, CancellationToken ct)
        => (await handler.SwapAsync(id, request, ct)).ToOk(l);

    private static async Task<Results<NoContent, ProblemHttpResult>> RemoveShift(
        Guid id, DutyRostersHandler handler, IStringLocalizer<SharedResource> l, CancellationToken ct)
        => await handler.RemoveShiftAsync(id, ct) ? TypedResults.NoContent() : Problems.NotFound(l);
}
