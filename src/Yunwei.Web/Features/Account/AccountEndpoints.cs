using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Localization;
using Yunwei.Data.Identity;
using Yunwei.Web.Components.Layout;
using Yunwei.Web.Infrastructure;

namespace Yunwei.Web.Features.Account;

/// <summary>Plain HTTP endpoints of the account: sign out, switch language, switch unit.</summary>
public static class AccountEndpoints
{
    public static void MapAccountEndpoints(this IEndpointRouteBuilder app)
    {
        // The form's antiforgery token is checked by the filter, not by binding a form field: the compile-time
        // request delegates (ADR-019) read a form with a bad token as a server error instead of a 400.
        app.MapPost("/account/logout", Logout)
            .RequireAuthorization()
            .RequireAntiforgeryForCookies()
            .ExcludeFromDescription();

        // Language switch from the header: remembered in the standard culture cookie for a year.
        app.MapGet("/culture", SwitchCulture)
            .AllowAnonymous()
            .ExcludeFromDescription();

        // Unit switch for provider staff serving several units; pages check that the unit is visible.
        app.MapGet("/unit/select", SelectUnit)
            .RequireAuthorization()
            .ExcludeFromDescription();
    }

    private static async Task<RedirectHttpResult> Logout(SignInManager<AppUser> signIn)
    {
        await signIn.SignOutAsync();
        return TypedResults.LocalRedirect("/account/login");
    }

    private static RedirectHttpResult SwitchCulture(string? c, string? returnUrl, HttpContext context)
    {
        var culture = Cultures.Normalize(c) ?? Cultures.Chinese;
        context.Response.Cookies.Append(
            CookieRequestCultureProvider.DefaultCookieName,
            CookieRequestCultureProvider.MakeCookieValue(new RequestCulture(culture)),
            new CookieOptions { MaxAge = TimeSpan.FromDays(365), IsEssential = true, SameSite = SameSiteMode.Lax, HttpOnly = true });
        return TypedResults.LocalRedirect(SafeLocal(returnUrl));
    }

    private static RedirectHttpResult SelectUnit(Guid id, string? returnUrl, HttpContext context)
    {
        context.Response.Cookies.Append(UnitScope.CookieName, id.ToString(), new CookieOptions
        {
            MaxAge = TimeSpan.FromDays(365),
            IsEssential = true,
            SameSite = SameSiteMode.Lax,
            HttpOnly = true,
        });
        return TypedResults.LocalRedirect(SafeLocal(returnUrl));
    }

    /// <summary>
    /// Only local paths: never redirect to another site (open-redirect protection). The same rule as
    /// ASP.NET's local redirect, so that one never refuses what this lets through: a single leading
    /// slash, not followed by a slash or backslash, and no control character anywhere (a tab or line
    /// break after the slash is dropped by browsers, making "/\t/evil.example" another site).
    /// </summary>
    public static string SafeLocal(string? returnUrl) =>
        !string.IsNullOrEmpty(returnUrl) && returnUrl[0] == '/'
            && (returnUrl.Length == 1 || (returnUrl[1] != '/' && returnUrl[1] != '\\'))
            && !returnUrl.AsSpan().ContainsAnyInRange('\u0000', '\u001f') && !returnUrl.Contains('\u007f', StringComparison.Ordinal)
            ? returnUrl
            : "/";
}
