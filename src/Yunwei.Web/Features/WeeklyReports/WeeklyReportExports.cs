using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using MiniExcelLibs;
using Yunwei.Data;
using Yunwei.Domain.Inspections;
using Yunwei.Domain.Signatures;
using Yunwei.Domain.WeeklyReports;
using Yunwei.Web.Infrastructure;
using Yunwei.Web.Infrastructure.Pdf;
using Yunwei.Web.Infrastructure.Word;

namespace Yunwei.Web.Features.WeeklyReports;

public sealed record ExportedFile(byte[] Content, string ContentType, string FileName);

/// <summary>
/// The weekly deliverables as files: both as PDF (signatures drawn), the inspection report also as
/// Word, the workload list also as Excel. A submitted or signed version prints its frozen content.
/// </summary>
public sealed class WeeklyReportExportsHandler(IDbContextFactory<YunweiDbContext> dbFactory, WeeklyReportsHandler reports, Microsoft.Extensions.Configuration.IConfiguration configuration)
{
    public const string Pdf = "application/pdf";
    public const string Docx = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
    public const string Xlsx = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    /// <summary>The file in <paramref name="format"/> (pdf, docx, xlsx), null when not found or not offered for this kind.</summary>
    public async Task<ExportedFile?> ExportAsync(Guid unitId, WeeklyReportKind kind, DateOnly week, int? version, string format, IStringLocalizer l, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var view = await reports.ViewAsync(db, unitId, kind, Domain.Inspections.Week.Monday(week), version, cancellationToken);
        if (view is null)
        {
            return null;
        }

        var title = l["WeeklyReportKind." + kind].Value;
        var name = $"{title}-{(view.Inspection?.Unit ?? view.Workload?.Unit)}-{view.WeekStart:yyyyMMdd}-v{view.Version}";
        var signatures = view.Id is { } id
            ? await db.Signatures.AsNoTracking().Where(s => s.SubjectType == WeeklyReportsHandler.SubjectType && s.SubjectId == id).ToListAsync(cancellationToken)
            : [];
        var report = view.Id is { } rid ? await db.WeeklyReports.AsNoTracking().FirstAsync(r => r.Id == rid, cancellationToken) : null;
        var engineer = signatures.FirstOrDefault(s => s.Id == report?.EngineerSignatureId);
        var client = signatures.FirstOrDefault(s => s.Id == report?.ClientSignatureId);
        switch (format)
        {
            case "pdf":
                PdfFonts.EnsureInstalled(configuration);
                return new ExportedFile(PdfOf(view, title, engineer, client, l), Pdf, name + ".pdf");
            case "docx" when kind == WeeklyReportKind.InspectionReport:
                return new ExportedFile(DocxOf(view, title, engineer, client, l), Docx, name + ".docx");
            case "xlsx" when kind == WeeklyReportKind.WorkloadList:
                return new ExportedFile(XlsxOf(view, engineer, client, l), Xlsx, name + ".xlsx");
            default:
                return null;
        }
    }

    private static string Span(WeeklyReportView v) => $"{Format.Date(v.WeekStart)} — {Format.Date(v.WeekStart.AddDays(6))}";

    private static string Mark(ItemResult result, string text) => result == ItemResult.Normal ? text : "!" + text;

    private static IEnumerable<string?[]> LineRows(InspectionReportContent c, IStringLocalizer l) =>
        c.Lines.Select(x => new string?[] { x.Subsystem, x.AssetName is null ? "—" : $"{x.AssetName}（{x.AssetCode}）", x.Item, x.Range, x.Value, Mark(x.Result,
            l["ItemResult." + x.Result].Value), x.Note });

    private static IEnumerable<string?[]> RiskRows(InspectionReportContent c, IStringLocalizer l) =>
        c.Risks.Select(r => new string?[] { r.Number, r.Subsystem, r.Description, l["RiskSeverity." + r.Severity].Value, r.Solution, r.Owner,
            (r.TargetDate is { } td ? Format.Date(td) : null), r.State == RiskState.Closed ? $"{l["RiskState.Closed"]}：{r.Closure}" : l["RiskState.Open"].Value });

