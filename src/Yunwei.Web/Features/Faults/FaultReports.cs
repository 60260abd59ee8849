using Microsoft.EntityFrameworkCore;
using Yunwei.Data;
using Yunwei.Domain.Administration;
using Yunwei.Domain.Faults;
using Yunwei.Domain.Knowledge;
using Yunwei.Domain.Signatures;
using Yunwei.Web.Infrastructure;
using Yunwei.Web.Infrastructure.Pdf;
using Yunwei.Web.Platform;

namespace Yunwei.Web.Features.Faults;

public sealed record FaultReportRequest(int Revision, string? Diagnosis, string? RootCause, string? EmergencyMeasures, string? Fix, string? Prevention);


public sealed record FaultReportView(
    Guid FaultId, string FaultNumber, int Version, FaultReportState State, int Revision,
    string? Diagnosis, string? RootCause, string? EmergencyMeasures, string? Fix, string? Prevention,
    IReadOnlyList<string> Parts, IReadOnlyList<string> Operations, IReadOnlyList<ReportSignature> Signatures,
    Guid? KnowledgeArticleId, bool CanEdit, bool CanSign, bool CanConfirm, bool CanMakeKnowledge);

/// <summary>
/// The fault handling report (故障处理报告): the engineer fills and signs it before leaving the site,
/// the client's maintenance staff confirm it with their signature, then it is locked (a change makes a
/// new version needing new signatures). It prints as a PDF and becomes a knowledge article in one action.
/// </summary>
public sealed class FaultReportsHandler(IDbContextFactory<YunweiDbContext> dbFactory, CurrentUser currentUser, TimeProvider time, IConfiguration configuration)
{
    public const string SubjectType = nameof(FaultReport);

    public async Task<FaultReportView?> GetAsync(Guid faultId, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var fault = await FaultAccess.Visible(db, currentUser).AsNoTracking().FirstOrDefaultAsync(f => f.Id == faultId, cancellationToken);
        if (fault is null)
        {
            return null;
        }

        var report = await db.FaultReports.AsNoTracking().FirstOrDefaultAsync(r => r.FaultId == faultId, cancellationToken)
            ?? new FaultReport { FaultId = faultId, ClientUnitId = fault.ClientUnitId, Revision = -1 };
        var (parts, operations) = await GatedWorkAsync(db, faultId, cancellationToken);
        var signatures = new List<ReportSignature>();
        if (report.Revision >= 0)
        {
            var hash = Hash(report, fault, parts, operations);
            foreach (var s in await db.Signatures.AsNoTracking().Where(s => s.SubjectType == SubjectType && s.SubjectId == report.Id && (s.Id == report.EngineerSignatureId || s.Id == report.ClientSignatureId)).ToListAsync(cancellationToken))
            {
                signatures.Add(new ReportSignature(s.SignerRole, s.SignerName, s.SignedAt, s.ContentHash == hash, SignatureRules.Svg(s.Strokes)));
            }
        }

        var handles = currentUser.Can(Permissions.FaultsHandle);
        return new FaultReportView(
            faultId, fault.Number, report.Version, report.State, report.Revision,
            report.Diagnosis, report.RootCause, report.EmergencyMeasures, report.Fix, report.Prevention,
            parts, operations, signatures, report.KnowledgeArticleId,
            CanEdit: handles && fault.State != FaultState.Closed,
            CanSign: handles && report.State == FaultReportState.Draft && report.Revision >= 0 && FaultReportRules.CanSign(fault),
            CanConfirm: currentUser.Can(Permissions.FaultsRule) && report.State == FaultReportState.EngineerSigned,
            CanMakeKnowledge: handles && report.State == FaultReportState.Confirmed && report.KnowledgeArticleId is null);
    }

