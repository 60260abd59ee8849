using Microsoft.EntityFrameworkCore;
using PdfSharp.Drawing;
using PdfSharp.Pdf;
using Yunwei.Data;
using Yunwei.Domain;
using Yunwei.Web.Infrastructure.Pdf;

namespace Yunwei.Web.Features.Assets;

/// <summary>Label sizes for A4 sheets, in millimetres.</summary>
public enum LabelSize
{
    /// <summary>40 × 30 mm.</summary>
    Small,

    /// <summary>60 × 40 mm.</summary>
    Medium,

    /// <summary>80 × 50 mm.</summary>
    Large,
}

/// <summary>
/// Printable A4 sheets of asset labels: QR code of the scan page, asset code and name in Chinese,
/// the unit's name. Chooses the assets with the list's filters.
/// </summary>
public sealed class AssetLabelsHandler(IDbContextFactory<YunweiDbContext> dbFactory, TimeProvider time, IConfiguration configuration)
{
    public const int MaxLabels = 2000;
    private const double PageWidth = 210, PageHeight = 297, Margin = 8, PointInMillimetres = 25.4 / 72;

    public static (double Width, double Height) Dimensions(LabelSize size) => size switch
    {
        LabelSize.Small => (40, 30),
        LabelSize.Large => (80, 50),
        _ => (60, 40),
    };

    /// <summary>The PDF, or null when the unit is not visible. Throws <see cref="MissingCjkFontException"/> without a Chinese font.</summary>
    public async Task<byte[]?> HandleAsync(AssetQuery query, LabelSize size, string baseUrl, CancellationToken cancellationToken = default)
    {
        PdfFonts.EnsureInstalled(configuration);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var unit = await db.ClientUnits.Where(u => u.Id == query.UnitId).Select(u => u.Name).FirstOrDefaultAsync(cancellationToken);
        if (unit is null)
        {
            return null;
        }

        var assets = await ListAssetsHandler.Filter(db.Assets.AsNoTracking().Where(a => a.ClientUnitId == query.UnitId), query, ChinaTime.Today(time.GetUtcNow()))
            .OrderBy(a => a.Code)
            .Take(MaxLabels)
            .Select(a => new { a.Id, a.Code, a.Name })
            .ToListAsync(cancellationToken);

        var (width, height) = Dimensions(size);
        var columns = (int)((PageWidth - (2 * Margin)) / width);
        var rows = (int)((PageHeight - (2 * Margin)) / height);
        var left = (PageWidth - (columns * width)) / 2;
        var top = (PageHeight - (rows * height)) / 2;
        using var document = new PdfDocument();
        document.Info.Title = $"{unit} 资产标签";
        // The page is drawn in millimetres, font sizes too: 1 pt = 0.3528 mm.
        var codeFont = new XFont(CjkFontResolver.FaceName, (height >= 40 ? 10 : 8) * PointInMillimetres, XFontStyleEx.Bold);
        var nameFont = new XFont(CjkFontResolver.FaceName, (height >= 40 ? 8 : 6.5) * PointInMillimetres, XFontStyleEx.Regular);
        var unitFont = new XFont(CjkFontResolver.FaceName, 5.5 * PointInMillimetres, XFontStyleEx.Regular);
        var border = new XPen(XColors.LightGray, 0.5);

        PdfPage? page = null;
        XGraphics? gfx = null;
        try
        {
            for (var i = 0; i < Math.Max(assets.Count, 1); i++)
            {
                if (i % (columns * rows) == 0)
                {
                    gfx?.Dispose();
                    page = document.AddPage();
                    page.Width = XUnit.FromMillimeter(PageWidth);
                    page.Height = XUnit.FromMillimeter(PageHeight);
                    gfx = XGraphics.FromPdfPage(page, XGraphicsUnit.Millimeter);
                }

                if (assets.Count == 0)
                {
                    break;
                }

                var asset = assets[i];
                var slot = i % (columns * rows);
                var x = left + (slot % columns * width);
                var y = top + (slot / columns * height);
                gfx!.DrawRectangle(border, x, y, width, height);
                // The QR keeps at least half of the label for the text; the code is never cut.
                var qrSize = Math.Min(height - 6, width * 0.45);
                DrawQr(gfx, AssetQrCode.Modules(AssetQrCode.ScanUrl(baseUrl, asset.Id)), x + 2, y + ((height - qrSize) / 2), qrSize);
                var textX = x + 2 + qrSize + 1;
                var textWidth = width - (textX - x) - 2;
                var textY = y + 3;
                gfx.DrawString(PdfText.Fit(gfx, unit, unitFont, textWidth), unitFont, XBrushes.Gray, new XRect(textX, textY, textWidth, unitFont.Size * 1.3), XStringFormats.TopLeft);
                textY += (unitFont.Size * 1.3) + 1;
                // The code stays on one line, in a smaller size if need be (down to 6 pt), and wraps only beyond that.
                var fittedCode = codeFont;
                while (gfx.MeasureString(asset.Code, fittedCode).Width > textWidth && fittedCode.Size > 6 * PointInMillimetres)
                {
                    fittedCode = new XFont(CjkFontResolver.FaceName, fittedCode.Size - (0.5 * PointInMillimetres), XFontStyleEx.Bold);
                }

                foreach (var part in PdfText.Wrap(gfx, asset.Code, fittedCode, textWidth, maxLines: 3))
                {
                    gfx.DrawString(part, fittedCode, XBrushes.Black, new XRect(textX, textY, textWidth, fittedCode.Size * 1.3), XStringFormats.TopLeft);
                    textY += fittedCode.Size * 1.3;
                }

                textY += 1;
                var lineHeight = nameFont.Size * 1.3;
                var maxLines = (int)((y + height - 2 - textY) / lineHeight);
                foreach (var text in PdfText.Wrap(gfx, asset.Name, nameFont, textWidth, Math.Max(1, maxLines)))
                {
                    gfx.DrawString(text, nameFont, XBrushes.Black, new XRect(textX, textY, textWidth, lineHeight), XStringFormats.TopLeft);
                    textY += lineHeight;
                }
            }
        }
        finally
        {
            gfx?.Dispose();
        }

        using var output = new MemoryStream();
        document.Save(output);
        return output.ToArray();
    }

    /// <summary>Draws the QR code as vector squares: sharp at any printer resolution.</summary>
    private static void DrawQr(XGraphics gfx, bool[,] modules, double x, double y, double size)
    {
        var count = modules.GetLength(0);
        var module = size / count;
        for (var row = 0; row < count; row++)
        {
            for (var column = 0; column < count; column++)
            {
                if (modules[row, column])
                {
                    // A hair wider than the module so neighbouring squares leave no seams.
                    gfx.DrawRectangle(XBrushes.Black, x + (column * module), y + (row * module), module + 0.02, module + 0.02);
                }
            }
        }
    }
}
