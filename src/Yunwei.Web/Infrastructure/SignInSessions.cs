using System.Collections.Concurrent;
using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Yunwei.Data;
using Yunwei.Data.Identity;

namespace Yunwei.Web.Infrastructure;

/// <summary>
/// A sign-in cookie is checked against the database, so that what ends a session ends it at once
/// (on another instance within <see cref="RecheckAfter"/>), also for a copy of the cookie someone kept: signing out (that session only), a
/// password change or a change of role or units (the security stamp), deactivation and lockout (every
/// session of the person). Each sign-in gets a session id (<see cref="SessionClaim"/>) kept across
/// the cookie's renewals; signing out records it as ended. A session found valid is trusted for
/// <see cref="RecheckAfter"/> before it is read again (one indexed read cost ~0.45 ms of CPU per request
/// on this machine, docs/benchmarks.md "Session 15"); this instance forgets it at once when it ends the
/// session or changes the person (<see cref="Forget"/>), another instance within that interval.
/// </summary>
public static class SignInSessions
{
    /// <summary>How long a session checked valid is trusted without reading it again.</summary>
    public static readonly TimeSpan RecheckAfter = TimeSpan.FromSeconds(15);

    private static readonly ConcurrentDictionary<Guid, Checked> Recent = new();

    public const string SessionClaim = "yw:sid";

    private const string StampClaim = "AspNet.Identity.SecurityStamp";

    /// <summary>How long a signed-out session is remembered: the cookie's whole life (sliding, 12 h), with room.</summary>
    public static readonly TimeSpan Remembered = TimeSpan.FromHours(13);

    /// <summary>Runs before Identity's own (1-minute) stamp validation, which refreshes the roles and units.</summary>
    public static async Task ValidateAsync(CookieValidatePrincipalContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var principal = context.Principal;
        if (principal is null)
        {
            return;
        }

        var stamp = principal.FindFirstValue(StampClaim);
        var now = context.HttpContext.RequestServices.GetRequiredService<TimeProvider>().GetUtcNow();
        if (!Guid.TryParse(principal.FindFirstValue(ClaimTypes.NameIdentifier), out var userId)
            || !Guid.TryParse(principal.FindFirstValue(SessionClaim), out var session))
        {
            await RejectAsync(context);
            return;
        }

        if (Recent.TryGetValue(session, out var seen) && seen.UserId == userId && string.Equals(seen.Stamp, stamp, StringComparison.Ordinal) && now < seen.Until)
        {
            return;
        }

        if (!await StillValidAsync(context.HttpContext.RequestServices, userId, session, stamp))
        {
            Recent.TryRemove(session, out _);
            await RejectAsync(context);
            return;
        }

        if (Recent.Count > 10_000)
        {
            foreach (var (key, value) in Recent)
            {
                if (value.Until <= now)
                {
                    Recent.TryRemove(key, out _);
                }
            }
        }

        Recent[session] = new Checked(userId, stamp, now + RecheckAfter);
    }

    /// <summary>Reads the person's sessions again at their next request (their stamp, state or lockout changed here).</summary>
    public static void Forget(Guid userId)
    {
        foreach (var (key, value) in Recent)
        {
            if (value.UserId == userId)
            {
                Recent.TryRemove(key, out _);
            }
        }
    }

    private static async Task RejectAsync(CookieValidatePrincipalContext context)
    {
        context.RejectPrincipal();
        await context.HttpContext.SignOutAsync(IdentityConstants.ApplicationScheme);
    }

    private sealed record Checked(Guid UserId, string? Stamp, DateTimeOffset Until);

    private static async Task<bool> StillValidAsync(IServiceProvider services, Guid userId, Guid session, string? stamp)
    {
        var now = services.GetRequiredService<TimeProvider>().GetUtcNow();
        await using var db = await services.GetRequiredService<IDbContextFactory<YunweiDbContext>>().CreateDbContextAsync();
        var user = await db.Users.AsNoTracking().IgnoreQueryFilters()
            .Where(u => u.Id == userId)
            .Select(u => new { u.SecurityStamp, u.IsActive, u.LockoutEnd, Ended = db.EndedSessions.Any(s => s.Id == session) })
            .FirstOrDefaultAsync();
        return user is { IsActive: true, Ended: false }
            && (user.LockoutEnd is null || user.LockoutEnd <= now)
            && string.Equals(user.SecurityStamp, stamp, StringComparison.Ordinal);
    }

    /// <summary>Identity's renewal of the cookie (roles, units) keeps the session's id.</summary>
    public static Task KeepSessionOnRefresh(SecurityStampRefreshingPrincipalContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.CurrentPrincipal?.FindFirst(SessionClaim) is { } session && context.NewPrincipal?.Identity is ClaimsIdentity identity)
        {
            identity.AddClaim(new Claim(SessionClaim, session.Value));
        }

        return Task.CompletedTask;
    }

    /// <summary>The session id for a sign-in: the current one when the signed-in person renews theirs, else new.</summary>
    public static Claim For(HttpContext? http, Guid userId) =>
        new(SessionClaim, http?.User.FindFirstValue(ClaimTypes.NameIdentifier) == userId.ToString() && http.User.FindFirstValue(SessionClaim) is { } current
            ? current
            : Guid.NewGuid().ToString());

    /// <summary>Records the caller's session as ended (its cookie is refused from now on) and forgets sessions long expired.</summary>
    public static async Task EndAsync(HttpContext http)
    {
        ArgumentNullException.ThrowIfNull(http);
        if (!Guid.TryParse(http.User.FindFirstValue(ClaimTypes.NameIdentifier), out var userId)
            || !Guid.TryParse(http.User.FindFirstValue(SessionClaim), out var session))
        {
            return;
        }

        Recent.TryRemove(session, out _);
        var now = http.RequestServices.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime;
        await using var db = await http.RequestServices.GetRequiredService<IDbContextFactory<YunweiDbContext>>().CreateDbContextAsync();
        await db.EndedSessions.Where(s => s.ExpiresAt < now).ExecuteDeleteAsync();
        if (!await db.EndedSessions.AnyAsync(s => s.Id == session))
        {
            db.EndedSessions.Add(new EndedSession { Id = session, UserId = userId, EndedAt = now, ExpiresAt = now + Remembered });
            await db.SaveChangesAsync();
        }
    }
}
