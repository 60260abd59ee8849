using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using Yunwei.Domain.Administration;
using Yunwei.Domain.Inspections;
using Yunwei.Web.Infrastructure;
using Yunwei.Web.Platform;

namespace Yunwei.Web.Features.Inspections;

public static class InspectionsApi
{
    public sealed record Planned(int Created);

    public static void MapInspectionsApi(this IEndpointRouteBuilder app)
    {
        var unit = app.MapGroup("/api/units/{unitId:guid}").WithTags("Inspections").RequireAuthorization(Permissions.WorkView);
        var subsystem = app.MapGroup("/api/subsystems/{subsystemId:guid}/checklist").WithTags("Inspections").RequireAuthorization(Permissions.WorkView);
        var inspection = app.MapGroup("/api/inspections/{id:guid}").WithTags("Inspections").RequireAuthorization(Permissions.WorkView);
        var risk = app.MapGroup("/api/risks/{id:guid}").WithTags("Risks").RequireAuthorization(Permissions.WorkView);

        unit.MapGet("/checklists", ListChecklists)
            .WithName("ListChecklists").WithSummary("Each subsystem's current checklist (巡检项) and its version");
        subsystem.MapGet("/", GetChecklist)
            .WithName("GetChecklist").WithSummary("A subsystem's checklist (the current version, or ?version=n) with its history");
        subsystem.MapPut("/", SaveChecklist)
            .RequireAuthorization(Permissions.InspectionsPlan)
            .WithName("SaveChecklist").WithSummary("Save the checklist as a new version (BaseVersion: the version edited; finished inspections keep theirs)");

        unit.MapGet("/inspection-schedules", ListInspectionSchedules)
            .WithName("ListInspectionSchedules").WithSummary("When each subsystem (or asset group) is inspected");
        unit.MapPost("/inspection-schedules", CreateInspectionSchedule)
            .RequireAuthorization(Permissions.InspectionsPlan)
            .WithName("CreateInspectionSchedule").WithSummary("Add a schedule: daily, weekly (weekday), monthly or quarterly (day of month), optionally for a group of assets");
        unit.MapPut("/inspection-schedules/{scheduleId:guid}", UpdateInspectionSchedule)
            .RequireAuthorization(Permissions.InspectionsPlan)
            .WithName("UpdateInspectionSchedule").WithSummary("Change a schedule (Revision as read; Active=false stops it)");
        unit.MapPost("/inspections/plan", PlanInspections)
            .RequireAuthorization(Permissions.InspectionsPlan)
            .WithName("PlanInspections").WithSummary("Create the inspections due from this period to a week ahead now (the planner also runs hourly)");
        unit.MapGet("/inspections", ListInspections)
            .WithName("ListInspections")
            .WithSummary("Inspections by due date: not finished, earliest first (default); open=false: finished, latest first; "
                + "all=true: all, latest first; overdue=true; keyset paging with after");

        inspection.MapGet("/", GetInspection)
            .WithName("GetInspection").WithSummary("An inspection with its checklist, assets and answers");
        inspection.MapPut("/entries", RecordInspectionEntry)
            .RequireAuthorization(Permissions.InspectionsPerform)
            .WithName("RecordInspectionEntry").WithSummary("Answer one item for one asset (AssetId omitted for items answered once); judged 正常/警告/故障 at once");
        inspection.MapPost("/photos", AddInspectionPhoto)
            .RequireAuthorization(Permissions.InspectionsPerform)
            .RequireAntiforgeryForCookies()
            .WithName("AddInspectionPhoto").WithSummary("Attach a photo to an answer (multipart: file, itemKey, assetId)");
        inspection.MapGet("/photos/{key}", GetInspectionPhoto)
            .WithName("GetInspectionPhoto").WithSummary("A photo taken on the inspection");
        inspection.MapPost("/finish", FinishInspection)
            .RequireAuthorization(Permissions.InspectionsPerform)
            .WithName("FinishInspection").WithSummary("Finish: every item answered, every required photo taken; writes the work log entry");
        inspection.MapPost("/findings/fault", InspectionFindingToFault)
            .RequireAuthorization(Permissions.InspectionsPerform)
            .WithName("InspectionFindingToFault").WithSummary("Report a fault from an answer, pre-filled and linked (once per answer)");
        inspection.MapPost("/findings/risk", InspectionFindingToRisk)
            .RequireAuthorization(Permissions.InspectionsPerform)
            .WithName("InspectionFindingToRisk").WithSummary("Register a hidden risk (隐患) from an answer (once per answer)");

        unit.MapGet("/risks", ListRisks)
            .WithTags("Risks").WithName("ListRisks").WithSummary("The risk register: open risks by default (state=Closed, or all=true)");
        unit.MapPost("/risks", CreateRisk)
            .RequireAuthorization(Permissions.RisksManage)
            .WithTags("Risks").WithName("CreateRisk").WithSummary("Register a hidden risk");
        risk.MapGet("/", GetRisk)
            .WithName("GetRisk").WithSummary("A risk with its follow-up notes");
        risk.MapPut("/", UpdateRisk)
            .RequireAuthorization(Permissions.RisksManage)
            .WithName("UpdateRisk").WithSummary("Change a risk (Revision as read)");
        risk.MapPost("/notes", AddRiskNote)
            .RequireAuthorization(Permissions.RisksManage)
            .WithName("AddRiskNote").WithSummary("Add a follow-up note");
        risk.MapPost("/close", CloseRisk)
            .RequireAuthorization(Permissions.RisksManage)
            .WithName("CloseRisk").WithSummary("Close a risk with how it was dealt with");
    }

