using Microsoft.EntityFrameworkCore;
using Yunwei.Domain.Faults;
using Yunwei.Domain.Signatures;
using Yunwei.Web.Infrastructure;
using Yunwei.Web.Infrastructure.Pdf;

namespace Yunwei.Web.Features.Faults;

public sealed partial class FaultReportsHandler
{
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

        form.Row(l["FaultEvent.Escalated"].Value, string.Join("；",
            events.Where(e => e.Type == FaultEventType.Escalated)
                .Select(e => $"{Format.DateTime(e.At)} {(Enum.TryParse<Domain.Faults.FaultLevel>(e.Text, out var from) ? l["FaultLevel." + from].Value : "")} → {l["FaultLevel." + e.Level]}")));
        form.Row(l["Fault.Tier"].Value, string.Join(" → ",
            new[] { l["ServiceTier.OnSite"].Value }.Concat(events.Where(e => e.Type == FaultEventType.TierChanged)
                .Select(e => $"{l["ServiceTier." + e.Tier]}（{Format.DateTime(e.At)} {e.ActorName} {e.Text}）"))));
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
}
