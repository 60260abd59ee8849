using System.Globalization;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Yunwei.Data;
using Yunwei.Domain;
using Yunwei.Domain.Administration;
using Yunwei.Domain.Inspections;
using Yunwei.Domain.Signatures;
using Yunwei.Domain.WeeklyReports;
using Yunwei.Web.Features.Faults;
using Yunwei.Web.Features.Notifications;
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

public sealed record WeeklyTextRequest(int Revision, string? Summary, string? Advice, string? Optimisation);

public sealed record WeeklySignRequest(int Revision, IReadOnlyList<IReadOnlyList<InkPoint>>? Signature);

public sealed record WeeklyReturnRequest(int Revision, string? Reason);

/// <summary>A week's two deliverables: missing (null), or the current version's state.</summary>
public sealed record WeekStatus(DateOnly WeekStart, WeeklyReportState? InspectionReport, WeeklyReportState? WorkloadList, bool Current);

/// <summary>
/// The weekly inspection report (docs/contract.md §6) and workload list (docs/contract.md §6): generated from the week's work while a
/// draft; the engineer writes the summary parts, signs and submits (the content is frozen then); the
/// client signs (locked, archived) or returns it with a reason. A signed version is never edited:
/// "new version" starts the next one and keeps the signed one in the archive.
/// </summary>
public sealed class WeeklyReportsHandler(IDbContextFactory<YunweiDbContext> dbFactory, CurrentUser currentUser, TimeProvider time)
{
    public const string SubjectType = nameof(WeeklyReport);

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public async Task<WeeklyReportView?> GetAsync(Guid unitId, WeeklyReportKind kind, DateOnly week, int? version = null, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await ViewAsync(db, unitId, kind, Week.Monday(week), version, cancellationToken);
    }