    private static async Task<Results<Ok<IReadOnlyList<ChecklistSummary>>, ProblemHttpResult>> ListChecklists(
        Guid unitId, ChecklistsHandler handler, IStringLocalizer<SharedResource> l, CancellationToken ct)
        => await handler.ListAsync(unitId, ct) is { } rows ? TypedResults.Ok(rows) : Problems.NotFound(l);

    private static async Task<Results<Ok<IReadOnlyList<ScheduleView>>, ProblemHttpResult>> ListInspectionSchedules(
        Guid unitId, SchedulesHandler handler, IStringLocalizer<SharedResource> l, CancellationToken ct)
        => await handler.ListAsync(unitId, ct) is { } rows ? TypedResults.Ok(rows) : Problems.NotFound(l);

    private static async Task<Results<Created<ScheduleView>, ValidationProblem, ProblemHttpResult>> CreateInspectionSchedule(
        Guid unitId, SaveScheduleRequest request, SchedulesHandler handler, IStringLocalizer<SharedResource> l, CancellationToken ct)
        => (await handler.SaveAsync(unitId, null, request, ct)).ToCreated(l, s => $"/api/units/{unitId}/inspection-schedules/{s.Id}");

    private static async Task<Results<Ok<ScheduleView>, ValidationProblem, ProblemHttpResult>> UpdateInspectionSchedule(
        Guid unitId, Guid scheduleId, SaveScheduleRequest request, SchedulesHandler handler, IStringLocalizer<SharedResource> l, CancellationToken ct)
        => (await handler.SaveAsync(unitId, scheduleId, request, ct)).ToOk(l);

    private static async Task<Results<Ok<Planned>, ProblemHttpResult>> PlanInspections(
        Guid unitId, SchedulesHandler handler, IStringLocalizer<SharedResource> l, CancellationToken ct)
        => await handler.ListAsync(unitId, ct) is null ? Problems.NotFound(l) : TypedResults.Ok(new Planned(await handler.PlanAsync(unitId, ct)));

    private static async Task<Results<Ok<InspectionPage>, ProblemHttpResult>> ListInspections(
        Guid unitId, bool? open, bool? all, bool? overdue, Guid? subsystemId, DateOnly? from, DateOnly? to, string? after, int? take,
        ListInspectionsHandler handler, IStringLocalizer<SharedResource> l, CancellationToken ct)
    {
        var query = new InspectionQuery(unitId, all == true ? null : open ?? true, overdue, subsystemId, from, to, after, take ?? 50);
        return await handler.HandleAsync(query, ct) is { } page ? TypedResults.Ok(page) : Problems.NotFound(l);
    }

    private static async Task<Results<Ok<IReadOnlyList<RiskView>>, ProblemHttpResult>> ListRisks(
        Guid unitId, RiskState? state, bool? all, RisksHandler handler, IStringLocalizer<SharedResource> l, CancellationToken ct)
        => await handler.ListAsync(unitId, all == true ? null : state ?? RiskState.Open, ct) is { } rows ? TypedResults.Ok(rows) : Problems.NotFound(l);

    private static async Task<Results<Created<RiskView>, ValidationProblem, ProblemHttpResult>> CreateRisk(
        Guid unitId, RiskRequest request, RisksHandler handler, IStringLocalizer<SharedResource> l, CancellationToken ct)
        => (await handler.CreateAsync(unitId, request, null, ct)).ToCreated(l, r => $"/api/risks/{r.Id}");

