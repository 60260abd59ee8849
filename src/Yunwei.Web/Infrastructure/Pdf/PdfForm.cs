using PdfSharp.Drawing;
using PdfSharp.Pdf;
using Yunwei.Domain.Signatures;

namespace Yunwei.Web.Infrastructure.Pdf;

/// <summary>Line breaking for Chinese text (no spaces to break at): by character.</summary>
public static class PdfText
{
    /// <summary>Shortens text with an ellipsis until it fits the width.</summary>
    public static string Fit(XGraphics gfx, string text, XFont font, double width)
    {
        ArgumentNullException.ThrowIfNull(gfx);
        ArgumentNullException.ThrowIfNull(text);
        if (gfx.MeasureString(text, font).Width <= width)
        {
            return text;
        }

        var length = text.Length;
        while (length > 1 && gfx.MeasureString(text[..length] + "…", font).Width > width)
        {
            length--;
        }

        return text[..length] + "…";
    }

    /// <summary>Signs the Chinese fonts here lack, written with ones they have (WenQuanYi has no ℃).</summary>
    public static string Printable(string text) => text.Replace("℃", "°C", StringComparison.Ordinal);

    /// <summary>Breaks text into lines by character, keeping explicit line breaks; at most <paramref name="maxLines"/>.</summary>
    public static List<string> Wrap(XGraphics gfx, string text, XFont font, double width, int maxLines = int.MaxValue)
    {
        ArgumentNullException.ThrowIfNull(gfx);
        ArgumentNullException.ThrowIfNull(text);
        var lines = new List<string>();
        foreach (var paragraph in Printable(text).Replace("\r", "", StringComparison.Ordinal).Split('\n'))
        {
            var current = string.Empty;
            foreach (var c in paragraph)
            {
                if (current.Length > 0 && gfx.MeasureString(current + c, font).Width > width)
                {
                    lines.Add(current);
                    current = string.Empty;
                }

                current += c;
            }

            lines.Add(current);
        }

        if (lines.Count > maxLines)
        {
            lines = [.. lines.Take(maxLines)];
            lines[^1] = Fit(gfx, lines[^1] + "……", font, width);
        }

        return lines;
    }
}

/// <summary>
/// An A4 form drawn top to bottom in millimetres: a title, label–value rows with wrapped values,
/// section headings and signature boxes; a new page starts when the next row does not fit.
/// </summary>
public sealed class PdfForm : IDisposable
{
    private const double Width = 210, Height = 297, Margin = 15, LabelWidth = 32, Line = 5.2, Pt = 25.4 / 72;

    private readonly PdfDocument _document = new();
    // Sizes in points converted to the page's millimetres.
    private readonly XFont _font = new(CjkFontResolver.FaceName, 10 * Pt, XFontStyleEx.Regular);
    private readonly XFont _bold = new(CjkFontResolver.FaceName, 10 * Pt, XFontStyleEx.Bold);
    private readonly XFont _title = new(CjkFontResolver.FaceName, 16 * Pt, XFontStyleEx.Bold);
    private readonly string _footer;
    private XGraphics _gfx = default!;
    private double _y;
    private int _pages;

    public PdfForm(string title, string footer)
    {
        _document.Info.Title = title;
        _footer = footer;
        NewPage();
        var size = _gfx.MeasureString(title, _title);
        _gfx.DrawString(title, _title, XBrushes.Black, (Width - size.Width) / 2, _y + (16 * Pt));
        _y += 12;
    }

    /// <summary>A line of small text under the title, e.g. unit and number.</summary>
    public void Subtitle(string text)
    {
        _gfx.DrawString(PdfText.Printable(text), _font, XBrushes.DimGray, Margin, _y + (10 * Pt));
        _y += 8;
    }

    public void Section(string heading)
    {
        Ensure(10);
        _y += 2;
        _gfx.DrawRectangle(new XSolidBrush(XColor.FromArgb(240, 244, 250)), Margin, _y, Width - (2 * Margin), 6.5);
        _gfx.DrawString(heading, _bold, XBrushes.Black, Margin + 2, _y + 4.8);
        _y += 8;
    }

    /// <summary>A label and its value, wrapped to the width; an empty value prints as a dash.</summary>
    public void Row(string label, string? value)
    {
        var text = string.IsNullOrWhiteSpace(value) ? "—" : value.Trim();
        var valueWidth = Width - (2 * Margin) - LabelWidth - 2;
        var lines = PdfText.Wrap(_gfx, text, _font, valueWidth);
        var first = true;
        foreach (var line in lines)
        {
            if (Ensure(Line) || first)
            {
                _gfx.DrawString(label, _bold, XBrushes.DimGray, Margin, _y + (10 * Pt));
            }

            _gfx.DrawString(line, _font, XBrushes.Black, Margin + LabelWidth + 2, _y + (10 * Pt));
            _y += Line;
            first = false;
        }

        _gfx.DrawLine(new XPen(XColor.FromArgb(230, 230, 230), 0.2), Margin, _y - 0.8, Width - Margin, _y - 0.8);
        _y += 1;
    }

    /// <summary>A paragraph of text across the page (an explanation, "nothing this week").</summary>
    public void Paragraph(string text)
    {
        foreach (var line in PdfText.Wrap(_gfx, text, _font, Width - (2 * Margin)))
        {
            Ensure(Line);
            _gfx.DrawString(line, _font, XBrushes.Black, Margin, _y + (10 * Pt));
            _y += Line;
        }

        _y += 1;
    }