    /// <summary>Saves the engineer's text. A signed or confirmed report becomes a new draft version.</summary>
    public async Task<FaultActionResult> SaveAsync(Guid faultId, FaultReportRequest request, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var fault = await FaultAccess.Visible(db, currentUser).FirstOrDefaultAsync(f => f.Id == faultId, cancellationToken);
        if (fault is null)
        {
            return new FaultActionResult(FaultActionStatus.NotFound);
        }

        if (!currentUser.Can(Permissions.FaultsHandle))
        {
            return new FaultActionResult(FaultActionStatus.Forbidden);
        }

        var errors = new ValidationErrors()
            .Optional(nameof(request.Diagnosis), request.Diagnosis, FaultReport.MaxText)
            .Optional(nameof(request.RootCause), request.RootCause, FaultReport.MaxText)
            .Optional(nameof(request.EmergencyMeasures), request.EmergencyMeasures, FaultReport.MaxText)
            .Optional(nameof(request.Fix), request.Fix, FaultReport.MaxText)
            .Optional(nameof(request.Prevention), request.Prevention, FaultReport.MaxText);
        if (!errors.IsEmpty)
        {
            return new FaultActionResult(FaultActionStatus.Invalid, Errors: errors);
        }

        var report = await db.FaultReports.FirstOrDefaultAsync(r => r.FaultId == faultId, cancellationToken);
        if (report is null)
        {
            if (request.Revision != -1)
            {
                return new FaultActionResult(FaultActionStatus.Conflict, 0);
            }

            report = new FaultReport { FaultId = faultId, ClientUnitId = fault.ClientUnitId };
            db.FaultReports.Add(report);
        }
        else if (request.Revision != report.Revision)
        {
            return new FaultActionResult(FaultActionStatus.Conflict, report.Revision);
        }
        else if (report.State != FaultReportState.Draft)
        {
            // Signed means locked: the change is a new version; the old signatures stay on record for the old text.
            report.Version++;
            report.State = FaultReportState.Draft;
            (report.EngineerSignatureId, report.ClientSignatureId) = (null, null);
        }

        static string? Clean(string? v) => string.IsNullOrWhiteSpace(v) ? null : v.Trim();
        report.Diagnosis = Clean(request.Diagnosis);
        report.RootCause = Clean(request.RootCause);
        report.EmergencyMeasures = Clean(request.EmergencyMeasures);
        report.Fix = Clean(request.Fix);
        report.Prevention = Clean(request.Prevention);
        report.UpdatedAt = time.GetUtcNow().UtcDateTime;
        report.UpdatedBy = currentUser.DisplayName;
        report.Revision++;
        return await SaveAsync(db, report, cancellationToken);
    }

    /// <summary>The engineer signs (state Draft → EngineerSigned) or the client confirms (EngineerSigned → Confirmed).</summary>
    public async Task<FaultActionResult> SignAsync(Guid faultId, bool confirm, IReadOnlyList<IReadOnlyList<InkPoint>>? strokes, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var fault = await FaultAccess.Visible(db, currentUser).FirstOrDefaultAsync(f => f.Id == faultId, cancellationToken);
        var report = fault is null ? null : await db.FaultReports.FirstOrDefaultAsync(r => r.FaultId == faultId, cancellationToken);
        if (fault is null || report is null)
        {
            return new FaultActionResult(FaultActionStatus.NotFound);
        }

        if (!currentUser.Can(confirm ? Permissions.FaultsRule : Permissions.FaultsHandle))
        {
            return new FaultActionResult(FaultActionStatus.Forbidden);
        }

        if (report.State != (confirm ? FaultReportState.EngineerSigned : FaultReportState.Draft))
        {
            return FaultActionResult.Invalid("State", confirm ? "FaultReport.Error.NotSignedYet" : "FaultReport.Error.AlreadySigned");
        }

        if (!confirm && !FaultReportRules.CanSign(fault))
        {
            return FaultActionResult.Invalid("State", "FaultReport.Error.NotResolved");
        }

        var errors = new ValidationErrors();
        foreach (var (field, value) in FaultReportRules.Required(report))
        {
            if (string.IsNullOrWhiteSpace(value))
            {
                errors.Add(field, "Validation.Required");
            }
        }

        if (SignatureRules.Validate(strokes) is { } bad)
        {
            errors.Add("Signature", bad);
        }

        if (!errors.IsEmpty)
        {
            return new FaultActionResult(FaultActionStatus.Invalid, Errors: errors);
        }

        var now = time.GetUtcNow().UtcDateTime;
        var (parts, operations) = await GatedWorkAsync(db, faultId, cancellationToken);
        var signature = Signing.Add(
            db, currentUser, confirm ? Permissions.FaultsRule : Permissions.FaultsHandle, fault.ClientUnitId, SubjectType, report.Id,
            Hash(report, fault, parts, operations), strokes!, now);
        if (confirm)
        {
            (report.ClientSignatureId, report.State) = (signature.Id, FaultReportState.Confirmed);
        }
        else
        {
            (report.EngineerSignatureId, report.State) = (signature.Id, FaultReportState.EngineerSigned);
        }

        db.FaultEvents.Add(FaultEvent.Create(
            fault.Id, fault.ClientUnitId, confirm ? FaultEventType.ReportConfirmed : FaultEventType.ReportSigned, now, now, currentUser.UserId, currentUser.DisplayName, $"v{report.Version}"));
        report.Revision++;
        return await SaveAsync(db, report, cancellationToken);
    }

