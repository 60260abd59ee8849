using QRCoder;

namespace Yunwei.Web.Features.Assets;

/// <summary>The QR code on an asset's label: the address of the asset's scan page.</summary>
public static class AssetQrCode
{
    /// <summary>The scan page of an asset, absolute, from the configured public address or the request's.</summary>
    public static string ScanUrl(string baseUrl, Guid assetId) => $"{baseUrl.TrimEnd('/')}/scan/{assetId}";

    /// <summary>The dark modules of the code, quiet zone included, [row, column].</summary>
    public static bool[,] Modules(string text)
    {
        using var generator = new QRCodeGenerator();
        using var data = generator.CreateQrCode(text, QRCodeGenerator.ECCLevel.M);
        var matrix = data.ModuleMatrix;
        var modules = new bool[matrix.Count, matrix.Count];
        for (var row = 0; row < matrix.Count; row++)
        {
            for (var column = 0; column < matrix.Count; column++)
            {
                modules[row, column] = matrix[row][column];
            }
        }

        return modules;
    }

    public static string Svg(string text)
    {
        using var generator = new QRCodeGenerator();
        using var data = generator.CreateQrCode(text, QRCodeGenerator.ECCLevel.M);
        return new SvgQRCode(data).GetGraphic(6);
    }
}
