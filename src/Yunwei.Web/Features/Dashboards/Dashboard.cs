using Microsoft.EntityFrameworkCore;
using Yunwei.Data;
using Yunwei.Domain;
using Yunwei.Domain.Approvals;
using Yunwei.Domain.Complaints;
using Yunwei.Domain.Faults;
using Yunwei.Domain.Inspections;
using Yunwei.Domain.WeeklyReports;

namespace Yunwei.Web.Features.Dashboards;

public sealed record LevelCount(FaultLevel Level, int Open, int Breached);

public sealed record MonthCompliance(string Month, FaultLevel Level, int Faults, int InTime)
{
    public double? Percent => Faults == 0 ? null : Math.Round(100.0 * InTime / Faults, 1);
}

public sealed record NamedCount(Guid? Id, string Name, int Count);

public sealed record MeanTimes(FaultLevel Level, int Faults, double? RespondMinutes, double? RestoreMinutes, double? ResolveMinutes);

public sealed record EngineerHours(string Name, decimal Hours, int Entries);

public sealed record NearestDeadline(Guid Id, string Number, string Title, FaultLevel Level, DateTime Deadline, bool Breached, bool Unclassified);

/// <summary>Everything on the dashboard, for one unit or all the units a provider user serves; every figure has a link to its records.</summary>
public sealed record DashboardView(
    IReadOnlyList<LevelCount> OpenByLevel, IReadOnlyList<NearestDeadline> Nearest, IReadOnlyList<MonthCompliance> Compliance,
    IReadOnlyList<NamedCount> BySubsystem, IReadOnlyList<NamedCount> ByAssetType, IReadOnlyList<NamedCount> TopAssets, IReadOnlyList<MeanTimes> Means,
    int InspectionsDone, int InspectionsOpen, int InspectionsOverdue, int WeeksSigned, int WeeksAwaiting, int WeeksMissing,
    int ComplaintsOpen, int ComplaintsLate, IReadOnlyList<EngineerHours> Workload, int PaperworkDebts, int WarrantyExpiring, int Units,
    LevelCount? OpenUnclassified = null);

/// <summary>
/// The client's view of its unit and the provider's view of every unit it serves (docs/contract.md §12): open faults
/// by level with their nearest deadlines, SLA compliance per level and month, where faults happen,
/// mean times, inspections, weekly deliverables, complaints, engineers' workload, paperwork debts and
/// warranties. Bounded windows and grouped queries: nothing loads a table.
/// </summary>
public sealed class DashboardHandler(IDbContextFactory<YunweiDbContext> dbFactory, TimeProvider time)
{
    public const int Months = 6;