    /// <summary>Turns a confirmed report into a knowledge article (once); returns the article's id.</summary>
    public async Task<Outcome<Guid>> ToKnowledgeAsync(Guid faultId, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var fault = await FaultAccess.Visible(db, currentUser).AsNoTracking().FirstOrDefaultAsync(f => f.Id == faultId, cancellationToken);
        var report = fault is null ? null : await db.FaultReports.FirstOrDefaultAsync(r => r.FaultId == faultId, cancellationToken);
        if (fault is null || report is null)
        {
            return Outcome<Guid>.NotFound();
        }

        if (report.KnowledgeArticleId is { } existing)
        {
            return Outcome<Guid>.Ok(existing);
        }

        if (report.State != FaultReportState.Confirmed)
        {
            return Outcome<Guid>.Invalid(new ValidationErrors().Add("State", "FaultReport.Error.NotConfirmed"));
        }

        var assetTypeId = fault.AssetId is { } assetId
            ? await db.Assets.Where(a => a.Id == assetId).Select(a => (Guid?)a.AssetTypeId).FirstOrDefaultAsync(cancellationToken)
            : null;
        var article = new KnowledgeArticle
        {
            ClientUnitId = fault.ClientUnitId,
            Title = fault.Title,
            Symptom = fault.Description ?? fault.Title,
            Cause = report.RootCause,
            Fix = report.Fix ?? "",
            Prevention = report.Prevention,
            SubsystemId = fault.SubsystemId,
            AssetTypeId = assetTypeId,
            SourceFaultId = fault.Id,
            CreatedBy = currentUser.DisplayName,
            CreatedAt = time.GetUtcNow().UtcDateTime,
        };
        article.Index();
        db.KnowledgeArticles.Add(article);
        report.KnowledgeArticleId = article.Id;
        report.Revision++;
        await db.SaveChangesAsync(cancellationToken);
        return Outcome<Guid>.Ok(article.Id);
    }