    /// <summary>
    /// A ruled table: column widths as shares of the page width, cells wrapped (at most four lines),
    /// the header repeated on every page the table continues on. A cell starting with "!" prints red
    /// without the mark (warnings and faults).
    /// </summary>
    public void Table(IReadOnlyList<string> headers, IReadOnlyList<double> shares, IEnumerable<IReadOnlyList<string?>> rows)
    {
        ArgumentNullException.ThrowIfNull(headers);
        ArgumentNullException.ThrowIfNull(shares);
        ArgumentNullException.ThrowIfNull(rows);
        var total = shares.Sum();
        var widths = shares.Select(s => s / total * (Width - (2 * Margin))).ToArray();
        var small = new XFont(CjkFontResolver.FaceName, 8.5 * Pt, XFontStyleEx.Regular);
        var smallBold = new XFont(CjkFontResolver.FaceName, 8.5 * Pt, XFontStyleEx.Bold);
        const double line = 4.2;
        var pen = new XPen(XColor.FromArgb(190, 190, 190), 0.2);

        void Draw(IReadOnlyList<string?> cells, XFont font, XBrush? fill)
        {
            var wrapped = cells.Select((c, i) => PdfText.Wrap(_gfx, (c ?? "").TrimStart('!'), font, widths[i] - 2, 4)).ToList();
            var height = (wrapped.Max(w => w.Count) * line) + 1.6;
            var x = Margin;
            if (fill is not null)
            {
                _gfx.DrawRectangle(fill, Margin, _y, Width - (2 * Margin), height);
            }

            for (var i = 0; i < cells.Count; i++)
            {
                var brush = cells[i]?.StartsWith('!') == true ? XBrushes.Firebrick : XBrushes.Black;
                for (var j = 0; j < wrapped[i].Count; j++)
                {
                    _gfx.DrawString(wrapped[i][j], font, brush, x + 1, _y + 0.8 + (j * line) + (8.5 * Pt));
                }

                _gfx.DrawRectangle(pen, x, _y, widths[i], height);
                x += widths[i];
            }

            _y += height;
        }

        Ensure(14);
        Draw(headers, smallBold, new XSolidBrush(XColor.FromArgb(245, 247, 250)));
        foreach (var row in rows)
        {
            var lines = row.Select((c, i) => PdfText.Wrap(_gfx, (c ?? "").TrimStart('!'), small, widths[i] - 2, 4).Count).Max();
            if (Ensure((lines * line) + 1.6))
            {
                Draw(headers, smallBold, new XSolidBrush(XColor.FromArgb(245, 247, 250)));
            }

            Draw(row, small, null);
        }

        _y += 2;
    }

    /// <summary>A signature box: the strokes redrawn, the signer's name and the time; empty boxes print blank lines to sign on paper.</summary>
    public void Signature(string label, IReadOnlyList<IReadOnlyList<InkPoint>>? strokes, string? signer, string? when)
    {
        const double box = 22;
        Ensure(box + 4);
        _gfx.DrawString(label, _bold, XBrushes.DimGray, Margin, _y + (10 * Pt));
        var left = Margin + LabelWidth + 2;
        var width = 66.0;
        if (strokes is { Count: > 0 })
        {
            var pen = new XPen(XColors.Black, 0.45) { LineCap = XLineCap.Round, LineJoin = XLineJoin.Round };
            double Sx(int x) => left + (x * width / SignatureRules.Scale);
            double Sy(int y) => _y + (y * box / (SignatureRules.Scale / 3.0));
            foreach (var stroke in strokes.Where(s => s.Count > 1))
            {
                var points = stroke.Select(p => new XPoint(Sx(p.X), Sy(Math.Min(p.Y, SignatureRules.Scale / 3)))).ToArray();
                _gfx.DrawLines(pen, points);
            }
        }

        _gfx.DrawLine(new XPen(XColors.Gray, 0.3), left, _y + box, left + width, _y + box);
        _gfx.DrawString(signer ?? string.Empty, _font, XBrushes.Black, left + width + 4, _y + box - 6);
        _gfx.DrawString(when ?? string.Empty, _font, XBrushes.DimGray, left + width + 4, _y + box - 1);
        _y += box + 4;
    }

    public byte[] ToBytes()
    {
        using var stream = new MemoryStream();
        _document.Save(stream, false);
        return stream.ToArray();
    }

    public void Dispose()
    {
        _gfx?.Dispose();
        _document.Dispose();
    }

    /// <summary>Starts a new page when <paramref name="needed"/> millimetres do not fit; true when it did.</summary>
    private bool Ensure(double needed)
    {
        if (_y + needed <= Height - Margin - 6)
        {
            return false;
        }

        NewPage();
        return true;
    }

    private void NewPage()
    {
        _gfx?.Dispose();
        var page = _document.AddPage();
        page.Width = XUnit.FromMillimeter(Width);
        page.Height = XUnit.FromMillimeter(Height);
        _gfx = XGraphics.FromPdfPage(page, XGraphicsUnit.Millimeter);
        _pages++;
        _gfx.DrawString($"{_footer}  ·  {_pages}", _font, XBrushes.Gray, Margin, Height - 8);
        _y = Margin;
    }
}
