using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Localization;

namespace Yunwei.Web.Infrastructure;

/// <summary>
/// Response headers every page and API answer carries, and the throttle on signing in.
/// The content security policy allows scripts only from this site (Blazor and AntDesign load from
/// files; no inline script), inline styles (AntDesign sets them), images from this site, data: and
/// blob: (signatures, photo previews), and no framing by other sites. The API reference page
/// (Scalar, with its inline start-up script) gets only the framing rule.
/// </summary>
public static class Security
{
    public const string LoginPolicy = "login";

    public const string ContentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; font-src 'self' data:; " +
        "connect-src 'self'; frame-ancestors 'none'; base-uri 'self'; form-action 'self'; object-src 'none'";

    public static IApplicationBuilder UseSecurityHeaders(this IApplicationBuilder app) =>
        app.Use(async (context, next) =>
        {
            context.Response.OnStarting(() =>
            {
                var headers = context.Response.Headers;
                headers.XContentTypeOptions = "nosniff";
                headers.XFrameOptions = "DENY";
                headers["Referrer-Policy"] = "strict-origin-when-cross-origin";
                headers["Permissions-Policy"] = "microphone=(), payment=(), usb=()";
                // API answers are the user's data: never kept by a browser or a proxy (unless an endpoint says otherwise).
                if (context.Request.Path.StartsWithSegments("/api") && !headers.ContainsKey("Cache-Control"))
                {
                    headers.CacheControl = "no-store";
                }

                // An answer with its own policy (downloads are sandboxed) keeps it.
                if (!headers.ContainsKey("Content-Security-Policy"))
                {
                    headers.ContentSecurityPolicy = context.Request.Path.StartsWithSegments("/api/docs") ? "frame-ancestors 'none'" : ContentSecurityPolicy;
                }
                return Task.CompletedTask;
            });
            await next();
        });

    /// <summary>
    /// Cross-site request forgery, whatever the body: a request that changes something (not GET, HEAD,
    /// OPTIONS or TRACE) and carries the sign-in cookie must come from this site — the browser's
    /// <c>Sec-Fetch-Site: same-origin</c>, or an <c>Origin</c> equal to this site's (the request's own or
    /// <c>App:PublicUrl</c>'s) — or carry a valid antiforgery token. A page on another port of the same
    /// host is another origin. Token (Bearer) clients are not browsers and pass. Refused: 400 problem
    /// details in the user's language, nothing done.
    /// </summary>
    public static IApplicationBuilder UseCookieForgeryCheck(this IApplicationBuilder app) =>
        app.Use(async (context, next) =>
        {
            var request = context.Request;
            if (HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method) || HttpMethods.IsOptions(request.Method) || HttpMethods.IsTrace(request.Method)
                || AuthSchemes.IsBearer(request) || !request.Cookies.ContainsKey(CookieName)
                || SameOrigin(context)
                || await context.RequestServices.GetRequiredService<IAntiforgery>().IsRequestValidAsync(context))
            {
                await next();
                return;
            }

            var l = context.RequestServices.GetRequiredService<IStringLocalizer<SharedResource>>();
            await TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, title: l["Problem.Status.400"].Value, detail: l["Problem.Antiforgery"].Value)
                .ExecuteAsync(context);
        });

    /// <summary>The name of the sign-in cookie (Program.cs).</summary>
    public const string CookieName = "yunwei.auth";

    private static bool SameOrigin(HttpContext context)
    {
        var headers = context.Request.Headers;
        if (string.Equals(headers["Sec-Fetch-Site"], "same-origin", StringComparison.Ordinal))
        {
            return true;
        }

        var origin = headers.Origin.ToString();
        if (string.IsNullOrEmpty(origin) || origin == "null")
        {
            return false;
        }

        var own = $"{context.Request.Scheme}://{context.Request.Host}";
        if (string.Equals(origin, own, StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        var publicUrl = context.RequestServices.GetRequiredService<IConfiguration>()["App:PublicUrl"];
        return Uri.TryCreate(publicUrl, UriKind.Absolute, out var configured)
            && string.Equals(origin, configured.GetLeftPart(UriPartial.Authority), StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>
    /// Sign-in attempts (form posts to the sign-in and second-factor pages) per client address and
    /// minute (Security:SignInsPerMinute, default 20); the account itself locks after five wrong
    /// passwords (Identity lockout). Over the limit, the form comes back with "try again later".
    /// </summary>
    public static IServiceCollection AddSignInThrottle(this IServiceCollection services, IConfiguration configuration) =>
        services.AddRateLimiter(options =>
        {
            var limit = Math.Max(1, configuration.GetValue("Security:SignInsPerMinute", 20));
            options.AddPolicy(LoginPolicy, context => HttpMethods.IsPost(context.Request.Method)
                ? RateLimitPartition.GetFixedWindowLimiter(context.Connection.RemoteIpAddress?.ToString() ?? "unknown",
                    _ => new FixedWindowRateLimiterOptions { PermitLimit = limit, Window = TimeSpan.FromMinutes(1), QueueLimit = 0 })
                : RateLimitPartition.GetNoLimiter("read"));
            options.OnRejected = (rejected, _) =>
            {
                var response = rejected.HttpContext.Response;
                if (rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retry))
                {
                    response.Headers.RetryAfter = ((int)Math.Ceiling(retry.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
                }

                // A person at the form sees the form again with the reason.
                response.Headers.Location = "/account/login?throttled=1";
                response.StatusCode = StatusCodes.Status303SeeOther;
                return ValueTask.CompletedTask;
            };
        });

    /// <summary>
    /// File uploads of the API take multipart forms, which any page on the web can post (and the sign-out
    /// form posts to a plain endpoint). Token (Bearer)
    /// clients are not browsers and need nothing more; a cookie-signed-in caller must also send the
    /// antiforgery token (the cookie is SameSite=Lax as well, so other sites' posts do not carry it).
    /// </summary>
    public static RouteHandlerBuilder RequireAntiforgeryForCookies(this RouteHandlerBuilder builder) =>
        builder.DisableAntiforgery().AddEndpointFilter(async (context, next) =>
        {
            var http = context.HttpContext;
            if (!AuthSchemes.IsBearer(http.Request)
                && !await http.RequestServices.GetRequiredService<IAntiforgery>().IsRequestValidAsync(http))
            {
                var l = http.RequestServices.GetRequiredService<IStringLocalizer<SharedResource>>();
                return TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, detail: l["Problem.Antiforgery"].Value);
            }

            return await next(context);
        });
}
