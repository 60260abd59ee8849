using System.Globalization;
using System.IO.Compression;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using MiniExcelLibs;
using Yunwei.Data;
using Yunwei.Domain.Assessment;
using Yunwei.Domain.Faults;
using Yunwei.Domain.Signatures;
using Yunwei.Domain.WeeklyReports;
using Yunwei.Web.Features.Faults;
using Yunwei.Web.Features.WeeklyReports;
using Yunwei.Web.Infrastructure;
using Yunwei.Web.Infrastructure.Pdf;

namespace Yunwei.Web.Features.Assessment;

/// <summary>
/// The quarterly form as PDF (signatures drawn) and Excel, and the evidence pack: one zip with the
/// form, the quarter's client-signed weekly inspection reports and workload lists, the confirmed
/// fault handling reports, and an index of every record behind a deduction.
/// </summary>
public sealed class AssessmentExportsHandler(
    IDbContextFactory<YunweiDbContext> dbFactory, AssessmentsHandler assessments, WeeklyReportExportsHandler weekly, FaultReportsHandler faultReports,
    Microsoft.Extensions.Configuration.IConfiguration configuration)
{
    public async Task<ExportedFile?> PdfAsync(Guid unitId, Quarter quarter, int? version, IStringLocalizer l, CancellationToken cancellationToken = default)
    {
        PdfFonts.EnsureInstalled(configuration);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var view = await assessments.ViewAsync(db, unitId, quarter, version, cancellationToken);
        if (view is null)
        {
            return null;
        }

        var (client, provider) = await SignaturesAsync(db, view, cancellationToken);
        var goals = await GoalsHandler.LoadAsync(db, unitId, quarter, cancellationToken);
        var title = l["Assessment.Title"].Value;
        using var form = new PdfForm(title, $"{title} · {quarter} · v{view.Version}");
        form.Subtitle($"{view.UnitName}    {l["Assessment.Quarter"]}：{Span(quarter)}    v{view.Version} {l["AssessmentState." + view.State]}");
        if (view.IsEmpty)
        {
            form.Paragraph(l["Assessment.Empty"].Value);
        }

        form.Section(l["Assessment.Items"].Value);
        form.Table(
            [l["Assessment.Item"].Value, l["Assessment.Rule"].Value, l["Assessment.Count"].Value, l["Assessment.Points"].Value, l["Assessment.Adjustment"].Value],
            [3.2, 2.2, 1, 1, 3],
            view.Lines.Select(x => new string?[] { x.Name, Rule(x, l), Count(x), Points(x), x.Adjustment == 0 ? null : $"{Signed(x.Adjustment)}：{x.Reason}" }));
        form.Row(l["Assessment.ServiceScore"].Value, N(view.ServiceScore));
        form.Row(l["Assessment.Total"].Value, $"{N(view.Total)}    {l["Rating." + view.Rating]}");
        form.Row(l["Assessment.Bands"].Value, l["Assessment.BandsLine", N(view.Bands.Excellent), N(view.Bands.Good), N(view.Bands.Pass)].Value);
        form.Section(l["Assessment.Goals"].Value);
        form.Table([l["Goal.Title"].Value, l["Goal.Target"].Value, l["Goal.Weight"].Value, l["Goal.Completion"].Value, l["Goal.Comment"].Value], [2.4, 3, 0.8, 1, 2.6],
            goals.Select(g => new string?[] { g.Title, g.Target, $"{g.Weight}%", g.Completion is { } c ? $"{N(c)}%" : "—", g.AssessmentComment }));
        form.Row(l["Assessment.Comment"].Value, view.Comment);
        form.Section(l["FaultReport.Section.Signatures"].Value);
        form.Signature(l["Assessment.ClientSignature"].Value, Strokes(client), client?.SignerName, Format.DateTime(client?.SignedAt));
        form.Signature(l["Assessment.ProviderSignature"].Value, Strokes(provider), provider?.SignerName, Format.DateTime(provider?.SignedAt));
        return new ExportedFile(form.ToBytes(), WeeklyReportExportsHandler.Pdf, $"{title}-{view.UnitName}-{quarter}-v{view.Version}.pdf");
    }

    public async Task<ExportedFile?> ExcelAsync(Guid unitId, Quarter quarter, int? version, IStringLocalizer l, CancellationToken cancellationToken = default)
    {
        var view = await assessments.GetAsync(unitId, quarter, version, cancellationToken);
        if (view is null)
        {
            return null;
        }

        var headers = new[] { l["Assessment.Item"].Value, l["Assessment.Rule"].Value, l["Assessment.Count"].Value, l["Assessment.Points"].Value,
            l["Assessment.Adjustment"].Value, l["Assessment.Reason"].Value };
        Dictionary<string, object?> Row(params object?[] cells) => headers.Select((h, i) => (h, cells.ElementAtOrDefault(i))).ToDictionary(x => x.h, x => x.Item2);
        var rows = view.Lines.Select(x => Row(x.Name, Rule(x, l), x.Count, x.Score, x.Adjustment == 0 ? null : x.Adjustment, x.Reason)).ToList();
        rows.Add(Row(l["Assessment.ServiceScore"].Value, null, null, view.ServiceScore));
        rows.Add(Row(l["Assessment.Total"].Value, l["Rating." + view.Rating].Value, null, view.Total));
        using var stream = new MemoryStream();
        stream.SaveAs(rows, sheetName: quarter.ToString());
        return new ExportedFile(stream.ToArray(), WeeklyReportExportsHandler.Xlsx, $"{l["Assessment.Title"]}-{view.UnitName}-{quarter}-v{view.Version}.xlsx");
    }

    /// <summary>The evidence pack as one zip (the form, the signed weekly deliverables, the confirmed fault reports, an index).</summary>
    public async Task<ExportedFile?> EvidenceAsync(Guid unitId, Quarter quarter, int? version, IStringLocalizer l, CancellationToken cancellationToken = default)
    {
        var formPdf = await PdfAsync(unitId, quarter, version, l, cancellationToken);
        if (formPdf is null)
        {
            return null;
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var view = (await assessments.ViewAsync(db, unitId, quarter, version, cancellationToken))!;
        var weeks = await db.WeeklyReports.AsNoTracking()
            .Where(r => r.ClientUnitId == unitId && r.IsCurrent && r.State == WeeklyReportState.ClientSigned && r.WeekStart >= quarter.Start && r.WeekStart <= quarter.End)
            .OrderBy(r => r.WeekStart).ThenBy(r => r.Kind).Select(r => new { r.Kind, r.WeekStart, r.Version }).ToListAsync(cancellationToken);
        var start = Domain.ChinaTime.ToUtc(quarter.Start.ToDateTime(TimeOnly.MinValue));
        var end = Domain.ChinaTime.ToUtc(quarter.End.AddDays(1).ToDateTime(TimeOnly.MinValue));
        var confirmed = await (from r in db.FaultReports.AsNoTracking()
                               join f in db.Faults on r.FaultId equals f.Id
                               where f.ClientUnitId == unitId && f.ReportedAt >= start && f.ReportedAt < end && r.State == FaultReportState.Confirmed
                               orderby f.ReportedAt
                               select new { f.Id, f.Number }).ToListAsync(cancellationToken);

        using var buffer = new MemoryStream();
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            async Task AddAsync(string path, byte[] content)
            {
                await using var entry = zip.CreateEntry(path, CompressionLevel.Optimal).Open();
                await entry.WriteAsync(content, cancellationToken);
            }

            await AddAsync(formPdf.FileName, formPdf.Content);
            foreach (var w in weeks)
            {
                if (await weekly.ExportAsync(unitId, w.Kind, w.WeekStart, w.Version, "pdf", l, cancellationToken) is { } file)
                {
                    await AddAsync($"{l[w.Kind == WeeklyReportKind.InspectionReport ? "Assessment.Folder.Reports" : "Assessment.Folder.Lists"]}/{file.FileName}", file.Content);
                }
            }

            foreach (var f in confirmed)
            {
                if (await faultReports.PdfAsync(f.Id, l, cancellationToken) is { } pdf)
                {
                    await AddAsync($"{l["Assessment.Folder.Faults"]}/{f.Number}.pdf", pdf);
                }
            }

            var index = view.Lines.SelectMany(x => x.Evidence.Select(e => new Dictionary<string, object?>
            {
                [l["Assessment.Item"].Value] = x.Name,
                [l["Assessment.Points"].Value] = x.Score,
                [l["Assessment.Record"].Value] = e.Label,
                [l["Assessment.Link"].Value] = e.Link,
            })).ToList();
            if (index.Count == 0)
            {
                index.Add(new Dictionary<string, object?> { [l["Assessment.Item"].Value] = l["Assessment.NoEvidence"].Value });
            }

            using var sheet = new MemoryStream();
            sheet.SaveAs(index, sheetName: quarter.ToString());
            await AddAsync($"{l["Assessment.Folder.Index"]}.xlsx", sheet.ToArray());
        }

        return new ExportedFile(buffer.ToArray(), "application/zip", $"{l["Assessment.EvidencePack"]}-{view.UnitName}-{quarter}-v{view.Version}.zip");
    }

    private static async Task<(Signature? Client, Signature? Provider)> SignaturesAsync(YunweiDbContext db, AssessmentView view, CancellationToken cancellationToken)
    {
        if (view.Id is not { } id)
        {
            return (null, null);
        }

        var row = await db.QuarterlyAssessments.AsNoTracking().FirstAsync(a => a.Id == id, cancellationToken);
        var signatures = await db.Signatures.AsNoTracking().Where(s => s.Id == row.ClientSignatureId || s.Id == row.ProviderSignatureId).ToListAsync(cancellationToken);
        return (signatures.FirstOrDefault(s => s.Id == row.ClientSignatureId), signatures.FirstOrDefault(s => s.Id == row.ProviderSignatureId));
    }

    private static List<IReadOnlyList<InkPoint>>? Strokes(Signature? s) => s?.Strokes.Select(x => (IReadOnlyList<InkPoint>)x).ToList();

    private static string Span(Quarter q) => $"{Format.Date(q.Start)} — {Format.Date(q.End)}";

    private static string N(decimal value) => value.ToString("0.##", CultureInfo.InvariantCulture);

    private static string Signed(decimal value) => value > 0 ? "+" + N(value) : N(value);

    internal static string Rule(AssessmentLine x, IStringLocalizer l) => x.Kind switch
    {
        AssessmentItemKind.Deduction => l["Assessment.RuleDeduct", N(x.Points)].Value + (x.Cap is { } c ? l["Assessment.RuleCap", N(c)].Value : ""),
        AssessmentItemKind.Bonus => l["Assessment.RuleBonus", N(x.Points)].Value + (x.Cap is { } c ? l["Assessment.RuleCap", N(c)].Value : ""),
        _ => l["Assessment.RuleWeight", x.Weight].Value,
    };

    internal static string Count(AssessmentLine x) => x.Count is { } c ? N(c) : "—";

    internal static string Points(AssessmentLine x) => x.Kind == AssessmentItemKind.WeightedScore ? N(x.Score) : x.Score == 0 ? "0" : (x.Score < 0 ? "!" : "") + Signed(x.Score);
}