    /// <summary>The report as a printable PDF, or null when the fault is not visible. Throws <see cref="MissingCjkFontException"/> without a Chinese font.</summary>
    public async Task<byte[]?> PdfAsync(Guid faultId, Microsoft.Extensions.Localization.IStringLocalizer l, CancellationToken cancellationToken = default)
    {
        PdfFonts.EnsureInstalled(configuration);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var fault = await FaultAccess.Visible(db, currentUser).AsNoTracking().FirstOrDefaultAsync(f => f.Id == faultId, cancellationToken);
        if (fault is null)
        {
            return null;
        }

        var report = await db.FaultReports.AsNoTracking().FirstOrDefaultAsync(r => r.FaultId == faultId, cancellationToken) ?? new FaultReport { FaultId = faultId };
        var unit = await db.ClientUnits.Where(u => u.Id == fault.ClientUnitId).Select(u => u.Name).FirstAsync(cancellationToken);
        var asset = fault.AssetId is { } id ? await db.Assets.AsNoTracking().Where(a => a.Id == id).Select(a => new { a.Code, a.Name }).FirstOrDefaultAsync(cancellationToken) : null;
        var location = fault.LocationId is { } lid ? await db.Locations.Where(x => x.Id == lid).Select(x => x.Name).FirstOrDefaultAsync(cancellationToken) : null;
        var subsystem = fault.SubsystemId is { } sid ? await db.Subsystems.Where(x => x.Id == sid).Select(x => x.Name).FirstOrDefaultAsync(cancellationToken) : null;
        var events = await db.FaultEvents.AsNoTracking().Where(e => e.FaultId == faultId).OrderBy(e => e.At).ToListAsync(cancellationToken);
        var (parts, operations) = await GatedWorkAsync(db, faultId, cancellationToken);
        var signatures = await db.Signatures.AsNoTracking().Where(s => s.Id == report.EngineerSignatureId || s.Id == report.ClientSignatureId).ToListAsync(cancellationToken);

        string Who(FaultEventType type) => events.FirstOrDefault(e => e.Type == type) is { } e ? $"{Format.DateTime(e.At)} {e.ActorName}" : "—";
        using var form = new PdfForm(l["FaultReport.Title"].Value, $"{fault.Number} · {l["FaultReport.Version", report.Version]}");
        form.Subtitle($"{unit}    {l["Fault.Number"]}: {fault.Number}    {l["FaultReport.Version", report.Version]}    {l["FaultReportState." + report.State]}");
        form.Section(l["FaultReport.Section.Fault"].Value);
        form.Row(l["Fault.Asset"].Value, asset is null ? null : $"{asset.Name}（{asset.Code}）");
        form.Row(l["Fault.Location"].Value, location);
        form.Row(l["Asset.Subsystem"].Value, subsystem);
        form.Row(l["Fault.Caller"].Value, $"{fault.CallerName} {fault.CallerPhone}");
        form.Row(l["Fault.ReportedAt"].Value, Format.DateTime(fault.ReportedAt));
        form.Row(l["Fault.Description"].Value, fault.Description);
        form.Row(l["Fault.ProposedLevel"].Value, fault.ProposedLevel is { } p ? $"{l["FaultLevel." + p]} {fault.ProposedBy}" : null);
        form.Row(l["Fault.RuledLevel"].Value, fault.RuledLevel is { } r ? $"{l["FaultLevel." + r]} {fault.RuledBy}" : null);
        form.Section(l["FaultReport.Section.Timeline"].Value);
        foreach (var type in new[] { FaultEventType.Reported, FaultEventType.Answered, FaultEventType.Proposed, FaultEventType.ArrivedOnSite, FaultEventType.Restored, FaultEventType.Resolved })
        {
            form.Row(l["FaultEvent." + type].Value, Who(type));
        }

        form.Row(l["FaultEvent.Escalated"].Value, string.Join("；", events.Where(e => e.Type == FaultEventType.Escalated).Select(e => $"{Format.DateTime(e.At)} {(Enum.TryParse<Domain.Faults.FaultLevel>(e.Text, out var from) ? l["FaultLevel." + from].Value : "")} → {l["FaultLevel." + e.Level]}")));
        form.Row(l["Fault.Tier"].Value, string.Join(" → ", new[] { l["ServiceTier.OnSite"].Value }.Concat(events.Where(e => e.Type == FaultEventType.TierChanged).Select(e => $"{l["ServiceTier." + e.Tier]}（{Format.DateTime(e.At)} {e.ActorName} {e.Text}）"))));
        form.Section(l["FaultReport.Section.Handling"].Value);
        form.Row(l["FaultReport.Diagnosis"].Value, report.Diagnosis);
        form.Row(l["FaultReport.RootCause"].Value, report.RootCause);
        form.Row(l["FaultReport.EmergencyMeasures"].Value, report.EmergencyMeasures);
        form.Row(l["FaultReport.Fix"].Value, report.Fix);
        form.Row(l["FaultReport.Parts"].Value, string.Join("；", parts));
        form.Row(l["FaultReport.Operations"].Value, string.Join("；", operations));
        form.Row(l["FaultReport.Prevention"].Value, report.Prevention);
        form.Section(l["FaultReport.Section.Signatures"].Value);
        var engineer = signatures.FirstOrDefault(s => s.Id == report.EngineerSignatureId);
        var client = signatures.FirstOrDefault(s => s.Id == report.ClientSignatureId);
        form.Signature(l["FaultReport.EngineerSignature"].Value, engineer?.Strokes.Select(s => (IReadOnlyList<InkPoint>)s).ToList(), engineer?.SignerName, Format.DateTime(engineer?.SignedAt));
        form.Signature(l["FaultReport.ClientSignature"].Value, client?.Strokes.Select(s => (IReadOnlyList<InkPoint>)s).ToList(), client?.SignerName, Format.DateTime(client?.SignedAt));
        return form.ToBytes();
    }

    private static string Hash(FaultReport report, Fault fault, IEnumerable<string> parts, IEnumerable<string> operations) =>
        SignatureRules.Hash(SignatureRules.Canonical(FaultReportRules.SignedContent(report, fault, parts, operations)));

    /// <summary>Parts replaced and major operations performed on the fault, each named by its approval.</summary>
    private static async Task<(IReadOnlyList<string> Parts, IReadOnlyList<string> Operations)> GatedWorkAsync(YunweiDbContext db, Guid faultId, CancellationToken cancellationToken)
    {
        var work = await (from e in db.FaultEvents.AsNoTracking()
                          where e.FaultId == faultId && (e.Type == FaultEventType.PartReplaced || e.Type == FaultEventType.OperationPerformed)
                          join a in db.ApprovalRequests on e.ApprovalId equals a.Id into approvals
                          from a in approvals.DefaultIfEmpty()
                          orderby e.At
                          select new { e.Type, e.At, Title = a == null ? e.Text : a.Title })
            .ToListAsync(cancellationToken);
        return ([.. work.Where(w => w.Type == FaultEventType.PartReplaced).Select(w => $"{w.Title}（{Format.DateTime(w.At)}）")],
            [.. work.Where(w => w.Type == FaultEventType.OperationPerformed).Select(w => $"{w.Title}（{Format.DateTime(w.At)}）")]);
    }

    private static async Task<FaultActionResult> SaveAsync(YunweiDbContext db, FaultReport report, CancellationToken cancellationToken)
    {
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return new FaultActionResult(FaultActionStatus.Done, report.Revision);
        }
        catch (DbUpdateException)
        {
            return new FaultActionResult(FaultActionStatus.Conflict);
        }
    }
}
