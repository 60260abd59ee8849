using Microsoft.EntityFrameworkCore;
using Yunwei.Data;
using Yunwei.Data.Seeding;
using Yunwei.Domain;
using Yunwei.Domain.Units;
using Yunwei.Web.Infrastructure;
using Yunwei.Web.Platform;

namespace Yunwei.Web.Features.Units;

public sealed record CreateUnitRequest(string? Code, string? Name, string? Address);

/// <summary>Adds a client unit with the twelve default subsystems and a default service contract.</summary>
public sealed class CreateUnitHandler(IDbContextFactory<YunweiDbContext> dbFactory, TimeProvider time)
{
    public async Task<Outcome<UnitSummary>> HandleAsync(CreateUnitRequest request, CancellationToken cancellationToken = default)
    {
        var errors = new ValidationErrors()
            .Required(nameof(request.Code), request.Code, ClientUnit.CodeMaxLength)
            .Required(nameof(request.Name), request.Name, ClientUnit.NameMaxLength)
            .Optional(nameof(request.Address), request.Address, 200);
        var code = request.Code?.Trim().ToUpperInvariant() ?? string.Empty;
        if (code.Length > 0 && !code.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_'))
        {
            errors.Add(nameof(request.Code), "Validation.Unit.CodeFormat");
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        if (errors.IsEmpty && await db.ClientUnits.IgnoreQueryFilters().AnyAsync(u => u.Code == code, cancellationToken))
        {
            errors.Add(nameof(request.Code), "Validation.Unit.CodeTaken");
        }

        if (!errors.IsEmpty)
        {
            return Outcome<UnitSummary>.Invalid(errors);
        }

        var now = time.GetUtcNow();
        var unit = new ClientUnit { Code = code, Name = request.Name!.Trim(), Address = request.Address?.Trim(), CreatedAt = now.UtcDateTime };
        db.ClientUnits.Add(unit);
        UnitDefaults.AddTo(db, unit, ChinaTime.Today(now));
        await db.SaveChangesAsync(cancellationToken);
        return Outcome<UnitSummary>.Ok(new UnitSummary(unit.Id, unit.Code, unit.Name, unit.Address, unit.IsActive, unit.Revision));
    }
}
