using Microsoft.EntityFrameworkCore;
using Yunwei.Data;
using Yunwei.Domain.Administration;
using Yunwei.Domain.Notifications;
using Yunwei.Web.Infrastructure;

namespace Yunwei.Web.Features.Faults.Intake;

public sealed record AlertTokenRow(Guid Id, string Name, string Hint, DateTime CreatedAt, string? CreatedBy, DateTime? LastUsedAt, DateTime? RevokedAt);

public sealed record NewAlertToken(Guid Id, string Token);

public sealed record AlertTokenRequest(string? Name);

/// <summary>Monitoring alerts in, and the per-unit tokens that let a monitoring system post them.</summary>
/// <summary>A unit's alert tokens: created (shown once), listed by hint, revoked.</summary>
public sealed class AlertTokensHandler(IDbContextFactory<YunweiDbContext> dbFactory, CurrentUser currentUser, TimeProvider time)
{
    public const string TokenPrefix = "ywa_";

    public async Task<IReadOnlyList<AlertTokenRow>?> ListAsync(Guid unitId, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        if (!await db.ClientUnits.AnyAsync(u => u.Id == unitId, cancellationToken))
        {
            return null;
        }

        return await db.IntegrationTokens.AsNoTracking().Where(t => t.ClientUnitId == unitId && t.Purpose == IntegrationToken.AlertsPurpose)
            .OrderByDescending(t => t.CreatedAt).Select(t => new AlertTokenRow(t.Id, t.Name, t.Hint, t.CreatedAt, t.CreatedBy, t.LastUsedAt, t.RevokedAt)).ToListAsync(cancellationToken);
    }

    public async Task<Outcome<NewAlertToken>> CreateAsync(Guid unitId, string? name, CancellationToken cancellationToken = default)
    {
        if (!currentUser.Can(Permissions.ContractsManage))
        {
            return Outcome<NewAlertToken>.NotAllowed();
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        if (!await db.ClientUnits.AnyAsync(u => u.Id == unitId, cancellationToken))
        {
            return Outcome<NewAlertToken>.NotFound();
        }

        var errors = new ValidationErrors().Required("Name", name, 100);
        if (!errors.IsEmpty)
        {
            return Outcome<NewAlertToken>.Invalid(errors);
        }

        var token = TokenPrefix + AccessTokens.NewToken()[AccessTokens.Prefix.Length..];
        var row = new IntegrationToken
        {
            ClientUnitId = unitId,
            Name = name!.Trim(),
            TokenHash = AccessTokens.Hash(token),
            Hint = token[..10],
            CreatedAt = time.GetUtcNow().UtcDateTime,
            CreatedBy = currentUser.DisplayName,
        };
        db.IntegrationTokens.Add(row);
        await db.SaveChangesAsync(cancellationToken);
        return Outcome<NewAlertToken>.Ok(new NewAlertToken(row.Id, token));
    }

    public async Task<Outcome<bool>> RevokeAsync(Guid unitId, Guid id, CancellationToken cancellationToken = default)
    {
        if (!currentUser.Can(Permissions.ContractsManage))
        {
            return Outcome<bool>.NotAllowed();
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var row = await db.IntegrationTokens.FirstOrDefaultAsync(t => t.Id == id && t.ClientUnitId == unitId, cancellationToken);
        if (row is null)
        {
            return Outcome<bool>.NotFound();
        }

        row.RevokedAt ??= time.GetUtcNow().UtcDateTime;
        await db.SaveChangesAsync(cancellationToken);
        return Outcome<bool>.Ok(true);
    }
}