    private static IEnumerable<string?[]> WorkRows(WorkloadContent c, IStringLocalizer l) =>
        c.Rows.Select(r => new string?[] { Format.Date(r.Date), r.Subsystem,
            l["WorkType." + r.Type].Value + (r.OutOfScope ? l["WorkLog.OutOfScopeMark"].Value : ""), r.Reference, r.Content, r.Handler, r.Hours.ToString("0.#",
            System.Globalization.CultureInfo.InvariantCulture), r.Result });

    private static byte[] PdfOf(WeeklyReportView v, string title, Signature? engineer, Signature? client, IStringLocalizer l)
    {
        using var form = new PdfForm(title, $"{title} · {Format.Date(v.WeekStart)} · v{v.Version}");
        if (v.Inspection is { } c)
        {
            var inspectors = string.Join("、", c.Inspectors);
            form.Subtitle($"{c.Unit}    {l["WeeklyReport.Week"]}：{Span(v)}    {l["WeeklyReport.Inspectors"]}：{inspectors}    v{v.Version} {l["WeeklyReportState." + v.State]}");
            if (c.IsEmpty)
            {
                form.Paragraph(l["WeeklyReport.EmptyInspection"].Value);
            }

            form.Section(l["WeeklyReport.Section.Inspections"].Value);
            form.Table([l["Inspection.Number"].Value, l["Asset.Subsystem"].Value, l["Inspection.DueOn"].Value, l["Common.Status"].Value,
                l["Inspection.Inspector"].Value, l["Inspection.Summary"].Value], [2.4, 1.6, 1.5, 1.2, 1.2, 3],
                c.Inspections.Select(i => new string?[] { i.Number, i.Subsystem, Format.Date(i.DueOn),
                    i.State == InspectionState.Done ? l["InspectionState.Done"].Value : "!" + l["InspectionState." + i.State].Value, i.Inspector, i.Summary }));
            form.Section(l["WeeklyReport.Section.Lines"].Value);
            form.Table([l["Asset.Subsystem"].Value, l["WeeklyReport.Asset"].Value, l["Checklist.Item"].Value, l["Checklist.Range"].Value,
                l["Inspection.Value"].Value, l["Inspection.Result"].Value, l["Inspection.Note"].Value], [1.3, 2.2, 2.4, 1.3, 1.2, 0.8, 1.8], LineRows(c, l));
            form.Section(l["WeeklyReport.Section.Anomalies"].Value);
            form.Table([l["Checklist.Item"].Value, l["WeeklyReport.Asset"].Value, l["Inspection.Value"].Value, l["Inspection.Result"].Value,
                l["WeeklyReport.Action"].Value], [2.4, 2.4, 1.4, 0.9, 2.4],
                c.Anomalies.Select(x => new string?[] { x.Item, x.AssetName ?? x.Subsystem, x.Value, Mark(x.Result, l["ItemResult." + x.Result].Value), x.Action ?? x.Note }));
            form.Section(l["WeeklyReport.Section.Risks"].Value);
            form.Table([l["Risk.Number"].Value, l["Asset.Subsystem"].Value, l["Risk.Description"].Value, l["Risk.Severity"].Value, l["Risk.Solution"].Value,
                l["Risk.Owner"].Value, l["Risk.TargetDate"].Value, l["Common.Status"].Value], [2, 1.2, 2.6, 0.7, 2.2, 1, 1.3, 1.3], RiskRows(c, l));
            form.Section(l["WeeklyReport.Section.Written"].Value);
            form.Row(l["WeeklyReport.Summary"].Value, v.Summary);
            form.Row(l["WeeklyReport.Advice"].Value, v.Advice);
            form.Row(l["WeeklyReport.Optimisation"].Value, v.Optimisation);
            form.Section(l["WeeklyReport.Section.Training"].Value);
            form.Table([l["Training.At"].Value, l["Training.Kind"].Value, l["Training.Topic"].Value, l["Training.Trainer"].Value, l["Training.Attendees"].Value,
                l["Training.Hours"].Value], [1.8, 1.4, 3, 1.2, 1, 0.8],
                c.Training.Select(t => new string?[] { Format.DateTime(t.At), l["TrainingKind." + t.Kind].Value, t.Topic, t.Trainer,
                    t.Attendees.ToString(System.Globalization.CultureInfo.InvariantCulture), t.Hours.ToString("0.#", System.Globalization.CultureInfo.InvariantCulture) }));
        }
        else if (v.Workload is { } w)
        {
            var engineers = string.Join("、", w.Engineers);
            form.Subtitle($"{w.Unit}    {l["WeeklyReport.Week"]}：{Span(v)}    {l["WeeklyReport.Engineers"]}：{engineers}    v{v.Version} {l["WeeklyReportState." + v.State]}");
            if (w.IsEmpty)
            {
                form.Paragraph(l["WeeklyReport.EmptyWorkload"].Value);
            }

            form.Table([l["Calendar.Date"].Value, l["Asset.Subsystem"].Value, l["WorkLog.Type"].Value, l["WorkLog.Reference"].Value, l["WorkLog.Content"].Value,
                l["WorkLog.Handler"].Value, l["WorkLog.Hours"].Value, l["WorkLog.Result"].Value], [1.4, 1.2, 1.2, 2, 3.6, 1, 0.7, 1.3], WorkRows(w, l));
            form.Section(l["WeeklyReport.Section.Totals"].Value);
            form.Table([l["WorkLog.Type"].Value, l["WeeklyReport.Count"].Value, l["WorkLog.Hours"].Value], [2, 1, 1],
                w.Totals.Select(t => new string?[] { l["WorkType." + t.Type].Value, t.Count.ToString(System.Globalization.CultureInfo.InvariantCulture),
                    t.Hours.ToString("0.#", System.Globalization.CultureInfo.InvariantCulture) })
                    .Append([l["Attendance.Total"].Value, w.Rows.Count.ToString(System.Globalization.CultureInfo.InvariantCulture), w.TotalHours.ToString("0.#",
                        System.Globalization.CultureInfo.InvariantCulture)]));
        }

        form.Section(l["FaultReport.Section.Signatures"].Value);
        form.Signature(l["WeeklyReport.EngineerSignature"].Value, engineer?.Strokes.Select(s => (IReadOnlyList<InkPoint>)s).ToList(), engineer?.SignerName, Format.DateTime(engineer?.SignedAt));
        form.Signature(l["WeeklyReport.ClientSignature"].Value, client?.Strokes.Select(s => (IReadOnlyList<InkPoint>)s).ToList(), client?.SignerName, Format.DateTime(client?.SignedAt));
        return form.ToBytes();
    }

