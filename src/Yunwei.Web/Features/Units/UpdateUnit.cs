using Microsoft.EntityFrameworkCore;
using Yunwei.Data;
using Yunwei.Domain.Units;
using Yunwei.Web.Infrastructure;
using Yunwei.Web.Platform;

namespace Yunwei.Web.Features.Units;

public sealed record UpdateUnitRequest(string? Name, string? Address, bool IsActive, int? Revision = null);

/// <summary>Renames a unit, changes its address, or deactivates it (its records stay; it is no longer chosen by default).</summary>
public sealed class UpdateUnitHandler(IDbContextFactory<YunweiDbContext> dbFactory)
{
    public async Task<Outcome<UnitSummary>> HandleAsync(Guid id, UpdateUnitRequest request, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var unit = await db.ClientUnits.FirstOrDefaultAsync(u => u.Id == id, cancellationToken);
        if (unit is null)
        {
            return Outcome<UnitSummary>.NotFound();
        }

        var errors = new ValidationErrors()
            .Required(nameof(request.Name), request.Name, ClientUnit.NameMaxLength)
            .Optional(nameof(request.Address), request.Address, 200);
        if (!errors.IsEmpty)
        {
            return Outcome<UnitSummary>.Invalid(errors);
        }

        // An edit names the revision it was made on: a unit changed since is not overwritten.
        if (request.Revision != unit.Revision)
        {
            return Outcome<UnitSummary>.StaleEdit(request.Revision);
        }

        unit.Name = request.Name!.Trim();
        unit.Address = string.IsNullOrWhiteSpace(request.Address) ? null : request.Address.Trim();
        unit.IsActive = request.IsActive;
        unit.Revision++;
        if (!await db.SavedAsync(cancellationToken))
        {
            return Outcome<UnitSummary>.Conflict();
        }

        return Outcome<UnitSummary>.Ok(new UnitSummary(unit.Id, unit.Code, unit.Name, unit.Address, unit.IsActive, unit.Revision));
    }
}
