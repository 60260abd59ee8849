using Microsoft.EntityFrameworkCore;
using Yunwei.Data;
using Yunwei.Domain;
using Yunwei.Domain.Units;
using Yunwei.Web.Platform;

namespace Yunwei.Web.Features.Units;

public sealed record ContractDetails(
    Guid Id,
    string Title,
    DateOnly StartsOn,
    DateOnly EndsOn,
    CalendarMode CalendarMode,
    string WorkingHours,
    IReadOnlyList<SlaTarget> SlaTargets,
    IReadOnlyList<LeadershipContact> LeadershipContacts,
    Domain.Sla.ClockStart ResponseStart,
    Domain.Sla.ClockStart RestoreStart,
    Domain.Sla.ClockStart ResolveStart,
    IReadOnlyList<int> WarningPercents,
    int ComplaintReplyHours,
    int ComplaintCloseDays,
    int Revision);

public sealed record UnitDetails(UnitSummary Unit, ContractDetails? Contract, int SubsystemCount, int LocationCount, int MemberCount);

/// <summary>One unit with its current contract; null when it does not exist or is not visible.</summary>
public sealed class GetUnitHandler(IDbContextFactory<YunweiDbContext> dbFactory, TimeProvider time)
{
    public async Task<UnitDetails?> HandleAsync(Guid id, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var unit = await db.ClientUnits.AsNoTracking()
            .Where(u => u.Id == id)
            .Select(u => new UnitSummary(u.Id, u.Code, u.Name, u.Address, u.IsActive, u.Revision))
            .FirstOrDefaultAsync(cancellationToken);
        if (unit is null)
        {
            return null;
        }

        var today = ChinaTime.Today(time.GetUtcNow());
        var contract = await CurrentContract.LoadAsync(db.ServiceContracts.AsNoTracking(), id, today, cancellationToken);
        return new UnitDetails(
            unit,
            contract is null ? null : ToDetails(contract),
            await db.Subsystems.CountAsync(s => s.ClientUnitId == id, cancellationToken),
            await db.Locations.CountAsync(l => l.ClientUnitId == id, cancellationToken),
            await db.UnitMemberships.CountAsync(m => m.ClientUnitId == id, cancellationToken));
    }

    internal static ContractDetails ToDetails(ServiceContract c) => new(
        c.Id,
        c.Title,
        c.StartsOn,
        c.EndsOn,
        c.CalendarMode,
        c.WorkingHours,
        [.. Enum.GetValues<Domain.Faults.FaultLevel>().Select(c.TargetFor)],
        c.LeadershipContacts,
        c.ResponseStart,
        c.RestoreStart,
        c.ResolveStart,
        c.WarningPercents,
        c.ComplaintReplyHours,
        c.ComplaintCloseDays,
        c.Revision);
}
