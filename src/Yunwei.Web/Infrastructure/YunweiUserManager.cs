using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using Yunwei.Data.Identity;

namespace Yunwei.Web.Infrastructure;

/// <summary>Every change Identity saves of a person (stamp, lockout, password, role) makes their sessions be checked again at once.</summary>
public sealed class YunweiUserManager(
    IUserStore<AppUser> store,
    IOptions<IdentityOptions> optionsAccessor,
    IPasswordHasher<AppUser> passwordHasher,
    IEnumerable<IUserValidator<AppUser>> userValidators,
    IEnumerable<IPasswordValidator<AppUser>> passwordValidators,
    ILookupNormalizer keyNormalizer,
    IdentityErrorDescriber errors,
    IServiceProvider services,
    ILogger<UserManager<AppUser>> logger)
    : UserManager<AppUser>(store, optionsAccessor, passwordHasher, userValidators, passwordValidators, keyNormalizer, errors, services, logger)
{
    protected override async Task<IdentityResult> UpdateUserAsync(AppUser user)
    {
        var result = await base.UpdateUserAsync(user);
        SignInSessions.Forget(user.Id);
        return result;
    }
}
