using Microsoft.EntityFrameworkCore;
using Yunwei.Data;
using Yunwei.Domain;
using Yunwei.Domain.Approvals;
using Yunwei.Domain.Assessment;
using Yunwei.Domain.Complaints;
using Yunwei.Domain.Faults;
using Yunwei.Domain.Inspections;
using Yunwei.Domain.WeeklyReports;
using Yunwei.Domain.WorkLog;
using Yunwei.Web.Platform;

namespace Yunwei.Web.Features.Assessment;

/// <summary>A record behind a computed count: what it is, its number or label, and where to open it.</summary>
public sealed record Evidence(string Kind, Guid? Id, string Label, string Link);

public sealed record MetricResult(AssessmentMetric Metric, int Count, IReadOnlyList<Evidence> Evidence);

/// <summary>The quarter's computed figures, each with the records behind it (the drill-down of every deduction).</summary>
public sealed record QuarterFacts(IReadOnlyList<MetricResult> Metrics, decimal GoalCompletion, bool GoalsSet, int Faults, int Inspections, int WorkEntries, int Complaints)
{
    public bool IsEmpty => Faults == 0 && Inspections == 0 && WorkEntries == 0 && Complaints == 0 && Metrics.All(m => m.Count == 0);

    public MetricResult Of(AssessmentMetric metric) => Metrics.FirstOrDefault(m => m.Metric == metric) ?? new MetricResult(metric, 0, []);
}

/// <summary>
/// Counts what the assessment items deduct or reward from the quarter's records: faults (deadlines
/// missed by level, late arrivals, slow classification, low ratings), inspections (missed, late),
/// weekly deliverables (missing or unsigned), complaints (late, escalated), paperwork debts, the work
/// log (consultations, tasks beyond the contract) and the goals' weighted completion.
/// </summary>
public static class AssessmentCalculator
{
    private const int ClassificationLimitMinutes = 10;

