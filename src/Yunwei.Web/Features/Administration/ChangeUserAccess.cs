using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Yunwei.Data;
using Yunwei.Data.Identity;
using Yunwei.Data.Seeding;
using Yunwei.Domain.Administration;
using Yunwei.Web.Infrastructure;

namespace Yunwei.Web.Features.Administration;

public enum UserAccessChange
{
    Deactivate,
    Activate,
    Unlock,
    ResetPassword,
}

/// <summary>The result of an access change; a reset password is shown once.</summary>
public sealed record UserAccessChanged(Guid Id, bool IsActive, string? NewPassword);

/// <summary>
/// Deactivates, reactivates or unlocks a user, or resets their password. Every change renews the
/// security stamp, which ends the user's open sessions within a minute.
/// </summary>
public sealed class ChangeUserAccessHandler(UserScope userScope, CurrentUser currentUser)
{
    public Task<Outcome<UserAccessChanged>> HandleAsync(Guid userId, UserAccessChange change, CancellationToken cancellationToken = default) =>
        userScope.RunAsync(async sp =>
        {
            var users = sp.GetRequiredService<UserManager<AppUser>>();
            var db = sp.GetRequiredService<YunweiDbContext>();
            var user = await users.FindByIdAsync(userId.ToString());
            if (user is null || !await UserRules.CanManageAsync(db, user, currentUser, cancellationToken))
            {
                return Outcome<UserAccessChanged>.NotFound();
            }

            if (user.Id == currentUser.UserId && change == UserAccessChange.Deactivate)
            {
                return Outcome<UserAccessChanged>.Invalid(new ValidationErrors().Add("userId", "Validation.User.NotYourself"));
            }

            string? password = null;
            switch (change)
            {
                case UserAccessChange.Deactivate:
                    user.IsActive = false;
                    break;
                case UserAccessChange.Activate:
                    user.IsActive = true;
                    break;
                case UserAccessChange.Unlock:
                    await users.SetLockoutEndDateAsync(user, null);
                    await users.ResetAccessFailedCountAsync(user);
                    break;
                case UserAccessChange.ResetPassword:
                    password = Seeder.GeneratePassword();
                    var token = await users.GeneratePasswordResetTokenAsync(user);
                    var reset = await users.ResetPasswordAsync(user, token, password);
                    if (!reset.Succeeded)
                    {
                        throw new InvalidOperationException(string.Join("; ", reset.Errors.Select(e => e.Code)));
                    }

                    break;
                default:
                    return Outcome<UserAccessChanged>.Invalid(new ValidationErrors().Add("change", "Validation.Invalid"));
            }

            await users.UpdateSecurityStampAsync(user);
            return Outcome<UserAccessChanged>.Ok(new UserAccessChanged(user.Id, user.IsActive, password));
        });
}
