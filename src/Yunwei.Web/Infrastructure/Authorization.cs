using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Yunwei.Data;
using Yunwei.Data.Identity;
using Yunwei.Domain.Administration;

namespace Yunwei.Web.Infrastructure;

public static class AuthSchemes
{
    /// <summary>Chooses bearer tokens when an Authorization header is present, else the Identity cookie.</summary>
    public const string Smart = "Yunwei";
    public const string Bearer = "Bearer";

    /// <summary>A token client (personal access token), not a browser with the sign-in cookie.</summary>
    public static bool IsBearer(HttpRequest request) =>
        request.Headers.Authorization.ToString().StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase);
}

public static class AuthorizationSetup
{
    /// <summary>One policy per permission; pages and endpoints ask for permissions, never for role names.</summary>
    public static void AddPermissionPolicies(AuthorizationOptions options)
    {
        foreach (var permission in Permissions.All)
        {
            options.AddPolicy(permission, policy => policy
                .RequireAuthenticatedUser()
                .RequireRole(Permissions.RolesFor(permission)));
        }
    }
}

/// <summary>Personal access tokens: "yw_" + 40 random characters; only a SHA-256 hash is stored.</summary>
public static class AccessTokens
{
    public const string Prefix = "yw_";

    public static string NewToken()
    {
        Span<byte> bytes = stackalloc byte[30];
        RandomNumberGenerator.Fill(bytes);
        return Prefix + Convert.ToBase64String(bytes).Replace('+', 'A').Replace('/', 'B');
    }

    public static string Hash(string token) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));
}

/// <summary>Authenticates API calls that carry <c>Authorization: Bearer yw_…</c>.</summary>
public sealed class AccessTokenHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    IDbContextFactory<YunweiDbContext> dbFactory,
    UserManager<AppUser> userManager,
    IUserClaimsPrincipalFactory<AppUser> claimsFactory,
    TimeProvider time)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        string? header = Request.Headers.Authorization;
        if (header is null || !header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            return AuthenticateResult.NoResult();
        }

        var token = header["Bearer ".Length..].Trim();
        if (!token.StartsWith(AccessTokens.Prefix, StringComparison.Ordinal))
        {
            return AuthenticateResult.Fail("Malformed token.");
        }

        var hash = AccessTokens.Hash(token);
        var now = time.GetUtcNow().UtcDateTime;
        await using var db = await dbFactory.CreateDbContextAsync(Context.RequestAborted);
        var found = await db.PersonalAccessTokens.AsNoTracking()
            .Where(t => t.TokenHash == hash)
            .Select(t => new { t.Id, t.UserId, t.ExpiresAt, t.RevokedAt, t.LastUsedAt })
            .FirstOrDefaultAsync(Context.RequestAborted);
        if (found is null || found.RevokedAt is not null || found.ExpiresAt <= now)
        {
            return AuthenticateResult.Fail("Unknown, revoked or expired token.");
        }

        var user = await userManager.FindByIdAsync(found.UserId.ToString());
        if (user is null || !user.IsActive || await userManager.IsLockedOutAsync(user))
        {
            return AuthenticateResult.Fail("The token's user cannot sign in.");
        }

        // Record use at most once a minute so busy clients do not write on every request.
        if (found.LastUsedAt is null || now - found.LastUsedAt.Value > TimeSpan.FromMinutes(1))
        {
            await db.PersonalAccessTokens.Where(t => t.Id == found.Id)
                .ExecuteUpdateAsync(s => s.SetProperty(t => t.LastUsedAt, now), Context.RequestAborted);
        }

        var principal = await claimsFactory.CreateAsync(user);
        var identity = new ClaimsIdentity(principal.Claims, Scheme.Name, ClaimTypes.Name, ClaimTypes.Role);
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), Scheme.Name));
    }
}