    public static async Task<QuarterFacts> ComputeAsync(YunweiDbContext db, Guid unitId, Quarter quarter, DateTime nowUtc, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var start = ChinaTime.ToUtc(quarter.Start.ToDateTime(TimeOnly.MinValue));
        var end = ChinaTime.ToUtc(quarter.End.AddDays(1).ToDateTime(TimeOnly.MinValue));
        var today = ChinaTime.Today(new DateTimeOffset(nowUtc, TimeSpan.Zero));
        var metrics = new List<MetricResult>();
        static Evidence F(FaultFacts f) => new("Fault", f.Id, $"{f.Number} {f.Title}", $"/faults/{f.Id}");

        // Faults reported in the quarter: only the columns the items read (a unit's quarter can hold thousands).
        var faults = await db.Faults.AsNoTracking().Where(f => f.ClientUnitId == unitId && f.ReportedAt >= start && f.ReportedAt < end).OrderBy(f => f.ReportedAt)
            .Select(f => new FaultFacts(f.Id, f.Number, f.Title, f.MissedLevel, f.ArrivedLate, f.ClassificationMinutes, f.Rating))
            .ToListAsync(cancellationToken);
        // A fault counts once, at the level of the first deadline it missed; arrival at the level in force on arrival (the SLA engine's readings, stored with the fault).
        foreach (var (metric, level) in new[]
        {
            (AssessmentMetric.FaultMissedLevel1, FaultLevel.Level1), (AssessmentMetric.FaultMissedLevel2, FaultLevel.Level2),
            (AssessmentMetric.FaultMissedLevel3, FaultLevel.Level3),
        })
        {
            metrics.Add(Result(metric, faults.Where(f => f.MissedLevel == level).Select(F)));
        }

        metrics.Add(Result(AssessmentMetric.LateArrival, faults.Where(f => f.ArrivedLate == true).Select(F)));

        // The classification time the fault page shows: from the recorded events (answer, or report, to the first level), by the SLA engine.
        metrics.Add(Result(AssessmentMetric.SlowClassification, faults.Where(f => f.ClassificationMinutes > ClassificationLimitMinutes).Select(F)));

        // Inspections due in the quarter.
        var inspections = await db.Inspections.AsNoTracking().Where(i => i.ClientUnitId == unitId && i.DueOn >= quarter.Start && i.DueOn <= quarter.End).OrderBy(i => i.DueOn)
            .Select(i => new InspectionFacts(i.Id, i.Number, i.SubsystemId, i.DueOn, i.State, i.FinishedAt))
            .ToListAsync(cancellationToken);
        var subsystems = await db.Subsystems.AsNoTracking().Where(s => s.ClientUnitId == unitId).ToDictionaryAsync(s => s.Id, s => s.Name, cancellationToken);
        Evidence I(InspectionFacts i) => new("Inspection", i.Id, $"{i.Number} {subsystems.GetValueOrDefault(i.SubsystemId)} {i.DueOn:yyyy-MM-dd}", $"/inspections/{i.Id}");
        metrics.Add(Result(AssessmentMetric.InspectionMissed, inspections.Where(i => i.State != InspectionState.Done && i.DueOn < today).Select(I)));
        metrics.Add(Result(AssessmentMetric.InspectionLate, inspections.Where(i => i.FinishedAt is { } at && ChinaTime.Today(new DateTimeOffset(at, TimeSpan.Zero)) > i.DueOn).Select(I)));

        // Weekly deliverables: every week of the quarter that is over (and that the unit was served in) needs both, signed by the client.
        var unit = await db.ClientUnits.AsNoTracking().FirstAsync(u => u.Id == unitId, cancellationToken);
        var contract = await CurrentContract.LoadAsync(db.ServiceContracts.AsNoTracking(), unitId, today, cancellationToken);
        var served = ChinaTime.Today(new DateTimeOffset(unit.CreatedAt, TimeSpan.Zero));
        if (contract is not null && contract.StartsOn > served)
        {
            served = contract.StartsOn;
        }

        var weeks = new List<DateOnly>();
        for (var w = Week.Monday(quarter.Start) < quarter.Start ? Week.Monday(quarter.Start).AddDays(7) : quarter.Start; w <= quarter.End; w = w.AddDays(7))
        {
            if (w.AddDays(6) < today && w >= Week.Monday(served))
            {
                weeks.Add(w);
            }
        }

        var signed = await db.WeeklyReports.AsNoTracking()
            .Where(r => r.ClientUnitId == unitId && r.IsCurrent && r.State == WeeklyReportState.ClientSigned && r.WeekStart >= quarter.Start.AddDays(-6) && r.WeekStart <= quarter.End)
            .Select(r => new { r.Kind, r.WeekStart }).ToListAsync(cancellationToken);
        foreach (var (metric, kind) in new[] { (AssessmentMetric.InspectionReportMissing, WeeklyReportKind.InspectionReport), (AssessmentMetric.WorkloadListMissing, WeeklyReportKind.WorkloadList) })
        {
            metrics.Add(Result(metric, weeks.Where(w => !signed.Any(s => s.Kind == kind && s.WeekStart == w))
                .Select(w => new Evidence("Week", null, $"{w:yyyy-MM-dd} — {w.AddDays(6):yyyy-MM-dd}", $"/weekly/{kind}/{w:yyyy-MM-dd}"))));
        }

        // Complaints received in the quarter.
        var complaints = await db.Complaints.AsNoTracking().Where(c => c.ClientUnitId == unitId && c.ReceivedAt >= start && c.ReceivedAt < end)
            .OrderBy(c => c.ReceivedAt).ToListAsync(cancellationToken);
        static Evidence C(Complaint c) => new("Complaint", c.Id, $"{c.Number} {c.Subject}", $"/complaints/{c.Id}");
        metrics.Add(Result(AssessmentMetric.ComplaintReplyLate, complaints.Where(c => (c.FirstReplyAt ?? nowUtc) > c.ReplyDeadline).Select(C)));
        metrics.Add(Result(AssessmentMetric.ComplaintCloseLate, complaints.Where(c => (c.ClosedAt ?? nowUtc) > c.CloseDeadline).Select(C)));
        metrics.Add(Result(AssessmentMetric.ComplaintEscalated, complaints.Where(c => c.EscalatedAt is not null).Select(C)));

        // Emergency parts still without their signed approval (a debt is counted in the quarter its verbal consent was given).
        var debts = await db.ApprovalRequests.AsNoTracking()
            .Where(a => a.ClientUnitId == unitId && a.VerbalConfirmedAt != null && a.VerbalConfirmedAt >= start && a.VerbalConfirmedAt < end && a.State == ApprovalState.Pending)
            .OrderBy(a => a.VerbalConfirmedAt).ToListAsync(cancellationToken);
        metrics.Add(Result(AssessmentMetric.PaperworkDebt, debts.Where(ApprovalRules.IsPaperworkDebt).Select(a => new Evidence("Approval", a.Id, a.Title, $"/approvals/{a.Id}"))));

        metrics.Add(Result(AssessmentMetric.LowSatisfaction,
            faults.Where(f => f.Rating is <= 2).Select(F).Concat(complaints.Where(c => c.Satisfaction is <= 2).Select(C))));

        // The work log.
        var work = await db.WorkEntries.AsNoTracking()
            .Where(w => w.ClientUnitId == unitId && w.Date >= quarter.Start && w.Date <= quarter.End && (w.Type == WorkType.Consultation || w.OutOfScope))
            .OrderBy(w => w.Date).ToListAsync(cancellationToken);
        static Evidence W(WorkEntry w) => new("WorkEntry", w.Id, $"{w.Date:yyyy-MM-dd} {w.Content}", $"/worklog?from={w.Date:yyyy-MM-dd}&to={w.Date:yyyy-MM-dd}");
        metrics.Add(Result(AssessmentMetric.Consultations, work.Where(w => w.Type == WorkType.Consultation).Select(W)));
        metrics.Add(Result(AssessmentMetric.OutOfScopeTasks, work.Where(w => w.OutOfScope).Select(W)));

        var goals = await GoalsHandler.LoadAsync(db, unitId, quarter, cancellationToken);
        var workCount = await db.WorkEntries.CountAsync(w => w.ClientUnitId == unitId && w.Date >= quarter.Start && w.Date <= quarter.End, cancellationToken);
        return new QuarterFacts(metrics, AssessmentRules.GoalCompletion(goals.Select(g => (g.Weight, g.Completion))), goals.Count > 0,
            faults.Count, inspections.Count, workCount, complaints.Count);
    }

    private sealed record FaultFacts(Guid Id, string Number, string Title, FaultLevel? MissedLevel, bool? ArrivedLate, int? ClassificationMinutes, int? Rating);

    private sealed record InspectionFacts(Guid Id, string Number, Guid SubsystemId, DateOnly DueOn, InspectionState State, DateTime? FinishedAt);

    private static MetricResult Result(AssessmentMetric metric, IEnumerable<Evidence> evidence)
    {
        var list = evidence.ToList();
        return new MetricResult(metric, list.Count, list);
    }
}