    /// <summary>Saves the engineer's written parts of a draft (Revision -1 creates the week's report).</summary>
    public async Task<Outcome<WeeklyReportView>> SaveAsync(Guid unitId, WeeklyReportKind kind, DateOnly week, WeeklyTextRequest request, CancellationToken cancellationToken = default)
    {
        if (!currentUser.Can(Permissions.InspectionsPerform))
        {
            return Outcome<WeeklyReportView>.NotAllowed();
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        week = Week.Monday(week);
        var (report, refused) = await DraftAsync(db, unitId, kind, week, request.Revision, cancellationToken);
        if (refused is not null)
        {
            return refused;
        }

        var errors = new ValidationErrors()
            .Optional(nameof(request.Summary), request.Summary, WeeklyReport.MaxText)
            .Optional(nameof(request.Advice), request.Advice, WeeklyReport.MaxText)
            .Optional(nameof(request.Optimisation), request.Optimisation, WeeklyReport.MaxText);
        if (!errors.IsEmpty)
        {
            return Outcome<WeeklyReportView>.Invalid(errors);
        }

        static string? Clean(string? v) => string.IsNullOrWhiteSpace(v) ? null : v.Trim();
        (report!.Summary, report.Advice, report.Optimisation) = (Clean(request.Summary), Clean(request.Advice), Clean(request.Optimisation));
        return await SaveAsync(db, report, cancellationToken);
    }

    /// <summary>The engineer signs and submits: the generated content is frozen as it is now.</summary>
    public async Task<Outcome<WeeklyReportView>> SubmitAsync(Guid unitId, WeeklyReportKind kind, DateOnly week, WeeklySignRequest request, CancellationToken cancellationToken = default)
    {
        if (!currentUser.Can(Permissions.InspectionsPerform))
        {
            return Outcome<WeeklyReportView>.NotAllowed();
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        week = Week.Monday(week);
        var (report, refused) = await DraftAsync(db, unitId, kind, week, request.Revision, cancellationToken);
        if (refused is not null)
        {
            return refused;
        }

        var errors = new ValidationErrors();
        if (week > ChinaTime.Today(time.GetUtcNow()))
        {
            errors.Add("WeekStart", "WeeklyReport.Error.FutureWeek");
        }

        if (kind == WeeklyReportKind.InspectionReport && string.IsNullOrWhiteSpace(report!.Summary))
        {
            errors.Add(nameof(WeeklyReport.Summary), "WeeklyReport.Error.SummaryRequired");
        }

        if (SignatureRules.Validate(request.Signature) is { } bad)
        {
            errors.Add("Signature", bad);
        }

        if (!errors.IsEmpty)
        {
            return Outcome<WeeklyReportView>.Invalid(errors);
        }

        report!.Snapshot = kind == WeeklyReportKind.InspectionReport
            ? JsonSerializer.Serialize(await WeeklyContent.InspectionReportAsync(db, unitId, week, cancellationToken), Json)
            : JsonSerializer.Serialize(await WeeklyContent.WorkloadAsync(db, unitId, week, cancellationToken), Json);
        report.EngineerSignatureId = Sign(db, report, Permissions.InspectionsPerform, request.Signature!);
        report.State = WeeklyReportState.Submitted;
        report.ReturnReason = null;
        var signers = await NotificationWriter.MembersAsync(db, unitId, [.. Permissions.RolesFor(Permissions.ReportsSign)], cancellationToken);
        Notify(db, report, signers.Cast<Guid?>(), "Notify.Weekly.Submitted", "submitted");
        return await SaveAsync(db, report, cancellationToken);
    }

    /// <summary>The client signs a submitted report: locked and archived.</summary>
    public async Task<Outcome<WeeklyReportView>> SignAsync(Guid unitId, WeeklyReportKind kind, DateOnly week, WeeklySignRequest request, CancellationToken cancellationToken = default)
    {
        if (!currentUser.Can(Permissions.ReportsSign))
        {
            return Outcome<WeeklyReportView>.NotAllowed();
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var (report, refused) = await SubmittedAsync(db, unitId, kind, Week.Monday(week), request.Revision, cancellationToken);
        if (refused is not null)
        {
            return refused;
        }

        if (SignatureRules.Validate(request.Signature) is { } bad)
        {
            return Outcome<WeeklyReportView>.Invalid(new ValidationErrors().Add("Signature", bad));
        }

        report!.ClientSignatureId = Sign(db, report, Permissions.ReportsSign, request.Signature!);
        report.State = WeeklyReportState.ClientSigned;
        Notify(db, report, [await EngineerAsync(db, report, cancellationToken)], "Notify.Weekly.Signed", "signed");
        return await SaveAsync(db, report, cancellationToken);
    }

    /// <summary>The client sends a submitted report back with a reason; it is a draft again (same version).</summary>
    public async Task<Outcome<WeeklyReportView>> ReturnAsync(Guid unitId, WeeklyReportKind kind, DateOnly week, WeeklyReturnRequest request, CancellationToken cancellationToken = default)
    {
        if (!currentUser.Can(Permissions.ReportsSign))
        {
            return Outcome<WeeklyReportView>.NotAllowed();
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var (report, refused) = await SubmittedAsync(db, unitId, kind, Week.Monday(week), request.Revision, cancellationToken);
        if (refused is not null)
        {
            return refused;
        }

        var errors = new ValidationErrors().Required(nameof(request.Reason), request.Reason, 1000);
        if (!errors.IsEmpty)
        {
            return Outcome<WeeklyReportView>.Invalid(errors);
        }

        var engineer = await EngineerAsync(db, report!, cancellationToken);
        (report!.State, report.Snapshot, report.EngineerSignatureId, report.ReturnReason) = (WeeklyReportState.Draft, null, null, request.Reason!.Trim());
        Notify(db, report, [engineer], "Notify.Weekly.Returned", "returned", report.ReturnReason);
        return await SaveAsync(db, report, cancellationToken);
    }

    /// <summary>Starts the next version of a signed report (the signed one stays archived and unchanged).</summary>
    public async Task<Outcome<WeeklyReportView>> NewVersionAsync(Guid unitId, WeeklyReportKind kind, DateOnly week, int revision, CancellationToken cancellationToken = default)
    {
        if (!currentUser.Can(Permissions.InspectionsPerform))
        {
            return Outcome<WeeklyReportView>.NotAllowed();
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        week = Week.Monday(week);
        var current = await db.WeeklyReports.FirstOrDefaultAsync(r => r.ClientUnitId == unitId && r.Kind == kind && r.WeekStart == week && r.IsCurrent, cancellationToken);
        if (current is null)
        {
            return Outcome<WeeklyReportView>.NotFound();
        }

        if (current.Revision != revision)
        {
            return Outcome<WeeklyReportView>.Conflict();
        }

        if (current.State != WeeklyReportState.ClientSigned)
        {
            return Outcome<WeeklyReportView>.Invalid(new ValidationErrors().Add("State", "WeeklyReport.Error.NotSigned"));
        }

        current.IsCurrent = false;
        current.Revision++;
        var next = new WeeklyReport
        {
            ClientUnitId = unitId,
            Kind = kind,
            WeekStart = week,
            Version = current.Version + 1,
            Summary = current.Summary,
            Advice = current.Advice,
            Optimisation = current.Optimisation,
        };
        db.WeeklyReports.Add(next);
        return await SaveAsync(db, next, cancellationToken);
    }

    /// <summary>The last <paramref name="weeks"/> weeks up to this one: each deliverable missing, draft, submitted or signed.</summary>
    public async Task<IReadOnlyList<WeekStatus>?> StatusAsync(Guid unitId, int weeks = 12, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var unit = await db.ClientUnits.AsNoTracking().FirstOrDefaultAsync(u => u.Id == unitId, cancellationToken);
        if (unit is null)
        {
            return null;
        }

        var today = ChinaTime.Today(time.GetUtcNow());
        var thisWeek = Week.Monday(today);
        var first = thisWeek.AddDays(-7 * (Math.Clamp(weeks, 1, 104) - 1));

        // Weeks before the unit was served (created, or its contract began) owe nothing.
        var contract = await CurrentContract.LoadAsync(db.ServiceContracts.AsNoTracking(), unitId, today, cancellationToken);
        var served = ChinaTime.Today(new DateTimeOffset(unit.CreatedAt, TimeSpan.Zero));
        if (contract is not null && contract.StartsOn > served)
        {
            served = contract.StartsOn;
        }

        first = Week.Monday(served) > first ? Week.Monday(served) : first;
        var reports = await db.WeeklyReports.AsNoTracking().Where(r => r.ClientUnitId == unitId && r.IsCurrent && r.WeekStart >= first)
            .Select(r => new { r.Kind, r.WeekStart, r.State }).ToListAsync(cancellationToken);
        var list = new List<WeekStatus>();
        for (var w = thisWeek; w >= first; w = w.AddDays(-7))
        {
            var week = w;
            WeeklyReportState? Of(WeeklyReportKind kind) => reports.FirstOrDefault(r => r.Kind == kind && r.WeekStart == week)?.State;
            list.Add(new WeekStatus(w, Of(WeeklyReportKind.InspectionReport), Of(WeeklyReportKind.WorkloadList), w == thisWeek));
        }

        return list;
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
    private static async Task<(WeeklyReport? Report, Outcome<WeeklyReportView>? Refused)> DraftAsync(YunweiDbContext db, Guid unitId, WeeklyReportKind kind, DateOnly week, int revision, CancellationToken cancellationToken)
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

    private static async Task<(WeeklyReport? Report, Outcome<WeeklyReportView>? Refused)> SubmittedAsync(YunweiDbContext db, Guid unitId, WeeklyReportKind kind, DateOnly week, int revision, CancellationToken cancellationToken)
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
            : (null, Outcome<WeeklyReportView>.Invalid(new ValidationErrors().Add("State", report.State == WeeklyReportState.Draft ? "WeeklyReport.Error.NotSubmitted" : "WeeklyReport.Error.Signed")));
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
