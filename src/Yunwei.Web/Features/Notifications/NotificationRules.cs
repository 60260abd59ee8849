using Microsoft.EntityFrameworkCore;
using Yunwei.Data;
using Yunwei.Domain.Administration;
using Yunwei.Domain.Notifications;
using Yunwei.Web.Infrastructure;

namespace Yunwei.Web.Features.Notifications;

public sealed record NotificationRuleRow(Guid Id, string Event, RuleAudience Audience, string? Role, bool UrgentOnly, bool Enabled);

public sealed record NotificationRuleRequest(string? Event, RuleAudience Audience, string? Role, bool UrgentOnly = false);

/// <summary>A unit's notification rules: which events also go to the duty engineer on shift, the leadership or a role.</summary>
public sealed class NotificationRulesHandler(IDbContextFactory<YunweiDbContext> dbFactory, CurrentUser currentUser, TimeProvider time)
{
    public async Task<IReadOnlyList<NotificationRuleRow>?> ListAsync(Guid unitId, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        if (!await db.ClientUnits.AnyAsync(u => u.Id == unitId, cancellationToken))
        {
            return null;
        }

        return await db.NotificationRules.AsNoTracking().Where(r => r.ClientUnitId == unitId).OrderBy(r => r.CreatedAt)
            .Select(r => new NotificationRuleRow(r.Id, r.Event, r.Audience, r.Role, r.UrgentOnly, r.Enabled)).ToListAsync(cancellationToken);
    }

    public async Task<Outcome<NotificationRuleRow>> AddAsync(Guid unitId, NotificationRuleRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (!currentUser.Can(Permissions.ContractsManage))
        {
            return Outcome<NotificationRuleRow>.NotAllowed();
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        if (!await db.ClientUnits.AnyAsync(u => u.Id == unitId, cancellationToken))
        {
            return Outcome<NotificationRuleRow>.NotFound();
        }

        var errors = new ValidationErrors();
        if (!Delivery.Events.Contains(request.Event?.Trim()))
        {
            errors.Add(nameof(request.Event), "Rule.Error.Event");
        }

        if (!Enum.IsDefined(request.Audience))
        {
            errors.Add(nameof(request.Audience), "Validation.Invalid");
        }
        else if (request.Audience == RuleAudience.Role && !Roles.All.Contains(request.Role))
        {
            errors.Add(nameof(request.Role), "Rule.Error.Role");
        }

        if (!errors.IsEmpty)
        {
            return Outcome<NotificationRuleRow>.Invalid(errors);
        }

        var role = request.Audience == RuleAudience.Role ? request.Role : null;
        var ev = request.Event!.Trim();
        if (await db.NotificationRules.AnyAsync(r => r.ClientUnitId == unitId && r.Event == ev && r.Audience == request.Audience && r.Role == role
            && r.UrgentOnly == request.UrgentOnly, cancellationToken))
        {
            return Outcome<NotificationRuleRow>.Invalid(new ValidationErrors().Add(nameof(request.Event), "Rule.Error.Duplicate"));
        }

        var rule = new NotificationRule { ClientUnitId = unitId, Event = ev, Audience = request.Audience, Role = role, UrgentOnly = request.UrgentOnly, CreatedAt = time.GetUtcNow().UtcDateTime };
        db.NotificationRules.Add(rule);
        await db.SaveChangesAsync(cancellationToken);
        return Outcome<NotificationRuleRow>.Ok(new NotificationRuleRow(rule.Id, rule.Event, rule.Audience, rule.Role, rule.UrgentOnly, rule.Enabled));
    }

    public async Task<Outcome<bool>> RemoveAsync(Guid unitId, Guid id, CancellationToken cancellationToken = default)
    {
        if (!currentUser.Can(Permissions.ContractsManage))
        {
            return Outcome<bool>.NotAllowed();
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var rule = await db.NotificationRules.FirstOrDefaultAsync(r => r.Id == id && r.ClientUnitId == unitId, cancellationToken);
        if (rule is null)
        {
            return Outcome<bool>.NotFound();
        }

        db.NotificationRules.Remove(rule);
        await db.SaveChangesAsync(cancellationToken);
        return Outcome<bool>.Ok(true);
    }
}
