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
