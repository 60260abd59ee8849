using System.Globalization;
using Microsoft.AspNetCore.Localization;

namespace Yunwei.Web.Infrastructure;

public static class Cultures
{
    public const string Chinese = "zh-CN";
    public const string English = "en";
    public static readonly string[] Supported = [Chinese, English];

    public static void Configure(RequestLocalizationOptions options)
    {
        var cultures = Supported.Select(c => new CultureInfo(c)).ToList();
        options.DefaultRequestCulture = new RequestCulture(Chinese);
        options.SupportedCultures = cultures;
        options.SupportedUICultures = cultures;
        options.FallBackToParentCultures = true;
        options.FallBackToParentUICultures = true;
        // Pages follow the user's explicit choice (cookie), defaulting to Chinese whatever the
        // browser says; API clients may also ask with Accept-Language.
        options.RequestCultureProviders =
        [
            new QueryStringRequestCultureProvider(),
            new CookieRequestCultureProvider(),
            new ApiAcceptLanguageProvider(),
        ];
    }

    /// <summary>Normalises a requested culture to one we support, or null.</summary>
    public static string? Normalize(string? culture) => culture?.ToUpperInvariant() switch
    {
        "ZH" or "ZH-CN" or "ZH-HANS" or "ZH-HANS-CN" => Chinese,
        "EN" or "EN-US" or "EN-GB" => English,
        _ => null,
    };
}

/// <summary>Accept-Language, honoured for API calls only.</summary>
public sealed class ApiAcceptLanguageProvider : RequestCultureProvider
{
    private readonly AcceptLanguageHeaderRequestCultureProvider _inner = new();

    public override Task<ProviderCultureResult?> DetermineProviderCultureResult(HttpContext httpContext) =>
        httpContext.Request.Path.StartsWithSegments("/api")
            ? _inner.DetermineProviderCultureResult(httpContext)
            : NullProviderCultureResult;
}