    private static async Task<Results<Ok<ChecklistView>, ProblemHttpResult>> GetChecklist(
        Guid subsystemId, int? version, ChecklistsHandler handler, IStringLocalizer<SharedResource> l, CancellationToken ct)
        => await handler.GetAsync(subsystemId, version, ct) is { } view ? TypedResults.Ok(view) : Problems.NotFound(l);

    private static async Task<Results<Ok<ChecklistView>, ValidationProblem, ProblemHttpResult>> SaveChecklist(
        Guid subsystemId, SaveChecklistRequest request, ChecklistsHandler handler, IStringLocalizer<SharedResource> l, CancellationToken ct)
        => (await handler.SaveAsync(subsystemId, request, ct)).ToOk(l);

    private static async Task<Results<Ok<InspectionDetail>, ProblemHttpResult>> GetInspection(
        Guid id, PerformInspectionHandler handler, IStringLocalizer<SharedResource> l, CancellationToken ct)
        => await handler.GetAsync(id, ct) is { } view ? TypedResults.Ok(view) : Problems.NotFound(l);

    private static async Task<Results<Ok<EntryView>, ValidationProblem, ProblemHttpResult>> RecordInspectionEntry(
        Guid id, RecordEntryRequest request, PerformInspectionHandler handler, IStringLocalizer<SharedResource> l, CancellationToken ct)
        => (await handler.RecordAsync(id, request, ct)).ToOk(l);

    private static async Task<Results<Ok<EntryView>, ValidationProblem, ProblemHttpResult>> AddInspectionPhoto(
        Guid id, IFormFile? file, [FromForm] string? itemKey, [FromForm] Guid? assetId, PerformInspectionHandler handler,
        IStringLocalizer<SharedResource> l, CancellationToken ct)
    {
        await using var stream = file?.OpenReadStream() ?? Stream.Null;
        return (await handler.AddPhotoAsync(id, itemKey, assetId, new UploadedFile(stream, file?.FileName, file?.Length ?? 0), ct)).ToOk(l);
    }

    private static async Task<Results<FileStreamHttpResult, ProblemHttpResult>> GetInspectionPhoto(
        Guid id, string key, PerformInspectionHandler handler, IStringLocalizer<SharedResource> l, CancellationToken ct)
        => await handler.PhotoAsync(id, key, ct) is { } photo ? TypedResults.File(photo.Content, photo.ContentType) : Problems.NotFound(l);

    private static async Task<Results<Ok<InspectionDetail>, ValidationProblem, ProblemHttpResult>> FinishInspection(
        Guid id, FinishInspectionRequest request, PerformInspectionHandler handler, IStringLocalizer<SharedResource> l, CancellationToken ct)
        => (await handler.FinishAsync(id, request, ct)).ToOk(l);

    private static async Task<Results<Ok<Faults.ReportedFault>, ValidationProblem, ProblemHttpResult>> InspectionFindingToFault(
        Guid id, FindingToFaultRequest request, InspectionFindingsHandler handler, IStringLocalizer<SharedResource> l, CancellationToken ct)
        => (await handler.ToFaultAsync(id, request, ct)).ToOk(l);

    private static async Task<Results<Ok<RiskView>, ValidationProblem, ProblemHttpResult>> InspectionFindingToRisk(
        Guid id, FindingToRiskRequest request, InspectionFindingsHandler handler, IStringLocalizer<SharedResource> l, CancellationToken ct)
        => (await handler.ToRiskAsync(id, request, ct)).ToOk(l);

    private static async Task<Results<Ok<RiskView>, ProblemHttpResult>> GetRisk(
        Guid id, RisksHandler handler, IStringLocalizer<SharedResource> l, CancellationToken ct)
        => await handler.GetAsync(id, ct) is { } view ? TypedResults.Ok(view) : Problems.NotFound(l);

    private static async Task<Results<Ok<RiskView>, ValidationProblem, ProblemHttpResult>> UpdateRisk(
        Guid id, RiskRequest request, RisksHandler handler, IStringLocalizer<SharedResource> l, CancellationToken ct)
        => (await handler.UpdateAsync(id, request, ct)).ToOk(l);

    private static async Task<Results<Ok<RiskView>, ValidationProblem, ProblemHttpResult>> AddRiskNote(
        Guid id, RiskNoteRequest request, RisksHandler handler, IStringLocalizer<SharedResource> l, CancellationToken ct)
        => (await handler.AddNoteAsync(id, request, ct)).ToOk(l);

    private static async Task<Results<Ok<RiskView>, ValidationProblem, ProblemHttpResult>> CloseRisk(
        Guid id, CloseRiskRequest request, RisksHandler handler, IStringLocalizer<SharedResource> l, CancellationToken ct)
        => (await handler.CloseAsync(id, request, ct)).ToOk(l);
}