    private static byte[] DocxOf(WeeklyReportView v, string title, Signature? engineer, Signature? client, IStringLocalizer l)
    {
        var c = v.Inspection!;
        using var doc = new DocxForm(title);
        doc.Subtitle($"{c.Unit}　{l["WeeklyReport.Week"]}：{Span(v)}　v{v.Version} {l["WeeklyReportState." + v.State]}");
        doc.Row(l["WeeklyReport.Inspectors"].Value, string.Join("、", c.Inspectors));
        if (c.IsEmpty)
        {
            doc.Text(l["WeeklyReport.EmptyInspection"].Value);
        }

        doc.Heading(l["WeeklyReport.Section.Lines"].Value);
        doc.Table([l["Asset.Subsystem"].Value, l["WeeklyReport.Asset"].Value, l["Checklist.Item"].Value, l["Checklist.Range"].Value,
            l["Inspection.Value"].Value, l["Inspection.Result"].Value, l["Inspection.Note"].Value], [1.3, 2.2, 2.4, 1.3, 1.2, 0.8, 1.8], LineRows(c, l));
        doc.Heading(l["WeeklyReport.Section.Anomalies"].Value);
        doc.Table([l["Checklist.Item"].Value, l["WeeklyReport.Asset"].Value, l["Inspection.Value"].Value, l["Inspection.Result"].Value, l["WeeklyReport.Action"].Value], [2.4, 2.4, 1.4, 0.9, 2.4],
            c.Anomalies.Select(x => new string?[] { x.Item, x.AssetName ?? x.Subsystem, x.Value, Mark(x.Result, l["ItemResult." + x.Result].Value), x.Action ?? x.Note }));
        doc.Heading(l["WeeklyReport.Section.Risks"].Value);
        doc.Table([l["Risk.Number"].Value, l["Asset.Subsystem"].Value, l["Risk.Description"].Value, l["Risk.Severity"].Value, l["Risk.Solution"].Value,
            l["Risk.Owner"].Value, l["Risk.TargetDate"].Value, l["Common.Status"].Value], [2, 1.2, 2.6, 0.7, 2.2, 1, 1.3, 1.3], RiskRows(c, l));
        doc.Heading(l["WeeklyReport.Summary"].Value);
        doc.Text(v.Summary);
        doc.Heading(l["WeeklyReport.Advice"].Value);
        doc.Text(v.Advice);
        doc.Heading(l["WeeklyReport.Optimisation"].Value);
        doc.Text(v.Optimisation);
        doc.Heading(l["WeeklyReport.Section.Training"].Value);
        doc.Table([l["Training.At"].Value, l["Training.Kind"].Value, l["Training.Topic"].Value, l["Training.Trainer"].Value, l["Training.Attendees"].Value], [1.8, 1.4, 3, 1.2, 1],
            c.Training.Select(t => new string?[] { Format.DateTime(t.At), l["TrainingKind." + t.Kind].Value, t.Topic, t.Trainer,
                t.Attendees.ToString(System.Globalization.CultureInfo.InvariantCulture) }));
        doc.Heading(l["FaultReport.Section.Signatures"].Value);
        doc.Row(l["WeeklyReport.EngineerSignature"].Value, engineer is null ? null : $"{engineer.SignerName}　{Format.DateTime(engineer.SignedAt)}（{l["WeeklyReport.SignedElectronically"]}）");
        doc.Row(l["WeeklyReport.ClientSignature"].Value, client is null ? null : $"{client.SignerName}　{Format.DateTime(client.SignedAt)}（{l["WeeklyReport.SignedElectronically"]}）");
        return doc.ToBytes();
    }