    public async Task<DashboardView> GetAsync(IReadOnlyCollection<Guid> unitIds, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(unitIds);
        var ids = unitIds.ToList();
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var now = time.GetUtcNow().UtcDateTime;
        var today = ChinaTime.Today(time.GetUtcNow());
        var faults = db.Faults.AsNoTracking().Where(f => ids.Contains(f.ClientUnitId));
        var open = faults.Where(f => f.OpenDeadline != null);

        // One pass: 待定级 faults apart from the levels (their level-1 targets are not a level chosen).
        var counts = await open.GroupBy(f => new { f.Unclassified, f.Level })
            .Select(g => new { g.Key.Unclassified, g.Key.Level, Open = g.Count(), Breached = g.Count(f => f.Breached) }).ToListAsync(cancellationToken);
        var byLevel = counts.Where(c => !c.Unclassified).ToList();
        var unclassified = counts.Where(c => c.Unclassified).ToList();
        var nearest = await open.Where(f => f.OpenDeadline < Fault.NoDeadline).OrderBy(f => f.OpenDeadline).Take(8)
            .Select(f => new NearestDeadline(f.Id, f.Number, f.Title, f.Level, f.NextDeadline!.Value, f.Breached, f.Unclassified)).ToListAsync(cancellationToken);

        // Compliance: faults resolved in each of the last months, in time when no clock was breached.
        var firstMonth = new DateOnly(today.Year, today.Month, 1).AddMonths(-(Months - 1));
        var since = ChinaTime.ToUtc(firstMonth.ToDateTime(TimeOnly.MinValue));
        var resolved = await faults.Where(f => f.ResolvedAt != null && f.ResolvedAt >= since)
            .Select(f => new { f.Level, f.ResolvedAt, f.Breached, f.ReportedAt, f.AnsweredAt, f.RestoredAt }).ToListAsync(cancellationToken);
        var compliance = new List<MonthCompliance>();
        for (var m = firstMonth; m <= today; m = m.AddMonths(1))
        {
            var (from, to) = (ChinaTime.ToUtc(m.ToDateTime(TimeOnly.MinValue)), ChinaTime.ToUtc(m.AddMonths(1).ToDateTime(TimeOnly.MinValue)));
            foreach (var level in Enum.GetValues<FaultLevel>())
            {
                var inMonth = resolved.Where(f => f.Level == level && f.ResolvedAt >= from && f.ResolvedAt < to).ToList();
                compliance.Add(new MonthCompliance(m.ToString("yyyy-MM", System.Globalization.CultureInfo.InvariantCulture), level, inMonth.Count, inMonth.Count(f => !f.Breached)));
            }
        }

        // Where faults happen (the last 90 days).
        var recent = now.AddDays(-90);
        var bySubsystem = await (from f in faults.Where(f => f.ReportedAt >= recent && f.SubsystemId != null)
                                 group f by f.SubsystemId into g
                                 select new { Id = g.Key, Count = g.Count() }).OrderByDescending(x => x.Count).Take(12).ToListAsync(cancellationToken);
        var subsystemIds = bySubsystem.Select(s => s.Id!.Value).ToList();
        var subsystemNames = await db.Subsystems.AsNoTracking().Where(s => subsystemIds.Contains(s.Id)).ToDictionaryAsync(s => s.Id, s => s.Name, cancellationToken);
        var topAssets = await (from f in faults.Where(f => f.ReportedAt >= recent && f.AssetId != null)
                               group f by f.AssetId into g
                               select new { Id = g.Key, Count = g.Count() }).OrderByDescending(x => x.Count).Take(10).ToListAsync(cancellationToken);
        var assetIds = topAssets.Select(a => a.Id!.Value).ToList();
        var assets = await db.Assets.AsNoTracking().Where(a => assetIds.Contains(a.Id)).Select(a => new { a.Id, a.Code, a.Name, a.AssetTypeId }).ToListAsync(cancellationToken);
        var byType = await (from f in faults.Where(f => f.ReportedAt >= recent && f.AssetId != null)
                            join a in db.Assets on f.AssetId equals a.Id
                            join t in db.AssetTypes on a.AssetTypeId equals t.Id
                            group t by t.Name into g
                            select new { Name = g.Key, Count = g.Count() }).OrderByDescending(x => x.Count).Take(10).ToListAsync(cancellationToken);

        var means = Enum.GetValues<FaultLevel>().Select(level =>
        {
            var set = resolved.Where(f => f.Level == level && f.ResolvedAt >= recent).ToList();
            static double? Avg(IEnumerable<double> values) => values.Any() ? Math.Round(values.Average(), 1) : null;
            return new MeanTimes(level, set.Count,
                Avg(set.Where(f => f.AnsweredAt != null).Select(f => (f.AnsweredAt!.Value - f.ReportedAt).TotalMinutes)),
                Avg(set.Where(f => f.RestoredAt != null).Select(f => (f.RestoredAt!.Value - f.ReportedAt).TotalMinutes)),
                Avg(set.Select(f => (f.ResolvedAt!.Value - f.ReportedAt).TotalMinutes)));
        }).ToList();

        // This month's inspections; the last eight weeks' deliverables.
        var monthStart = new DateOnly(today.Year, today.Month, 1);
        var inspections = db.Inspections.AsNoTracking().Where(i => ids.Contains(i.ClientUnitId) && i.DueOn >= monthStart && i.DueOn <= monthStart.AddMonths(1).AddDays(-1));
        var done = await inspections.CountAsync(i => i.State == InspectionState.Done, cancellationToken);
        var openInspections = await inspections.CountAsync(i => i.State != InspectionState.Done, cancellationToken);
        var overdue = await db.Inspections.AsNoTracking().CountAsync(i => ids.Contains(i.ClientUnitId) && i.State != InspectionState.Done && i.DueOn < today, cancellationToken);
        var eightWeeks = Week.Monday(today).AddDays(-7 * 8);
        var lastWeek = Week.Monday(today).AddDays(-7);
        var reports = await db.WeeklyReports.AsNoTracking().Where(r => ids.Contains(r.ClientUnitId) && r.IsCurrent && r.WeekStart >= eightWeeks && r.WeekStart <= lastWeek)
            .GroupBy(r => r.State).Select(g => new { State = g.Key, Count = g.Count() }).ToListAsync(cancellationToken);
        var signed = reports.Where(r => r.State == WeeklyReportState.ClientSigned).Sum(r => r.Count);
        var awaiting = reports.Where(r => r.State == WeeklyReportState.Submitted).Sum(r => r.Count);
        var units = await db.ClientUnits.AsNoTracking().Where(u => ids.Contains(u.Id)).Select(u => u.CreatedAt).ToListAsync(cancellationToken);
        var expected = units.Sum(created => 2 * Enumerable.Range(0, 8).Count(w => eightWeeks.AddDays(7 * w) >= Week.Monday(ChinaTime.Today(new DateTimeOffset(created, TimeSpan.Zero)))));
        var missing = Math.Max(0, expected - reports.Sum(r => r.Count));

        var complaints = db.Complaints.AsNoTracking().Where(c => ids.Contains(c.ClientUnitId) && c.State != ComplaintState.Closed);
        var complaintsOpen = await complaints.CountAsync(cancellationToken);
        var complaintsLate = await complaints.CountAsync(c => (c.FirstReplyAt == null && c.ReplyDeadline < now) || c.CloseDeadline < now, cancellationToken);

        var month = today.AddDays(-30);
        var workload = await db.WorkEntries.AsNoTracking().Where(w => ids.Contains(w.ClientUnitId) && w.Date >= month)
            .GroupBy(w => w.HandlerName).Select(g => new { Name = g.Key, Hours = g.Sum(w => w.Hours), Entries = g.Count() }).ToListAsync(cancellationToken);
        var debts = await db.ApprovalRequests.AsNoTracking().CountAsync(a => ids.Contains(a.ClientUnitId) && a.VerbalConfirmedAt != null && a.State == ApprovalState.Pending, cancellationToken);
        var warrantyEnd = today.AddDays(90);
        var warranty = await db.Assets.AsNoTracking().CountAsync(a => ids.Contains(a.ClientUnitId) && a.WarrantyEnds != null && a.WarrantyEnds >= today
            && a.WarrantyEnds <= warrantyEnd, cancellationToken);

        return new DashboardView(
            [.. Enum.GetValues<FaultLevel>().Select(l => new LevelCount(l, byLevel.FirstOrDefault(x => x.Level == l)?.Open ?? 0, byLevel.FirstOrDefault(x => x.Level == l)?.Breached ?? 0))],
            nearest, compliance,
            [.. bySubsystem.Select(s => new NamedCount(s.Id, subsystemNames.GetValueOrDefault(s.Id!.Value, ""), s.Count))],
            [.. byType.Select(t => new NamedCount(null, t.Name, t.Count))],
            [.. topAssets.Select(a => assets.FirstOrDefault(x => x.Id == a.Id) is { } asset ? new NamedCount(asset.Id, $"{asset.Name}（{asset.Code}）", a.Count) : null).OfType<NamedCount>()],
            means, done, openInspections, overdue, signed, awaiting, missing, complaintsOpen, complaintsLate,
            [.. workload.OrderByDescending(w => w.Hours).Select(w => new EngineerHours(w.Name, w.Hours, w.Entries))],
            debts, warranty, ids.Count, new LevelCount(FaultLevel.Level1, unclassified.Sum(c => c.Open), unclassified.Sum(c => c.Breached)));
    }
}
