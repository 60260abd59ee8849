using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Yunwei.Data;
using Yunwei.Domain;
using Yunwei.Domain.Administration;
using Yunwei.Domain.Faults;
using Yunwei.Domain.Inspections;
using Yunwei.Web.Features.Faults;
using Yunwei.Web.Infrastructure;

namespace Yunwei.Web.Features.Inspections;

public sealed record FindingTarget(string? ItemKey, Guid? AssetId);

/// <param name="LocationId">For a finding not about one asset: where (defaults to where the inspected assets are).</param>
public sealed record FindingToFaultRequest(string? ItemKey, Guid? AssetId, FaultLevel? ProposedLevel = null, Guid? LocationId = null, string? Description = null);

public sealed record FindingToRiskRequest(string? ItemKey, Guid? AssetId, RiskSeverity Severity = RiskSeverity.Medium, string? Description = null,
    string? Solution = null, string? Owner = null, DateOnly? TargetDate = null);

/// <summary>
/// A flagged answer becomes, in one action, a fault (through the same intake as every report,
/// pre-filled and linked back) or a hidden risk on the register. Each at most once per answer.
/// </summary>
public sealed class InspectionFindingsHandler(IDbContextFactory<YunweiDbContext> dbFactory, CurrentUser currentUser, ReportFaultHandler intake, RisksHandler risks)
{
    public async Task<Outcome<ReportedFault>> ToFaultAsync(Guid inspectionId, FindingToFaultRequest request, CancellationToken cancellationToken = default)
    {
        if (!currentUser.Can(Permissions.InspectionsPerform))
        {
            return Outcome<ReportedFault>.NotAllowed();
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var (inspection, entry, item, target, refused) = await FindAsync(db, inspectionId, request.ItemKey, request.AssetId, cancellationToken);
        if (refused is not null)
        {
            return refused.IsNotFound ? Outcome<ReportedFault>.NotFound() : Outcome<ReportedFault>.Invalid(refused.Errors!);
        }

        if (entry!.FaultId is { } existing)
        {
            var number = await db.Faults.Where(f => f.Id == existing).Select(f => f.Number).FirstAsync(cancellationToken);
            return Outcome<ReportedFault>.Ok(new ReportedFault(existing, number, true));
        }

        var location = request.LocationId;
        if (target is null && location is null)
        {
            // A room-level finding (the cold aisle is too warm): where the inspected assets are.
            var assetIds = inspection!.Targets.Select(t => t.AssetId).ToList();
            location = (await db.Assets.AsNoTracking().Where(a => assetIds.Contains(a.Id) && a.LocationId != null).Select(a => a.LocationId).ToListAsync(cancellationToken))
                .GroupBy(l => l).OrderByDescending(g => g.Count()).Select(g => g.Key).FirstOrDefault();
        }

        var subsystem = await db.Subsystems.Where(s => s.Id == inspection!.SubsystemId).Select(s => s.Name).FirstAsync(cancellationToken);
        var outcome = await intake.HandleAsync(inspection!.ClientUnitId, new ReportFaultRequest(
            Title: $"巡检发现：{item!.Name}{(target is null ? "" : $"（{target.Name}）")}",
            Description: request.Description?.Trim() is { Length: > 0 } d ? d : Describe(inspection, subsystem, item, target, entry),
            AssetId: target?.AssetId,
            LocationId: target is null ? location : null,
            ProposedLevel: request.ProposedLevel,
            Channel: FaultChannel.Inspection), $"inspection:{entry.Id:N}", cancellationToken: cancellationToken);
        if (outcome.Value is { } fault)
        {
            entry.FaultId = fault.Id;
            await db.SaveChangesAsync(cancellationToken);
        }

        return outcome;
    }

    public async Task<Outcome<RiskView>> ToRiskAsync(Guid inspectionId, FindingToRiskRequest request, CancellationToken cancellationToken = default)
    {
        if (!currentUser.Can(Permissions.InspectionsPerform))
        {
            return Outcome<RiskView>.NotAllowed();
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var (inspection, entry, item, target, refused) = await FindAsync(db, inspectionId, request.ItemKey, request.AssetId, cancellationToken);
        if (refused is not null)
        {
            return refused.IsNotFound ? Outcome<RiskView>.NotFound() : Outcome<RiskView>.Invalid(refused.Errors!);
        }

        if (entry!.RiskId is { } existing)
        {
            return await risks.GetAsync(existing, cancellationToken) is { } view ? Outcome<RiskView>.Ok(view) : Outcome<RiskView>.NotFound();
        }

        var subsystem = await db.Subsystems.Where(s => s.Id == inspection!.SubsystemId).Select(s => s.Name).FirstAsync(cancellationToken);
        var outcome = await risks.CreateAsync(inspection!.ClientUnitId, new RiskRequest(
            Description: request.Description?.Trim() is { Length: > 0 } d ? d : Describe(inspection, subsystem, item!, target, entry),
            Severity: request.Severity,
            SubsystemId: inspection.SubsystemId,
            AssetId: target?.AssetId,
            Solution: request.Solution,
            Owner: request.Owner,
            TargetDate: request.TargetDate), inspection.Id, cancellationToken);
        if (outcome.Value is { } risk)
        {
            entry.RiskId = risk.Id;
            await db.SaveChangesAsync(cancellationToken);
        }

        return outcome;
    }

    private static string Describe(Inspection inspection, string subsystem, ChecklistItem item, InspectionTarget? target, InspectionEntry entry)
    {
        var value = item.Kind == ChecklistItemKind.PassFail ? (entry.Value == "pass" ? "正常" : "异常") : $"{entry.Value}{(item.Unit is null ? "" : " " + item.Unit)}";
        var range = item.RangeText() is { } r ? $"，正常范围 {r}" : "";
        var result = entry.Result == ItemResult.Fault ? "故障" : entry.Result == ItemResult.Warning ? "警告" : "正常";
        return string.Create(CultureInfo.InvariantCulture,
            $"{inspection.Number} {subsystem}巡检{(target is null ? "" : $"，{target.Name}（{target.Code}）")}：{item.Name} {value}{range}，判定{result}。{entry.Note}").Trim();
    }

    private static async Task<(Inspection?, InspectionEntry?, ChecklistItem?, InspectionTarget?, Outcome<bool>?)> FindAsync(
        YunweiDbContext db, Guid inspectionId, string? itemKey, Guid? assetId, CancellationToken cancellationToken)
    {
        var inspection = await db.Inspections.AsNoTracking().FirstOrDefaultAsync(i => i.Id == inspectionId, cancellationToken);
        if (inspection is null)
        {
            return (null, null, null, null, Outcome<bool>.NotFound());
        }

        var asset = assetId ?? Guid.Empty;
        var entry = await db.InspectionEntries.FirstOrDefaultAsync(e => e.InspectionId == inspectionId && e.ItemKey == itemKey && e.AssetId == asset, cancellationToken);
        var item = inspection.Items.FirstOrDefault(i => i.Key == itemKey);
        if (entry is null || item is null)
        {
            return (null, null, null, null, Outcome<bool>.Invalid(new ValidationErrors().Add("ItemKey", "Inspection.Error.AnswerFirst")));
        }

        return (inspection, entry, item, inspection.Targets.FirstOrDefault(t => t.AssetId == asset), null);
    }
}