    private static byte[] XlsxOf(WeeklyReportView v, Signature? engineer, Signature? client, IStringLocalizer l)
    {
        var w = v.Workload!;
        var headers = new[] { l["Calendar.Date"].Value, l["Asset.Subsystem"].Value, l["WorkLog.Type"].Value, l["WorkLog.Reference"].Value,
            l["WorkLog.Content"].Value, l["WorkLog.Handler"].Value, l["WorkLog.Hours"].Value, l["WorkLog.Result"].Value };
        Dictionary<string, object?> Row(params object?[] cells) => headers.Select((h, i) => (h, cells.ElementAtOrDefault(i))).ToDictionary(x => x.h, x => x.Item2);
        var rows = w.Rows.Select(r => Row(Format.Date(r.Date), r.Subsystem,
            l["WorkType." + r.Type].Value + (r.OutOfScope ? l["WorkLog.OutOfScopeMark"].Value : ""), r.Reference, r.Content, r.Handler, r.Hours, r.Result)).ToList();
        if (w.IsEmpty)
        {
            rows.Add(Row(l["WeeklyReport.EmptyWorkload"].Value));
        }

        rows.Add(Row());
        foreach (var t in w.Totals)
        {
            rows.Add(Row(l["Attendance.Total"].Value, null, l["WorkType." + t.Type].Value, t.Count, null, null, t.Hours, null));
        }

        rows.Add(Row(l["Attendance.Total"].Value, null, null, w.Rows.Count, null, null, w.TotalHours, null));
        rows.Add(Row(l["WeeklyReport.EngineerSignature"].Value, engineer?.SignerName, Format.DateTime(engineer?.SignedAt)));
        rows.Add(Row(l["WeeklyReport.ClientSignature"].Value, client?.SignerName, Format.DateTime(client?.SignedAt)));
        using var stream = new MemoryStream();
        stream.SaveAs(rows, sheetName: $"{v.WeekStart:yyyy-MM-dd}");
        return stream.ToArray();
    }
}
