using System.Globalization;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Yunwei.Data;
using Yunwei.Domain;
using Yunwei.Domain.Administration;
using Yunwei.Domain.Inspections;
using Yunwei.Domain.Signatures;
using Yunwei.Domain.WeeklyReports;
using Yunwei.Web.Infrastructure;
using Yunwei.Web.Platform;

namespace Yunwei.Web.Features.WeeklyReports;

public sealed record WeeklyReportVersion(int Version, WeeklyReportState State, bool IsCurrent, DateTime UpdatedAt);

public sealed record WeeklyReportView(
    Guid? Id, Guid ClientUnitId, WeeklyReportKind Kind, DateOnly WeekStart, int Version, WeeklyReportState State, int Revision,
    string? Summary, string? Advice, string? Optimisation, string? ReturnReason,
    InspectionReportContent? Inspection, WorkloadContent? Workload, bool Frozen,
    IReadOnlyList<ReportSignature> Signatures, IReadOnlyList<WeeklyReportVersion> Versions,
    bool CanEdit, bool CanSubmit, bool CanSign, bool CanNewVersion)
{
    public bool IsEmpty => Inspection?.IsEmpty ?? Workload?.IsEmpty ?? true;
}

public sealed record WeeklySignRequest(int Revision, IReadOnlyList<IReadOnlyList<InkPoint>>? Signature);

/// <summary>
/// The weekly inspection report (docs/contract.md §6) and workload list (docs/contract.md §6): generated from the week's work while a
/// draft; the engineer writes the summary parts, signs and submits (the content is frozen then); the
/// client signs (locked, archived) or returns it with a reason. A signed version is never edited:
/// "new version" starts the next one and keeps the signed one in the archive.
/// </summary>
public sealed partial class WeeklyReportsHandler(IDbContextFactory<YunweiDbContext> dbFactory, CurrentUser currentUser, TimeProvider time)
{
    public const string SubjectType = nameof(WeeklyReport);

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public async Task<WeeklyReportView?> GetAsync(Guid unitId, WeeklyReportKind kind, DateOnly week, int? version = null, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await ViewAsync(db, unitId, kind, Week.Monday(week), version, cancellationToken);
    }

    internal async Task<WeeklyReportView?> ViewAsync(YunweiDbContext db, Guid unitId, WeeklyReportKind kind, DateOnly week, int? version, CancellationToken cancellationToken)
    {
        if (!Enum.IsDefined(kind) || !await db.ClientUnits.AnyAsync(u => u.Id == unitId, cancellationToken))
        {
            return null;
        }

        var all = await db.WeeklyReports.AsNoTracking().Where(r => r.ClientUnitId == unitId && r.Kind == kind && r.WeekStart == week).OrderByDescending(r => r.Version).ToListAsync(cancellationToken);
        var report = version is { } v ? all.FirstOrDefault(r => r.Version == v) : all.FirstOrDefault(r => r.IsCurrent);
        if (version is not null && report is null)
        {
            return null;
        }

        report ??= new WeeklyReport { ClientUnitId = unitId, Kind = kind, WeekStart = week, Revision = -1 };
        InspectionReportContent? inspection = null;
        WorkloadContent? workload = null;
        if (kind == WeeklyReportKind.InspectionReport)
        {
            inspection = report.Snapshot is { } s ? JsonSerializer.Deserialize<InspectionReportContent>(s, Json) : await WeeklyContent.InspectionReportAsync(db, unitId, week, cancellationToken);
        }
        else
        {
            workload = report.Snapshot is { } s ? JsonSerializer.Deserialize<WorkloadContent>(s, Json) : await WeeklyContent.WorkloadAsync(db, unitId, week, cancellationToken);
        }

        var signatures = new List<ReportSignature>();
        if (report.EngineerSignatureId is not null || report.ClientSignatureId is not null)
        {
            var hash = Hash(report);
            foreach (var id in new[] { report.EngineerSignatureId, report.ClientSignatureId }.OfType<Guid>())
            {
                if (await db.Signatures.AsNoTracking().FirstOrDefaultAsync(x => x.Id == id, cancellationToken) is { } signed)
                {
                    signatures.Add(new ReportSignature(signed.SignerRole, signed.SignerName, signed.SignedAt, signed.ContentHash == hash, SignatureRules.Svg(signed.Strokes)));
                }
            }
        }

        var performs = currentUser.Can(Permissions.InspectionsPerform);
        return new WeeklyReportView(
            report.Revision < 0 ? null : report.Id, unitId, kind, week, report.Version, report.State, report.Revision,
            report.Summary, report.Advice, report.Optimisation, report.ReturnReason, inspection, workload, report.Snapshot is not null,
            signatures, [.. all.Select(r => new WeeklyReportVersion(r.Version, r.State, r.IsCurrent, r.UpdatedAt))],
            CanEdit: performs && report.IsCurrent && report.State == WeeklyReportState.Draft,
            CanSubmit: performs && report.IsCurrent && report.State == WeeklyReportState.Draft && week <= ChinaTime.Today(time.GetUtcNow()),
            CanSign: currentUser.Can(Permissions.ReportsSign) && report.IsCurrent && report.State == WeeklyReportState.Submitted,
            CanNewVersion: performs && report.IsCurrent && report.State == WeeklyReportState.ClientSigned);
    }

