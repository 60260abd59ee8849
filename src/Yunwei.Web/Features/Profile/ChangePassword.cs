using Microsoft.AspNetCore.Identity;
using Yunwei.Data.Identity;
using Yunwei.Web.Infrastructure;

namespace Yunwei.Web.Features.Profile;

public sealed record ChangePasswordRequest(string? CurrentPassword, string? NewPassword, string? ConfirmPassword);

/// <summary>
/// Changes the signed-in user's own password. The security stamp changes with it, which ends the
/// user's other sessions; the page then asks the user to sign in again.
/// </summary>
public sealed class ChangePasswordHandler(UserScope userScope)
{
    public Task<Outcome<bool>> HandleAsync(ChangePasswordRequest request) =>
        userScope.RunAsync(async sp =>
        {
            var errors = new ValidationErrors()
                .Required(nameof(request.CurrentPassword), request.CurrentPassword, 200)
                .Required(nameof(request.NewPassword), request.NewPassword, 200);
            if (!string.IsNullOrEmpty(request.NewPassword) && request.NewPassword != request.ConfirmPassword)
            {
                errors.Add(nameof(request.ConfirmPassword), "Validation.Password.Mismatch");
            }

            if (!errors.IsEmpty)
            {
                return Outcome<bool>.Invalid(errors);
            }

            var users = sp.GetRequiredService<UserManager<AppUser>>();
            var current = sp.GetRequiredService<CurrentUser>();
            var user = await users.FindByIdAsync(current.UserId.ToString()!);
            if (user is null)
            {
                return Outcome<bool>.NotFound();
            }

            var result = await users.ChangePasswordAsync(user, request.CurrentPassword!, request.NewPassword!);
            if (!result.Succeeded)
            {
                foreach (var e in result.Errors)
                {
                    errors.Add(e.Code == "PasswordMismatch" ? nameof(request.CurrentPassword) : nameof(request.NewPassword), "Identity." + e.Code);
                }

                return Outcome<bool>.Invalid(errors);
            }

            return Outcome<bool>.Ok(true);
        });
}
