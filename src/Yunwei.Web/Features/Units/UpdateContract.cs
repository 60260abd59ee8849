using Microsoft.EntityFrameworkCore;
using Yunwei.Data;
using Yunwei.Domain.Faults;
using Yunwei.Domain.Sla;
using Yunwei.Domain.Units;
using Yunwei.Web.Infrastructure;
using Yunwei.Web.Platform;

namespace Yunwei.Web.Features.Units;

public sealed record SlaTargetInput(FaultLevel Level, int ResponseMinutes, int? RestoreMinutes, int ResolveMinutes);

public sealed record LeadershipContactInput(string? Name, string? Title, string? Phone, string? Email);

public sealed record UpdateContractRequest(
    string? Title,
    DateOnly StartsOn,
    DateOnly EndsOn,
    CalendarMode CalendarMode,
    string? WorkingHours,
    IReadOnlyList<SlaTargetInput>? SlaTargets,
    IReadOnlyList<LeadershipContactInput>? LeadershipContacts,
    ClockStart? ResponseStart = null,
    ClockStart? RestoreStart = null,
    ClockStart? ResolveStart = null,
    IReadOnlyList<int>? WarningPercents = null,
    int? ComplaintReplyHours = null,
    int? ComplaintCloseDays = null,
    int? Revision = null);

/// <summary>
/// Edits the unit's current service contract: period, calendar, SLA targets, leadership contacts. The
/// edit names the contract's revision it was made on; a contract changed since is not overwritten (409).
/// </summary>
public sealed class UpdateContractHandler(IDbContextFactory<YunweiDbContext> dbFactory, TimeProvider time)
{
    public async Task<Outcome<ContractDetails>> HandleAsync(Guid unitId, UpdateContractRequest request, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var unitVisible = await db.ClientUnits.AnyAsync(u => u.Id == unitId, cancellationToken);
        if (!unitVisible)
        {
            return Outcome<ContractDetails>.NotFound();
        }

        var errors = Validate(request);
        if (!errors.IsEmpty)
        {
            return Outcome<ContractDetails>.Invalid(errors);
        }

        var today = Domain.ChinaTime.Today(time.GetUtcNow());
        var contract = await CurrentContract.LoadAsync(db.ServiceContracts, unitId, today, cancellationToken);
        if (contract is null)
        {
            contract = new ServiceContract { ClientUnitId = unitId, Title = request.Title!.Trim() };
            db.ServiceContracts.Add(contract);
        }
        else if (request.Revision != contract.Revision)
        {
            return Outcome<ContractDetails>.StaleEdit(request.Revision);
        }
        else
        {
            contract.Revision++;
        }

        contract.Title = request.Title!.Trim();
        contract.StartsOn = request.StartsOn;
        contract.EndsOn = request.EndsOn;
        contract.CalendarMode = request.CalendarMode;
        contract.WorkingHours = request.WorkingHours!.Trim();
        contract.SlaTargets = [.. request.SlaTargets!.OrderBy(t => t.Level).Select(t => new SlaTarget
        {
            Level = t.Level,
            ResponseMinutes = t.ResponseMinutes,
            RestoreMinutes = t.RestoreMinutes,
            ResolveMinutes = t.ResolveMinutes,
        })];
        // Left out, the clock settings stay as they are (older clients of the API do not send them).
        contract.ResponseStart = request.ResponseStart ?? contract.ResponseStart;
        contract.RestoreStart = request.RestoreStart ?? contract.RestoreStart;
        contract.ResolveStart = request.ResolveStart ?? contract.ResolveStart;
        contract.WarningPercents = request.WarningPercents is { } percents ? [.. percents.Distinct().Order()] : contract.WarningPercents;
        contract.ComplaintReplyHours = request.ComplaintReplyHours ?? contract.ComplaintReplyHours;
        contract.ComplaintCloseDays = request.ComplaintCloseDays ?? contract.ComplaintCloseDays;
        contract.LeadershipContacts = [.. (request.LeadershipContacts ?? []).Select(c => new LeadershipContact
        {
            Name = c.Name!.Trim(),
            Title = c.Title?.Trim(),
            Phone = c.Phone?.Trim(),
            Email = c.Email?.Trim(),
        })];
        if (!await db.SavedAsync(cancellationToken))
        {
            return Outcome<ContractDetails>.Conflict();
        }

        return Outcome<ContractDetails>.Ok(GetUnitHandler.ToDetails(contract));
    }

    internal static ValidationErrors Validate(UpdateContractRequest request)
    {
        var errors = new ValidationErrors().Required(nameof(request.Title), request.Title, 200);
        if (request.EndsOn < request.StartsOn)
        {
            errors.Add(nameof(request.EndsOn), "Validation.Contract.EndBeforeStart");
        }

        if (!Enum.IsDefined(request.CalendarMode))
        {
            errors.Add(nameof(request.CalendarMode), "Validation.Invalid");
        }

        if (!WorkingHours.TryParse(request.WorkingHours, out _))
        {
            errors.Add(nameof(request.WorkingHours), "Validation.Contract.WorkingHours");
        }

        var targets = request.SlaTargets ?? [];
        var levels = Enum.GetValues<FaultLevel>();
        if (targets.Count != levels.Length || levels.Any(l => targets.Count(t => t.Level == l) != 1))
        {
            errors.Add(nameof(request.SlaTargets), "Validation.Contract.OneTargetPerLevel");
        }

        for (var i = 0; i < targets.Count; i++)
        {
            var t = targets[i];
            var target = new SlaTarget { Level = t.Level, ResponseMinutes = t.ResponseMinutes, RestoreMinutes = t.RestoreMinutes, ResolveMinutes = t.ResolveMinutes };
            foreach (var key in target.Validate())
            {
                errors.Add($"{nameof(request.SlaTargets)}[{i}]", key);
            }
        }

        foreach (var (field, start) in new[] { (nameof(request.ResponseStart), request.ResponseStart), (nameof(request.RestoreStart), request.RestoreStart),
            (nameof(request.ResolveStart), request.ResolveStart) })
        {
            if (start is { } s && !Enum.IsDefined(s))
            {
                errors.Add(field, "Validation.Invalid");
            }
        }

        if (request.WarningPercents is { } warnings && (warnings.Count > 5 || warnings.Any(w => w is < 1 or > 99)))
        {
            errors.Add(nameof(request.WarningPercents), "Validation.Contract.WarningPercents");
        }

        if (request.ComplaintReplyHours is < 1 or > 72)
        {
            errors.Add(nameof(request.ComplaintReplyHours), "Validation.Contract.ComplaintReplyHours");
        }

        if (request.ComplaintCloseDays is < 1 or > 90)
        {
            errors.Add(nameof(request.ComplaintCloseDays), "Validation.Contract.ComplaintCloseDays");
        }

        var contacts = request.LeadershipContacts ?? [];
        for (var i = 0; i < contacts.Count; i++)
        {
            var field = $"{nameof(request.LeadershipContacts)}[{i}]";
            errors.Required(field + ".Name", contacts[i].Name, 50)
                .Optional(field + ".Title", contacts[i].Title, 50)
                .Optional(field + ".Phone", contacts[i].Phone, 30)
                .Optional(field + ".Email", contacts[i].Email, 100);
            if (!string.IsNullOrWhiteSpace(contacts[i].Email) && !System.Net.Mail.MailAddress.TryCreate(contacts[i].Email!.Trim(), out _))
            {
                errors.Add(field + ".Email", "Validation.Email");
            }
        }

        return errors;
    }
}