    /// <summary>The content a signature covers: the kind, unit, week, version, the written parts and the frozen content.</summary>
    private static string Hash(WeeklyReport report) =>
        SignatureRules.Hash(SignatureRules.Canonical(
        [
            new("report", report.Id.ToString()),
            new("kind", report.Kind.ToString()),
            new("unit", report.ClientUnitId.ToString()),
            new("week", report.WeekStart.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)),
            new("version", report.Version.ToString(CultureInfo.InvariantCulture)),
            new("summary", report.Summary),
            new("advice", report.Advice),
            new("optimisation", report.Optimisation),
            new("content", report.Snapshot),
        ]));

    /// <summary>Tells the other side in the notification centre (the submission's signers, or the engineer who submitted).</summary>
    private void Notify(YunweiDbContext db, WeeklyReport report, IEnumerable<Guid?> recipients, string messageKey, string what, string? reason = null) =>
        NotificationWriter.Add(
            db, recipients, report.ClientUnitId, messageKey,
            [currentUser.DisplayName ?? "", $"WeeklyReportKind.{report.Kind}", report.WeekStart.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), reason ?? ""],
            $"/weekly/{report.Kind}/{report.WeekStart:yyyy-MM-dd}", $"weekly:{report.Id}:{what}:{report.Revision}", urgent: false, time.GetUtcNow().UtcDateTime);

    private static async Task<Guid?> EngineerAsync(YunweiDbContext db, WeeklyReport report, CancellationToken cancellationToken) =>
        report.EngineerSignatureId is { } id ? await db.Signatures.Where(s => s.Id == id).Select(s => s.SignerId).FirstOrDefaultAsync(cancellationToken) : null;

    private Guid Sign(YunweiDbContext db, WeeklyReport report, string permission, IReadOnlyList<IReadOnlyList<InkPoint>> strokes) =>
        Signing.Add(db, currentUser, permission, report.ClientUnitId, SubjectType, report.Id, Hash(report), strokes, time.GetUtcNow().UtcDateTime).Id;

    /// <summary>The week's current report as an editable draft (created when Revision is -1 and none exists).</summary>
    private static async Task<(WeeklyReport? Report, Outcome<WeeklyReportView>? Refused)> DraftAsync(YunweiDbContext db, Guid unitId, WeeklyReportKind kind,
        DateOnly week, int revision, CancellationToken cancellationToken)
    {
        if (!Enum.IsDefined(kind) || !await db.ClientUnits.AnyAsync(u => u.Id == unitId, cancellationToken))
        {
            return (null, Outcome<WeeklyReportView>.NotFound());
        }

        var report = await db.WeeklyReports.FirstOrDefaultAsync(r => r.ClientUnitId == unitId && r.Kind == kind && r.WeekStart == week && r.IsCurrent, cancellationToken);
        if (report is null)
        {
            if (revision != -1)
            {
                return (null, Outcome<WeeklyReportView>.Conflict());
            }

            report = new WeeklyReport { ClientUnitId = unitId, Kind = kind, WeekStart = week, Revision = -1 };
            db.WeeklyReports.Add(report);
            return (report, null);
        }

        if (report.Revision != revision)
        {
            return (null, Outcome<WeeklyReportView>.Conflict());
        }

        return report.State switch
        {
            WeeklyReportState.Draft => (report, null),
            WeeklyReportState.Submitted => (null, Outcome<WeeklyReportView>.Invalid(new ValidationErrors().Add("State", "WeeklyReport.Error.Submitted"))),
            _ => (null, Outcome<WeeklyReportView>.Invalid(new ValidationErrors().Add("State", "WeeklyReport.Error.Signed"))),
        };
    }

    private static async Task<(WeeklyReport? Report, Outcome<WeeklyReportView>? Refused)> SubmittedAsync(YunweiDbContext db, Guid unitId, WeeklyReportKind kind,
        DateOnly week, int revision, CancellationToken cancellationToken)
    {
        var report = await db.WeeklyReports.FirstOrDefaultAsync(r => r.ClientUnitId == unitId && r.Kind == kind && r.WeekStart == week && r.IsCurrent, cancellationToken);
        if (report is null)
        {
            return (null, Outcome<WeeklyReportView>.NotFound());
        }

        if (report.Revision != revision)
        {
            return (null, Outcome<WeeklyReportView>.Conflict());
        }

        return report.State == WeeklyReportState.Submitted
            ? (report, null)
            : (null, Outcome<WeeklyReportView>.Invalid(new ValidationErrors().Add("State",
                report.State == WeeklyReportState.Draft ? "WeeklyReport.Error.NotSubmitted" : "WeeklyReport.Error.Signed")));
    }

    private async Task<Outcome<WeeklyReportView>> SaveAsync(YunweiDbContext db, WeeklyReport report, CancellationToken cancellationToken)
    {
        report.Revision++;
        report.UpdatedAt = time.GetUtcNow().UtcDateTime;
        report.UpdatedBy = currentUser.DisplayName;
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            // Someone else created, changed or versioned the week's report first.
            return Outcome<WeeklyReportView>.Conflict();
        }

        return Outcome<WeeklyReportView>.Ok((await ViewAsync(db, report.ClientUnitId, report.Kind, report.WeekStart, report.Version, cancellationToken))!);
    }
}
