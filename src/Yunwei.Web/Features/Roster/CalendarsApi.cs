using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Localization;
using Yunwei.Domain.Administration;
using Yunwei.Domain.Roster;
using Yunwei.Web.Infrastructure;

namespace Yunwei.Web.Features.Roster;

public static class CalendarsApi
{
    public static void MapCalendarsApi(this IEndpointRouteBuilder app)
    {
        var unit = app.MapGroup("/api/units/{unitId:guid}/calendar").WithTags("Calendar");
        unit.MapGet("/", async Task<Results<Ok<CalendarView>, ProblemHttpResult>> (Guid unitId, int? year, CalendarsHandler handler, TimeProvider time, IStringLocalizer<SharedResource> l, CancellationToken ct) =>
                await handler.GetAsync(unitId, year ?? Yunwei.Domain.ChinaTime.Today(time.GetUtcNow()).Year, ct) is { } view ? TypedResults.Ok(view) : Problems.NotFound(l))
            .RequireAuthorization(Permissions.UnitsView)
            .WithName("GetCalendar").WithSummary("A year of the unit's calendar: holidays, make-up working days, special periods");
        unit.MapPost("/import", async Task<Results<Ok<CalendarImportResult>, ValidationProblem, ProblemHttpResult>> (
                Guid unitId, IFormFile? file, CalendarsHandler handler, IStringLocalizer<SharedResource> l, CancellationToken ct) =>
            {
                if (file is null)
                {
                    return new ValidationErrors().Add("file", "Validation.Required").ToProblem(l);
                }

                if (file.Length > HolidayCnFile.MaxBytes)
                {
                    return new ValidationErrors().Add("file", "Calendar.Error.TooLarge", HolidayCnFile.MaxBytes / 1024).ToProblem(l);
                }

                using var reader = new StreamReader(file.OpenReadStream());
                return (await handler.ImportAsync(unitId, await reader.ReadToEndAsync(ct), ct)).ToOk(l);
            })
            .DisableAntiforgery()
            .RequireAuthorization(Permissions.ContractsManage)
            .WithName("ImportCalendar").WithSummary("Import a holiday-cn yearly JSON file (all entries or none; the file speaks for its year)");
        unit.MapPut("/days/{date}", async (Guid unitId, DateOnly date, CalendarDayRequest request, CalendarsHandler handler, IStringLocalizer<SharedResource> l, CancellationToken ct) =>
                (await handler.SetDayAsync(unitId, date, request, ct)).ToOk(l))
            .RequireAuthorization(Permissions.ContractsManage)
            .WithName("SetCalendarDay").WithSummary("Add or change a holiday or make-up working day by hand (date as yyyy-MM-dd)");
        unit.MapDelete("/days/{date}", async Task<Results<NoContent, ProblemHttpResult>> (Guid unitId, DateOnly date, CalendarsHandler handler, IStringLocalizer<SharedResource> l, CancellationToken ct) =>
                await handler.RemoveDayAsync(unitId, date, ct) ? TypedResults.NoContent() : Problems.NotFound(l))
            .RequireAuthorization(Permissions.ContractsManage)
            .WithName("RemoveCalendarDay").WithSummary("Remove a holiday or make-up day");
        unit.MapPost("/periods", async (Guid unitId, SpecialPeriodRequest request, CalendarsHandler handler, IStringLocalizer<SharedResource> l, CancellationToken ct) =>
                (await handler.AddPeriodAsync(unitId, request, ct)).ToCreated(l, id => $"/api/calendar-periods/{id}"))
            .RequireAuthorization(Permissions.ContractsManage)
            .WithName("AddSpecialPeriod").WithSummary("Designate a special period (e.g. a major event week): the roster needs backups then");
        app.MapDelete("/api/calendar-periods/{id:guid}", async Task<Results<NoContent, ProblemHttpResult>> (Guid id, CalendarsHandler handler, IStringLocalizer<SharedResource> l, CancellationToken ct) =>
                await handler.RemovePeriodAsync(id, ct) ? TypedResults.NoContent() : Problems.NotFound(l))
            .RequireAuthorization(Permissions.ContractsManage)
            .WithTags("Calendar").WithName("RemoveSpecialPeriod").WithSummary("Remove a special period");
    }
}

