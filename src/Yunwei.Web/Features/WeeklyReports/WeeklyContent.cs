using Microsoft.EntityFrameworkCore;
using Yunwei.Data;
using Yunwei.Domain.Inspections;
using Yunwei.Domain.Training;
using Yunwei.Domain.WorkLog;

namespace Yunwei.Web.Features.WeeklyReports;

public sealed record ReportInspection(string Number, string Subsystem, DateOnly DueOn, InspectionState State, DateTime? FinishedAt, string? Inspector, string? Summary);

/// <param name="Action">What was done about a finding: the fault or risk number.</param>
public sealed record ReportLine(string Inspection, string Subsystem, string? AssetCode, string? AssetName, string Item, string? Range, string Value, ItemResult Result, string? Note, string? Action);

public sealed record ReportRisk(string Number, string? Subsystem, string Description, RiskSeverity Severity, string? Solution, string? Owner, DateOnly? TargetDate, RiskState State, string? Closure);

public sealed record ReportTraining(DateTime At, TrainingKind Kind, string Topic, string Trainer, int Attendees, decimal Hours);

/// <summary>The generated part of the weekly inspection report (信息化系统设备巡检报告).</summary>
public sealed record InspectionReportContent(
    string Unit, DateOnly WeekStart, IReadOnlyList<string> Inspectors, IReadOnlyList<ReportInspection> Inspections,
    IReadOnlyList<ReportLine> Lines, IReadOnlyList<ReportRisk> Risks, IReadOnlyList<ReportTraining> Training)
{
    public IEnumerable<ReportLine> Anomalies => Lines.Where(l => l.Result != ItemResult.Normal);

    public bool IsEmpty => Inspections.Count == 0 && Risks.Count == 0 && Training.Count == 0;
}

public sealed record WorkloadRow(DateOnly Date, string? Subsystem, WorkType Type, string? Reference, string Content, string Handler, decimal Hours, string? Result, bool OutOfScope);

public sealed record WorkloadTotal(WorkType Type, int Count, decimal Hours);

/// <summary>The generated weekly workload list (信息化系统维保工作量清单).</summary>
public sealed record WorkloadContent(string Unit, DateOnly WeekStart, IReadOnlyList<string> Engineers, IReadOnlyList<WorkloadRow> Rows, IReadOnlyList<WorkloadTotal> Totals)
{
    public decimal TotalHours => Totals.Sum(t => t.Hours);

    public bool IsEmpty => Rows.Count == 0;
}

