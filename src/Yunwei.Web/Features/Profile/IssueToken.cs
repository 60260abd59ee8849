using Microsoft.EntityFrameworkCore;
using Yunwei.Data;
using Yunwei.Data.Identity;
using Yunwei.Web.Infrastructure;

namespace Yunwei.Web.Features.Profile;

public sealed record IssueTokenRequest(string? Name, int Days);

/// <summary>The token in clear text, shown once; only its hash is kept.</summary>
public sealed record IssuedToken(Guid Id, string Token, DateTime ExpiresAt);

/// <summary>Issues a personal access token for the API to the signed-in user.</summary>
public sealed class IssueTokenHandler(IDbContextFactory<YunweiDbContext> dbFactory, CurrentUser currentUser, TimeProvider time)
{
    public static readonly int[] AllowedDays = [7, 30, 90, 180, 365];

    public async Task<Outcome<IssuedToken>> HandleAsync(IssueTokenRequest request, CancellationToken cancellationToken = default)
    {
        var errors = new ValidationErrors().Required(nameof(request.Name), request.Name, 100);
        if (!AllowedDays.Contains(request.Days))
        {
            errors.Add(nameof(request.Days), "Validation.Token.Days");
        }

        if (currentUser.UserId is not { } userId)
        {
            return Outcome<IssuedToken>.NotFound();
        }

        if (!errors.IsEmpty)
        {
            return Outcome<IssuedToken>.Invalid(errors);
        }

        var now = time.GetUtcNow().UtcDateTime;
        var token = AccessTokens.NewToken();
        var entity = new PersonalAccessToken
        {
            UserId = userId,
            Name = request.Name!.Trim(),
            Prefix = token[..10],
            TokenHash = AccessTokens.Hash(token),
            CreatedAt = now,
            ExpiresAt = now.AddDays(request.Days),
        };
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        db.PersonalAccessTokens.Add(entity);
        await db.SaveChangesAsync(cancellationToken);
        return Outcome<IssuedToken>.Ok(new IssuedToken(entity.Id, token, entity.ExpiresAt));
    }
}
