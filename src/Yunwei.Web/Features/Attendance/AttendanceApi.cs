using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Localization;
using Yunwei.Domain.Administration;
using Yunwei.Domain.Signatures;
using Yunwei.Web.Infrastructure;

namespace Yunwei.Web.Features.Attendance;

public static class AttendanceApi
{
    public sealed record CheckBody(CheckAction Action);

    public sealed record SignBody(IReadOnlyList<IReadOnlyList<InkPoint>>? Signature);

    public static void MapAttendanceApi(this IEndpointRouteBuilder app)
    {
        var unit = app.MapGroup("/api/units/{unitId:guid}/attendance").WithTags("Attendance").RequireAuthorization(Permissions.StaffView);
        unit.MapPost("/check", CheckInOut)
            .WithName("CheckInOut").WithSummary("Check in or out now (a second check-in keeps the first; the last check-out counts)");
        unit.MapGet("/{userId:guid}/{month}", AttendanceSheet)
            .WithName("AttendanceSheet").WithSummary("An engineer's month (yyyy-MM): each day against the unit's working calendar, totals, the client's signature");
        unit.MapGet("/{userId:guid}/{month}.xlsx", AttendanceSheetExcel)
            .WithName("AttendanceSheetExcel").WithSummary("The month's attendance sheet as Excel");
        unit.MapPost("/{userId:guid}/{month}/sign", SignAttendanceSheet)
            .WithName("SignAttendanceSheet").WithSummary("The client signs a finished month's sheet");
    }

    private static async Task<Results<Ok<Domain.Attendance.AttendanceDay>, ValidationProblem, ProblemHttpResult>> CheckInOut(
        Guid unitId, CheckBody body, AttendanceHandler handler, IStringLocalizer<SharedResource> l, CancellationToken ct)
        => (await handler.CheckAsync(unitId, body.Action, ct)).ToOk(l);

    private static async Task<Results<Ok<AttendanceSheetView>, ProblemHttpResult>> AttendanceSheet(
        Guid unitId, Guid userId, string month, AttendanceHandler handler, IStringLocalizer<SharedResource> l, CancellationToken ct)
        => Format.Month(month) is { } m && await handler.SheetAsync(unitId, userId, m, ct) is { } sheet ? TypedResults.Ok(sheet) : Problems.NotFound(l);

    private static async Task<Results<FileContentHttpResult, ProblemHttpResult>> AttendanceSheetExcel(
        Guid unitId, Guid userId, string month, AttendanceHandler handler, IStringLocalizer<SharedResource> l, CancellationToken ct)
        => Format.Month(month) is { } m && await handler.SheetAsync(unitId, userId, m, ct) is { } sheet
            ? TypedResults.File(AttendanceHandler.Excel(sheet, l), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", $"考勤表-{sheet.EngineerName}-{m:yyyy-MM}.xlsx")
            : Problems.NotFound(l);

    private static async Task<Results<Ok<Guid>, ValidationProblem, ProblemHttpResult>> SignAttendanceSheet(
        Guid unitId, Guid userId, string month, SignBody body, AttendanceHandler handler, IStringLocalizer<SharedResource> l, CancellationToken ct)
        => Format.Month(month) is { } m ? (await handler.SignAsync(unitId, userId, m, body.Signature, ct)).ToOk(l) : Outcome<Guid>.NotFound().ToOk(l);
}
