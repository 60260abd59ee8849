using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using Yunwei.Data.Identity;

namespace Yunwei.Web.Infrastructure;

/// <summary>Refuses sign-in for deactivated users (result "not allowed"); gives each sign-in its session id (<see cref="SignInSessions"/>).</summary>
public sealed class YunweiSignInManager(
    UserManager<AppUser> userManager,
    IHttpContextAccessor contextAccessor,
    IUserClaimsPrincipalFactory<AppUser> claimsFactory,
    IOptions<IdentityOptions> optionsAccessor,
    ILogger<SignInManager<AppUser>> logger,
    IAuthenticationSchemeProvider schemes,
    IUserConfirmation<AppUser> confirmation)
    : SignInManager<AppUser>(userManager, contextAccessor, claimsFactory, optionsAccessor, logger, schemes, confirmation)
{
    public override async Task<bool> CanSignInAsync(AppUser user) =>
        user.IsActive && await base.CanSignInAsync(user);

    public override Task SignInWithClaimsAsync(AppUser user, AuthenticationProperties? authenticationProperties, IEnumerable<System.Security.Claims.Claim> additionalClaims)
    {
        ArgumentNullException.ThrowIfNull(user);
        return base.SignInWithClaimsAsync(user, authenticationProperties, [.. additionalClaims, SignInSessions.For(Context, user.Id)]);
    }

    /// <summary>Signing out ends this session for good: a kept copy of its cookie is refused too.</summary>
    public override async Task SignOutAsync()
    {
        await SignInSessions.EndAsync(Context);
        await base.SignOutAsync();
    }
}
