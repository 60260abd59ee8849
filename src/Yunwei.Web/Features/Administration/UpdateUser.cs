using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Yunwei.Data;
using Yunwei.Data.Identity;
using Yunwei.Domain.Administration;
using Yunwei.Web.Infrastructure;

namespace Yunwei.Web.Features.Administration;

public sealed record UpdateUserRequest(string? DisplayName, string? Email, string? PhoneNumber, string? Role, IReadOnlyList<Guid>? UnitIds, int? Revision = null);

/// <summary>
/// Edits a user's name, contact details, role and units. A change of role or units renews the
/// security stamp, so the user's open sessions pick up the new rights within a minute.
/// </summary>
public sealed class UpdateUserHandler(UserScope userScope, CurrentUser currentUser)
{
    public Task<Outcome<Guid>> HandleAsync(Guid userId, UpdateUserRequest request, CancellationToken cancellationToken = default) =>
        userScope.RunAsync(async sp =>
        {
            var users = sp.GetRequiredService<UserManager<AppUser>>();
            var db = sp.GetRequiredService<YunweiDbContext>();
            var user = await db.Users.Include(u => u.Memberships).FirstOrDefaultAsync(u => u.Id == userId, cancellationToken);
            if (user is null || !await UserRules.CanManageAsync(db, user, currentUser, cancellationToken))
            {
                return Outcome<Guid>.NotFound();
            }

            var errors = new ValidationErrors()
                .Required(nameof(request.DisplayName), request.DisplayName, 100)
                .Optional(nameof(request.Email), request.Email, 256)
                .Optional(nameof(request.PhoneNumber), request.PhoneNumber, 30);
            if (!string.IsNullOrWhiteSpace(request.Email) && !System.Net.Mail.MailAddress.TryCreate(request.Email.Trim(), out _))
            {
                errors.Add(nameof(request.Email), "Validation.Email");
            }

            await UserRules.ValidateRoleAndUnitsAsync(errors, request.Role, request.UnitIds, db, currentUser, cancellationToken);
            var currentRoles = await users.GetRolesAsync(user);
            if (user.Id == currentUser.UserId && !currentRoles.Contains(request.Role ?? string.Empty))
            {
                errors.Add(nameof(request.Role), "Validation.User.OwnRole");
            }

            if (!errors.IsEmpty)
            {
                return Outcome<Guid>.Invalid(errors);
            }

            if (request.Revision != user.Revision)
            {
                // The user was edited (here or in their own preferences) since the form opened.
                return Outcome<Guid>.StaleEdit(request.Revision);
            }

            user.Revision++;
            var role = request.Role!;
            user.DisplayName = request.DisplayName!.Trim();
            user.Email = string.IsNullOrWhiteSpace(request.Email) ? null : request.Email.Trim();
            user.NormalizedEmail = users.NormalizeEmail(user.Email);
            user.PhoneNumber = string.IsNullOrWhiteSpace(request.PhoneNumber) ? null : request.PhoneNumber.Trim();
            user.Party = Roles.PartyOf(role);

            // Memberships in units the caller cannot see are left as they are.
            var wanted = (request.UnitIds ?? []).ToHashSet();
            var visibleUnits = await db.ClientUnits.Select(u => u.Id).ToListAsync(cancellationToken);
            foreach (var membership in user.Memberships.Where(m => visibleUnits.Contains(m.ClientUnitId) && !wanted.Contains(m.ClientUnitId)).ToList())
            {
                user.Memberships.Remove(membership);
            }

            foreach (var unit in wanted.Where(u => user.Memberships.All(m => m.ClientUnitId != u)))
            {
                user.Memberships.Add(new UnitMembership { UserId = user.Id, ClientUnitId = unit });
            }

            await using var transaction = await db.BeginWriteAsync(cancellationToken);
            var result = await users.UpdateAsync(user);
            if (result.Succeeded && !currentRoles.SequenceEqual([role]))
            {
                result = await users.RemoveFromRolesAsync(user, currentRoles);
                if (result.Succeeded)
                {
                    result = await users.AddToRoleAsync(user, role);
                }
            }

            if (result.Succeeded)
            {
                result = await users.UpdateSecurityStampAsync(user);
            }

            if (result.Errors.Any(e => e.Code == nameof(IdentityErrorDescriber.ConcurrencyFailure)))
            {
                // Saved by someone else between reading and writing: nothing of this edit is kept.
                return Outcome<Guid>.Conflict();
            }

            if (!result.Succeeded)
            {
                throw new InvalidOperationException("Updating the user failed: " + string.Join("; ", result.Errors.Select(e => e.Code)));
            }

            await transaction.CommitAsync(cancellationToken);
            return Outcome<Guid>.Ok(user.Id);
        });
}