/// <summary>Builds the weekly deliverables from the work itself: inspections, risks, training, the work log.</summary>
public static class WeeklyContent
{
    public static async Task<InspectionReportContent> InspectionReportAsync(YunweiDbContext db, Guid unitId, DateOnly week, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var end = week.AddDays(6);
        var unit = await db.ClientUnits.AsNoTracking().Where(u => u.Id == unitId).Select(u => u.Name).FirstAsync(cancellationToken);
        var subsystems = await db.Subsystems.AsNoTracking().Where(s => s.ClientUnitId == unitId).ToDictionaryAsync(s => s.Id, s => (s.Name, s.SortOrder), cancellationToken);
        var inspections = (await db.Inspections.AsNoTracking().Where(i => i.ClientUnitId == unitId && i.DueOn >= week && i.DueOn <= end).ToListAsync(cancellationToken))
            .OrderBy(i => subsystems.GetValueOrDefault(i.SubsystemId).SortOrder).ThenBy(i => i.DueOn).ThenBy(i => i.Number).ToList();
        var ids = inspections.Select(i => i.Id).ToList();
        var entries = await db.InspectionEntries.AsNoTracking().Where(e => ids.Contains(e.InspectionId)).ToListAsync(cancellationToken);
        var faultIds = entries.Where(e => e.FaultId != null).Select(e => e.FaultId!.Value).ToList();
        var riskIds = entries.Where(e => e.RiskId != null).Select(e => e.RiskId!.Value).ToList();
        var faults = await db.Faults.AsNoTracking().Where(f => faultIds.Contains(f.Id)).ToDictionaryAsync(f => f.Id, f => f.Number, cancellationToken);
        var riskNumbers = await db.Risks.AsNoTracking().Where(r => riskIds.Contains(r.Id)).ToDictionaryAsync(r => r.Id, r => r.Number, cancellationToken);

        var lines = new List<ReportLine>();
        foreach (var inspection in inspections.Where(i => i.State != InspectionState.Planned))
        {
            var answers = entries.Where(e => e.InspectionId == inspection.Id).ToDictionary(e => (e.ItemKey, e.AssetId));
            var subsystem = subsystems.GetValueOrDefault(inspection.SubsystemId).Name ?? "";
            foreach (var (item, target) in InspectionRules.Pairs(inspection.Items, inspection.Targets))
            {
                if (!answers.TryGetValue((item.Key, target?.AssetId ?? Guid.Empty), out var e))
                {
                    continue;
                }

                var value = item.Kind == ChecklistItemKind.PassFail ? (e.Value == "pass" ? "正常" : "异常")
                    : $"{e.Value}{(item.Kind == ChecklistItemKind.Reading && item.Unit is not null ? " " + item.Unit : "")}";
                var action = string.Join(" ", new[] { e.FaultId is { } f ? faults.GetValueOrDefault(f) : null,
                    e.RiskId is { } r ? riskNumbers.GetValueOrDefault(r) : null }.Where(x => x is not null));
                lines.Add(new ReportLine(inspection.Number, subsystem, target?.Code, target?.Name, item.Name, item.RangeText(), value, e.Result, e.Note, action.Length == 0 ? null : action));
            }
        }

        var weekStartUtc = Domain.ChinaTime.ToUtc(week.ToDateTime(TimeOnly.MinValue));
        var weekEndUtc = weekStartUtc.AddDays(7);
        var risks = await db.Risks.AsNoTracking()
            .Where(r => r.ClientUnitId == unitId && r.CreatedAt < weekEndUtc && (r.State == RiskState.Open || r.ClosedAt >= weekStartUtc))
            .OrderByDescending(r => r.Severity).ThenBy(r => r.CreatedAt).ToListAsync(cancellationToken);
        var training = await db.TrainingSessions.AsNoTracking().Where(t => t.ClientUnitId == unitId && t.At >= weekStartUtc && t.At < weekEndUtc).OrderBy(t => t.At).ToListAsync(cancellationToken);
        return new InspectionReportContent(
            unit, week,
            [.. inspections.Where(i => i.InspectorName != null).Select(i => i.InspectorName!).Distinct()],
            [.. inspections.Select(i => new ReportInspection(i.Number, subsystems.GetValueOrDefault(i.SubsystemId).Name ?? "", i.DueOn, i.State, i.FinishedAt, i.InspectorName, i.Summary))],
            lines,
            [.. risks.Select(r => new ReportRisk(r.Number, r.SubsystemId is { } s ? subsystems.GetValueOrDefault(s).Name : null, r.Description, r.Severity,
                r.Solution, r.Owner, r.TargetDate, r.State, r.Closure))],
            [.. training.Select(t => new ReportTraining(t.At, t.Kind, t.Topic, t.Trainer, t.Attendees.Count, t.Hours))]);
    }

    public static async Task<WorkloadContent> WorkloadAsync(YunweiDbContext db, Guid unitId, DateOnly week, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var end = week.AddDays(6);
        var unit = await db.ClientUnits.AsNoTracking().Where(u => u.Id == unitId).Select(u => u.Name).FirstAsync(cancellationToken);
        var subsystems = await db.Subsystems.AsNoTracking().Where(s => s.ClientUnitId == unitId).ToDictionaryAsync(s => s.Id, s => s.Name, cancellationToken);
        var entries = (await db.WorkEntries.AsNoTracking().Where(w => w.ClientUnitId == unitId && w.Date >= week && w.Date <= end).ToListAsync(cancellationToken))
            .OrderBy(w => w.Date).ThenBy(w => w.Type).ThenBy(w => w.CreatedAt).ToList();
        var rows = entries.Select(w => new WorkloadRow(
            w.Date, w.SubsystemId is { } s ? subsystems.GetValueOrDefault(s) : null, w.Type, w.Reference,
            w.Type == WorkType.Consultation && w.Question is not null ? $"{w.AskedBy}{(w.AskedBy is null ? "" : "：")}{w.Question} —— {w.Answer}" : w.Content,
            w.HandlerName, w.Hours, w.Result, w.OutOfScope)).ToList();
        var totals = Enum.GetValues<WorkType>().Select(t => new WorkloadTotal(t, rows.Count(r => r.Type == t), rows.Where(r => r.Type == t).Sum(r => r.Hours))).ToList();
        return new WorkloadContent(unit, week, [.. rows.Select(r => r.Handler).Where(h => h.Length > 0).Distinct()], rows, totals);
    }
}
