namespace Yunwei.Web.Platform;

/// <summary>The address people reach the app at (QR codes, calendar feeds, links in mail).</summary>
public static class PublicUrl
{
    /// <summary>The public base address: <c>App:PublicUrl</c> when set (behind a proxy), else the request's.</summary>
    public static string Of(IConfiguration configuration, HttpRequest request) =>
        configuration["App:PublicUrl"] is { Length: > 0 } configured ? configured : $"{request.Scheme}://{request.Host}{request.PathBase}";
}
