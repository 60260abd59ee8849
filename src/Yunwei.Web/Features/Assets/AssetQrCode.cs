using QRCoder;

namespace Yunwei.Web.Features.Assets;

/// <summary>The QR code on an asset's label: the address of the asset's scan page.</summary>
public static class AssetQrCode
{
    /// <summary>The scan page of an asset, absolute, from the configured public address or the request's.</summary>
    public static string ScanUrl(string baseUrl, Guid assetId) => $"{baseUrl.TrimEnd('/')}/scan/{assetId}";

    public static byte[] Png(string text, int pixelsPerModule = 8)
    {
        using var generator = new QRCodeGenerator();
        using var data = generator.CreateQrCode(text, QRCodeGenerator.ECCLevel.M);
        return new PngByteQRCode(data).GetGraphic(pixelsPerModule);
    }

    public static string Svg(string text)
    {
        using var generator = new QRCodeGenerator();
        using var data = generator.CreateQrCode(text, QRCodeGenerator.ECCLevel.M);
        return new SvgQRCode(data).GetGraphic(6);
    }

    /// <summary>The public base address: <c>App:PublicUrl</c> when set (behind a proxy), else the request's.</summary>
    public static string BaseUrl(IConfiguration configuration, HttpRequest request) =>
        configuration["App:PublicUrl"] is { Length: > 0 } configured ? configured : $"{request.Scheme}://{request.Host}{request.PathBase}";
}
