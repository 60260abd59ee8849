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
        unit.MapGet("/", GetCalendar)
            .RequireAuthorization(Permissions.UnitsView)
            .WithName("GetCalendar").WithSummary("A year of the unit's calendar: holidays, make-up working days, special periods");
        unit.MapPost("/import", ImportCalendar)
            .RequireAntiforgeryForCookies()
            .RequireAuthorization(Permissions.ContractsManage)
            .WithName("ImportCalendar").WithSummary("Import a holiday-cn yearly JSON file (all entries or none; the file speaks for its year)");
        unit.MapPut("/days/{date}", SetCalendarDay)
            .RequireAuthorization(Permissions.ContractsManage)
            .WithName("SetCalendarDay").WithSummary("Add or change a holiday or make-up working day by hand (date as yyyy-MM-dd)");
        unit.MapDelete("/days/{date}", RemoveCalendarDay)
            .RequireAuthorization(Permissions.ContractsManage)
            .WithName("RemoveCalendarDay").WithSummary("Remove a holiday or make-up day");
        unit.MapPost("/periods", AddSpecialPeriod)
            .RequireAuthorization(Permissions.ContractsManage)
            .WithName("AddSpecialPeriod").WithSummary("Designate a special period (e.g. a major event week): the roster needs backups then");
        app.MapDelete("/api/calendar-periods/{id:guid}", RemoveSpecialPeriod)
            .RequireAuthorization(Permissions.ContractsManage)
            .WithTags("Calendar").WithName("RemoveSpecialPeriod").WithSummary("Remove a special period");
    }

    private static async Task<Results<Ok<CalendarView>, ValidationProblem, ProblemHttpResult>> GetCalendar(
        Guid unitId, int? year, CalendarsHandler handler, TimeProvider time, IStringLocalizer<SharedResource> l, CancellationToken ct)
    {
        if (year is < CalendarsHandler.MinYear or > CalendarsHandler.MaxYear)
        {
            return new ValidationErrors().Add("Year", "Validation.Range", CalendarsHandler.MinYear, CalendarsHandler.MaxYear).ToProblem(l);
        }

        return await handler.GetAsync(unitId, year ?? Yunwei.Domain.ChinaTime.Today(time.GetUtcNow()).Year, ct) is { } view ? TypedResults.Ok(view) : Problems.NotFound(l);
    }

    private static async Task<Results<Ok<CalendarImportResult>, ValidationProblem, ProblemHttpResult>> ImportCalendar(
        Guid unitId, IFormFile? file, CalendarsHandler handler, IStringLocalizer<SharedResource> l, CancellationToken ct)
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
    }

    private static async Task<Results<Ok<CalendarDayRow>, ValidationProblem, ProblemHttpResult>> SetCalendarDay(
        Guid unitId, DateOnly date, CalendarDayRequest request, CalendarsHandler handler, IStringLocalizer<SharedResource> l, CancellationToken ct)
        => (await handler.SetDayAsync(unitId, date, request, ct)).ToOk(l);

    private static async Task<Results<NoContent, ProblemHttpResult>> RemoveCalendarDay(
        Guid unitId, DateOnly date, CalendarsHandler handler, IStringLocalizer<SharedResource> l, CancellationToken ct)
        => await handler.RemoveDayAsync(unitId, date, ct) ? TypedResults.NoContent() : Problems.NotFound(l);

    private static async Task<Results<Created<Guid>, ValidationProblem, ProblemHttpResult>> AddSpecialPeriod(
        Guid unitId, SpecialPeriodRequest request, CalendarsHandler handler, IStringLocalizer<SharedResource> l, CancellationToken ct)
        => (await handler.AddPeriodAsync(unitId, request, ct)).ToCreated(l, id => $"/api/calendar-periods/{id}");

    private static async Task<Results<NoContent, ProblemHttpResult>> RemoveSpecialPeriod(
        Guid id, CalendarsHandler handler, IStringLocalizer<SharedResource> l, CancellationToken ct)
        => await handler.RemovePeriodAsync(id, ct) ? TypedResults.NoContent() : Problems.NotFound(l);
}