public static class DutyRostersApi
{
    public static void MapDutyRostersApi(this IEndpointRouteBuilder app)
    {
        var unit = app.MapGroup("/api/units/{unitId:guid}").WithTags("Roster");
        unit.MapGet("/roster/{month}", async Task<Results<Ok<RosterView>, ProblemHttpResult>> (Guid unitId, string month, DutyRostersHandler handler, IStringLocalizer<SharedResource> l, CancellationToken ct) =>
                ParseMonth(month) is { } m && await handler.GetAsync(unitId, m, ct) is { } view ? TypedResults.Ok(view) : Problems.NotFound(l))
            .RequireAuthorization(Permissions.RosterView)
            .WithName("GetRoster").WithSummary("A month's duty roster (month as yyyy-MM) with its coverage gaps and the days that need backups");
        unit.MapPost("/roster/shifts", async (Guid unitId, ShiftRequest request, DutyRostersHandler handler, IStringLocalizer<SharedResource> l, CancellationToken ct) =>
                (await handler.AddShiftAsync(unitId, request, ct)).ToCreated(l, id => $"/api/shifts/{id}"))
            .RequireAuthorization(Permissions.RosterManage)
            .WithName("AddShift").WithSummary("Add a shift (day 08–18, night 18–08, on call 24 h, or given hours); an engineer's shifts never overlap");
        unit.MapPost("/roster/{month}/publish", async Task<Results<Ok<RosterView>, ValidationProblem, ProblemHttpResult>> (
                Guid unitId, string month, PublishRequest request, DutyRostersHandler handler, IStringLocalizer<SharedResource> l, CancellationToken ct) =>
                ParseMonth(month) is { } m ? (await handler.PublishAsync(unitId, m, request, ct)).ToOk(l) : Problems.NotFound(l))
            .RequireAuthorization(Permissions.RosterManage)
            .WithName("PublishRoster").WithSummary("Publish: refused without backups on holidays and special periods; uncovered hours need an acknowledgement");
        unit.MapGet("/roster/year/{year:int}", async Task<Results<Ok<IReadOnlyList<MonthCoverage>>, ProblemHttpResult>> (Guid unitId, int year, DutyRostersHandler handler, IStringLocalizer<SharedResource> l, CancellationToken ct) =>
                year is >= 2000 and <= 2100 && await handler.YearAsync(unitId, year, ct) is { } months ? TypedResults.Ok(months) : Problems.NotFound(l))
            .RequireAuthorization(Permissions.RosterView)
            .WithName("RosterYear").WithSummary("Each month of a year: roster state, hours nobody is on duty, holiday days without backups");
        unit.MapGet("/duty-now", async Task<Results<Ok<DutyNow>, ProblemHttpResult>> (Guid unitId, DutyRostersHandler handler, IStringLocalizer<SharedResource> l, CancellationToken ct) =>
                await handler.NowAsync(unitId, ct) is { } now ? TypedResults.Ok(now) : Problems.NotFound(l))
            .RequireAuthorization(Permissions.UnitsView)
            .WithName("DutyNow").WithSummary("Who is on duty now, the backups reachable now and the next shift");
        app.MapPost("/api/shifts/{id:guid}/swap", async (Guid id, SwapRequest request, DutyRostersHandler handler, IStringLocalizer<SharedResource> l, CancellationToken ct) =>
                (await handler.SwapAsync(id, request, ct)).ToOk(l))
            .RequireAuthorization(Permissions.RosterManage)
            .WithTags("Roster").WithName("SwapShift").WithSummary("Hand a shift to another engineer with the reason (kept in the roster's history)");
        app.MapDelete("/api/shifts/{id:guid}", async Task<Results<NoContent, ProblemHttpResult>> (Guid id, DutyRostersHandler handler, IStringLocalizer<SharedResource> l, CancellationToken ct) =>
                await handler.RemoveShiftAsync(id, ct) ? TypedResults.NoContent() : Problems.NotFound(l))
            .RequireAuthorization(Permissions.RosterManage)
            .WithTags("Roster").WithName("RemoveShift").WithSummary("Remove a shift (the month returns to draft)");
    }

    private static DateOnly? ParseMonth(string text) =>
        DateOnly.TryParseExact(text + "-01", "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.None, out var month) ? month : null;
}

public static class CalendarFeedsApi
{
    public sealed record FeedRequest(FeedKind Kind, Guid? UnitId);

    public static void MapCalendarFeedsApi(this IEndpointRouteBuilder app)
    {
        var feeds = app.MapGroup("/api/roster/feeds").WithTags("Roster").RequireAuthorization(Permissions.RosterView);
        feeds.MapGet("/", async (CalendarFeedsHandler handler, CancellationToken ct) => TypedResults.Ok(await handler.MineAsync(ct)))
            .WithName("ListCalendarFeeds").WithSummary("My calendar subscriptions");
        feeds.MapPost("/", async (FeedRequest request, HttpRequest http, IConfiguration configuration, CalendarFeedsHandler handler, IStringLocalizer<SharedResource> l, CancellationToken ct) =>
                (await handler.CreateAsync(request.Kind, request.UnitId, Assets.AssetQrCode.BaseUrl(configuration, http), ct)).ToCreated(l, f => $"/api/roster/feeds/{f.Id}"))
            .WithName("CreateCalendarFeed").WithSummary("A subscription URL (shown once) for my shifts (Engineer) or a unit's (Unit)");
        feeds.MapDelete("/{id:guid}", async Task<Results<NoContent, ProblemHttpResult>> (Guid id, CalendarFeedsHandler handler, IStringLocalizer<SharedResource> l, CancellationToken ct) =>
                await handler.RevokeAsync(id, ct) ? TypedResults.NoContent() : Problems.NotFound(l))
            .WithName("RevokeCalendarFeed").WithSummary("Revoke a subscription: its URL stops working");

        // Calendar apps fetch without signing in: the token in the URL is the key.
        app.MapGet("/ical/{token}.ics", async Task<Results<ContentHttpResult, NotFound>> (string token, IServiceProvider services, IStringLocalizer<SharedResource> l, CancellationToken ct) =>
            {
                services.GetRequiredService<CurrentUser>().ActAsSystem();
                return await services.GetRequiredService<CalendarFeedsHandler>().RenderAsync(token, l, ct) is { } text
                    ? TypedResults.Content(text, "text/calendar; charset=utf-8")
                    : TypedResults.NotFound();
            })
            .AllowAnonymous().ExcludeFromDescription();
    }
}
