using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Yunwei.Data;
using Yunwei.Data.Identity;
using Yunwei.Data.Seeding;
using Yunwei.Domain.Administration;
using Yunwei.Web.Infrastructure;

namespace Yunwei.Web.Features.Administration;

public sealed record CreateUserRequest(
    string? UserName,
    string? DisplayName,
    string? Email,
    string? PhoneNumber,
    string? Role,
    IReadOnlyList<Guid>? UnitIds,
    string? Password);

/// <summary>The new user and, when it was generated, the initial password (shown once).</summary>
public sealed record CreatedUser(Guid Id, string UserName, string? GeneratedPassword);

/// <summary>
/// Adds a user with one role. Client roles belong to exactly one unit, provider roles to one or more,
/// system roles to none. Client administrators may add client users of their own unit only.
/// </summary>
public sealed class CreateUserHandler(UserScope userScope, CurrentUser currentUser, TimeProvider time)
{
    public Task<Outcome<CreatedUser>> HandleAsync(CreateUserRequest request, CancellationToken cancellationToken = default) =>
        userScope.RunAsync(async sp =>
        {
            var users = sp.GetRequiredService<UserManager<AppUser>>();
            var db = sp.GetRequiredService<YunweiDbContext>();
            var errors = await ValidateAsync(request, db, users, cancellationToken);
            if (!errors.IsEmpty)
            {
                return Outcome<CreatedUser>.Invalid(errors);
            }

            var role = request.Role!;
            var generated = string.IsNullOrEmpty(request.Password);
            var password = generated ? Seeder.GeneratePassword() : request.Password!;
            var user = new AppUser
            {
                UserName = request.UserName!.Trim(),
                DisplayName = request.DisplayName!.Trim(),
                Email = string.IsNullOrWhiteSpace(request.Email) ? null : request.Email.Trim(),
                PhoneNumber = string.IsNullOrWhiteSpace(request.PhoneNumber) ? null : request.PhoneNumber.Trim(),
                Party = Roles.PartyOf(role),
                CreatedAt = time.GetUtcNow().UtcDateTime,
            };
            foreach (var unit in (request.UnitIds ?? []).Distinct())
            {
                user.Memberships.Add(new UnitMembership { ClientUnitId = unit });
            }

            await using var transaction = await db.BeginWriteAsync(cancellationToken);
            var created = await users.CreateAsync(user, password);
            if (created.Succeeded)
            {
                created = await users.AddToRoleAsync(user, role);
            }

            if (!created.Succeeded)
            {
                var identityErrors = new ValidationErrors();
                foreach (var e in created.Errors)
                {
                    identityErrors.Add(e.Code.StartsWith("Password", StringComparison.Ordinal) ? nameof(request.Password) : nameof(request.UserName), "Identity." + e.Code);
                }

                return Outcome<CreatedUser>.Invalid(identityErrors);
            }

            await transaction.CommitAsync(cancellationToken);
            return Outcome<CreatedUser>.Ok(new CreatedUser(user.Id, user.UserName, generated ? password : null));
        });

    private async Task<ValidationErrors> ValidateAsync(CreateUserRequest request, YunweiDbContext db, UserManager<AppUser> users, CancellationToken cancellationToken)
    {
        var errors = new ValidationErrors()
            .Required(nameof(request.UserName), request.UserName, 64)
            .Required(nameof(request.DisplayName), request.DisplayName, 100)
            .Optional(nameof(request.Email), request.Email, 256)
            .Optional(nameof(request.PhoneNumber), request.PhoneNumber, 30);
        if (!string.IsNullOrWhiteSpace(request.UserName)
            && !request.UserName.Trim().All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '-' or '_' or '@'))
        {
            errors.Add(nameof(request.UserName), "Validation.User.UserNameFormat");
        }
        else if (!string.IsNullOrWhiteSpace(request.UserName) && await users.FindByNameAsync(request.UserName.Trim()) is not null)
        {
            errors.Add(nameof(request.UserName), "Validation.User.UserNameTaken");
        }

        if (!string.IsNullOrWhiteSpace(request.Email) && !System.Net.Mail.MailAddress.TryCreate(request.Email.Trim(), out _))
        {
            errors.Add(nameof(request.Email), "Validation.Email");
        }

        await UserRules.ValidateRoleAndUnitsAsync(errors, request.Role, request.UnitIds, db, currentUser, cancellationToken);
        return errors;
    }
}
