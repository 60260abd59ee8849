using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;

namespace Yunwei.Web.Infrastructure.Word;

/// <summary>
/// A Word (.docx) form written top to bottom: a centred title, headings, paragraphs and ruled tables,
/// in 宋体/SimSun for Chinese (Word and LibreOffice substitute an installed CJK font when it is missing).
/// </summary>
public sealed class DocxForm : IDisposable
{
    private const string EastAsianFont = "宋体";
    private readonly MemoryStream _stream = new();
    private readonly WordprocessingDocument _document;
    private readonly Body _body;

    public DocxForm(string title)
    {
        _document = WordprocessingDocument.Create(_stream, WordprocessingDocumentType.Document);
        var main = _document.AddMainDocumentPart();
        main.Document = new Document(_body = new Body());
        _document.PackageProperties.Title = title;
        _body.Append(Paragraph(title, 32, bold: true, JustificationValues.Center));
    }

    public void Subtitle(string text) => _body.Append(Paragraph(text, 20, bold: false, JustificationValues.Center));

    public void Heading(string text) => _body.Append(Paragraph(text, 24, bold: true, JustificationValues.Left));

    public void Text(string? text)
    {
        foreach (var line in (string.IsNullOrWhiteSpace(text) ? "—" : text).Replace("\r", "", StringComparison.Ordinal).Split('\n'))
        {
            _body.Append(Paragraph(line, 21, bold: false, JustificationValues.Left));
        }
    }

    public void Row(string label, string? value) =>
        _body.Append(new Paragraph(Run($"{label}：", 21, bold: true), Run(string.IsNullOrWhiteSpace(value) ? "—" : value, 21, bold: false)));

    /// <summary>A table with a bold header row; widths as shares of the page.</summary>
    public void Table(IReadOnlyList<string> headers, IReadOnlyList<double> shares, IEnumerable<IReadOnlyList<string?>> rows)
    {
        ArgumentNullException.ThrowIfNull(headers);
        ArgumentNullException.ThrowIfNull(shares);
        ArgumentNullException.ThrowIfNull(rows);
        const int page = 9000; // twentieths of a point across an A4 page with margins
        var total = shares.Sum();
        var widths = shares.Select(s => ((int)(s / total * page)).ToString(System.Globalization.CultureInfo.InvariantCulture)).ToArray();
        static T Edge<T>() where T : BorderType, new() => new() { Val = BorderValues.Single, Size = 4, Color = "999999" };
        // Child order follows the schema (Word refuses documents that do not): width before borders, borders top-left-bottom-right.
        var table = new Table(
            new TableProperties(
                new TableWidth { Type = TableWidthUnitValues.Dxa, Width = page.ToString(System.Globalization.CultureInfo.InvariantCulture) },
                new TableBorders(Edge<TopBorder>(), Edge<LeftBorder>(), Edge<BottomBorder>(), Edge<RightBorder>(), Edge<InsideHorizontalBorder>(), Edge<InsideVerticalBorder>())),
            new TableGrid(widths.Select(w => new GridColumn { Width = w })));
        TableRow Row(IReadOnlyList<string?> cells, bool header)
        {
            var row = new TableRow();
            if (header)
            {
                row.Append(new TableRowProperties(new TableHeader()));
            }

            for (var i = 0; i < cells.Count; i++)
            {
                row.Append(new TableCell(
                    new TableCellProperties(new TableCellWidth { Type = TableWidthUnitValues.Dxa, Width = widths[i] }),
                    Paragraph((cells[i] ?? "").TrimStart('!'), 18, header, JustificationValues.Left, cells[i]?.StartsWith('!') == true ? "B22222" : null)));
            }

            return row;
        }

        table.Append(Row(headers, header: true));
        foreach (var row in rows)
        {
            table.Append(Row(row, header: false));
        }

        _body.Append(table);
        _body.Append(new Paragraph());
    }

    public byte[] ToBytes()
    {
        _document.Dispose();
        return _stream.ToArray();
    }

    public void Dispose()
    {
        _document.Dispose();
        _stream.Dispose();
    }

    private static Paragraph Paragraph(string text, int halfPoints, bool bold, JustificationValues justification, string? color = null) =>
        new(new ParagraphProperties(new SpacingBetweenLines { After = "60" }, new Justification { Val = justification }), Run(text, halfPoints, bold, color));

    private static Run Run(string text, int halfPoints, bool bold, string? color = null)
    {
        // Schema order: fonts, bold, colour, sizes.
        var properties = new RunProperties(new RunFonts { EastAsia = EastAsianFont, Ascii = "Times New Roman", HighAnsi = "Times New Roman" });
        if (bold)
        {
            properties.Append(new Bold());
        }

        if (color is not null)
        {
            properties.Append(new Color { Val = color });
        }

        var size = halfPoints.ToString(System.Globalization.CultureInfo.InvariantCulture);
        properties.Append(new FontSize { Val = size }, new FontSizeComplexScript { Val = size });
        return new Run(properties, new Text(text) { Space = SpaceProcessingModeValues.Preserve });
    }
}
