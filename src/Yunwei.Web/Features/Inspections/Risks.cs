using Microsoft.EntityFrameworkCore;
using Yunwei.Data;
using Yunwei.Domain;
using Yunwei.Domain.Administration;
using Yunwei.Domain.Inspections;
using Yunwei.Web.Infrastructure;
using Yunwei.Web.Platform;

namespace Yunwei.Web.Features.Inspections;

public sealed record RiskView(
    Guid Id, Guid ClientUnitId, string Number, Guid? SubsystemId, string? Subsystem, Guid? AssetId, string? AssetCode, string? AssetName,
    string Description, RiskSeverity Severity, string? Solution, string? Owner, DateOnly? TargetDate, bool PastTarget, RiskState State,
    IReadOnlyList<RiskNote> Notes, DateTime? ClosedAt, string? ClosedBy, string? Closure, Guid? InspectionId, string? InspectionNumber,
    DateTime CreatedAt, string? CreatedBy, int Revision);

public sealed record RiskRequest(string? Description, RiskSeverity Severity = RiskSeverity.Medium, Guid? SubsystemId = null, Guid? AssetId = null,
    string? Solution = null, string? Owner = null, DateOnly? TargetDate = null, int Revision = 0);

public sealed record RiskNoteRequest(string? Text, int Revision);

public sealed record CloseRiskRequest(string? Closure, int Revision);

/// <summary>
/// The hidden-risk register (隐患台账, contract docs/contract.md §6): open risks with severity, proposed solution, owner
/// and target date, follow-up notes, closure. Open risks appear on every weekly inspection report.
/// </summary>
public sealed class RisksHandler(IDbContextFactory<YunweiDbContext> dbFactory, CurrentUser currentUser, TimeProvider time)
{
    public async Task<IReadOnlyList<RiskView>?> ListAsync(Guid unitId, RiskState? state = RiskState.Open, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        if (!await db.ClientUnits.AnyAsync(u => u.Id == unitId, cancellationToken))
        {
            return null;
        }

        var rows = db.Risks.AsNoTracking().Where(r => r.ClientUnitId == unitId);
        if (state is { } s)
        {
            rows = rows.Where(r => r.State == s);
        }

        var list = await rows.OrderByDescending(r => r.Severity).ThenBy(r => r.CreatedAt).Take(500).ToListAsync(cancellationToken);
        return await ViewsAsync(db, list, cancellationToken);
    }

    public async Task<RiskView?> GetAsync(Guid id, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var risk = await db.Risks.AsNoTracking().FirstOrDefaultAsync(r => r.Id == id, cancellationToken);
        return risk is null ? null : (await ViewsAsync(db, [risk], cancellationToken))[0];
    }

    public async Task<Outcome<RiskView>> CreateAsync(Guid unitId, RiskRequest request, Guid? inspectionId = null, CancellationToken cancellationToken = default)
    {
        if (!currentUser.Can(Permissions.RisksManage))
        {
            return Outcome<RiskView>.NotAllowed();
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        if (!await db.ClientUnits.AnyAsync(u => u.Id == unitId, cancellationToken))
        {
            return Outcome<RiskView>.NotFound();
        }

        var now = time.GetUtcNow().UtcDateTime;
        var risk = new Risk { ClientUnitId = unitId, InspectionId = inspectionId, CreatedAt = now, CreatedBy = currentUser.DisplayName };
        if (await ApplyAsync(db, risk, request, cancellationToken) is { } errors)
        {
            return Outcome<RiskView>.Invalid(errors);
        }

        var numbers = new DailyNumbers(db, ChinaTime.Today(time.GetUtcNow()), "YH");
        for (var attempt = 0; ; attempt++)
        {
            risk.Number = await numbers.NextAsync(cancellationToken);
            db.Risks.Add(risk);
            try
            {
                await db.SaveChangesAsync(cancellationToken);
                break;
            }
            catch (DbUpdateException) when (attempt < 5)
            {
                // Two risks numbered in the same instant: take the next number.
                db.ChangeTracker.Clear();
            }
        }

        return Outcome<RiskView>.Ok((await ViewsAsync(db, [risk], cancellationToken))[0]);
    }

    public async Task<Outcome<RiskView>> UpdateAsync(Guid id, RiskRequest request, CancellationToken cancellationToken = default) =>
        await ChangeAsync(id, request.Revision, async (db, risk) => await ApplyAsync(db, risk, request, cancellationToken), cancellationToken);

    public async Task<Outcome<RiskView>> AddNoteAsync(Guid id, RiskNoteRequest request, CancellationToken cancellationToken = default) =>
        await ChangeAsync(id, request.Revision, (db, risk) =>
        {
            var errors = new ValidationErrors().Required(nameof(request.Text), request.Text, Risk.MaxText);
            if (errors.IsEmpty)
            {
                risk.Notes = [.. risk.Notes, new RiskNote { At = time.GetUtcNow().UtcDateTime, By = currentUser.DisplayName, Text = request.Text!.Trim() }];
            }

            return Task.FromResult(errors.IsEmpty ? null : errors);
        }, cancellationToken);

    /// <summary>Closes a risk with how it was dealt with; a closed risk leaves the weekly reports.</summary>
    public async Task<Outcome<RiskView>> CloseAsync(Guid id, CloseRiskRequest request, CancellationToken cancellationToken = default) =>
        await ChangeAsync(id, request.Revision, (db, risk) =>
        {
            var errors = new ValidationErrors().Required(nameof(request.Closure), request.Closure, Risk.MaxText);
            if (risk.State == RiskState.Closed)
            {
                errors.Add("State", "Risk.Error.Closed");
            }

            if (errors.IsEmpty)
            {
                (risk.State, risk.ClosedAt, risk.ClosedBy, risk.Closure) = (RiskState.Closed, time.GetUtcNow().UtcDateTime, currentUser.DisplayName, request.Closure!.Trim());
            }

            return Task.FromResult(errors.IsEmpty ? null : errors);
        }, cancellationToken);

    private async Task<Outcome<RiskView>> ChangeAsync(Guid id, int revision, Func<YunweiDbContext, Risk, Task<ValidationErrors?>> change, CancellationToken cancellationToken)
    {
        if (!currentUser.Can(Permissions.RisksManage))
        {
            return Outcome<RiskView>.NotAllowed();
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var risk = await db.Risks.FirstOrDefaultAsync(r => r.Id == id, cancellationToken);
        if (risk is null)
        {
            return Outcome<RiskView>.NotFound();
        }

        if (risk.Revision != revision)
        {
            return Outcome<RiskView>.Conflict();
        }

        if (await change(db, risk) is { } errors)
        {
            return Outcome<RiskView>.Invalid(errors);
        }

        risk.Revision++;
        if (!await db.SavedAsync(cancellationToken))
        {
            return Outcome<RiskView>.Conflict();
        }

        return Outcome<RiskView>.Ok((await ViewsAsync(db, [risk], cancellationToken))[0]);
    }

    private static async Task<ValidationErrors?> ApplyAsync(YunweiDbContext db, Risk risk, RiskRequest request, CancellationToken cancellationToken)
    {
        var errors = new ValidationErrors()
            .Required(nameof(request.Description), request.Description, Risk.MaxText)
            .Optional(nameof(request.Solution), request.Solution, Risk.MaxText)
            .Optional(nameof(request.Owner), request.Owner, 100);
        if (!Enum.IsDefined(request.Severity))
        {
            errors.Add(nameof(request.Severity), "Validation.Invalid");
        }

        if (request.SubsystemId is { } subsystemId && !await db.Subsystems.AnyAsync(s => s.Id == subsystemId && s.ClientUnitId == risk.ClientUnitId, cancellationToken))
        {
            errors.Add(nameof(request.SubsystemId), "Validation.Invalid");
        }

        if (request.AssetId is { } assetId && !await db.Assets.AnyAsync(a => a.Id == assetId && a.ClientUnitId == risk.ClientUnitId, cancellationToken))
        {
            errors.Add(nameof(request.AssetId), "Fault.Error.UnknownAsset");
        }

        if (!errors.IsEmpty)
        {
            return errors;
        }

        static string? Clean(string? v) => string.IsNullOrWhiteSpace(v) ? null : v.Trim();
        risk.Description = request.Description!.Trim();
        risk.Severity = request.Severity;
        risk.SubsystemId = request.SubsystemId;
        risk.AssetId = request.AssetId;
        risk.Solution = Clean(request.Solution);
        risk.Owner = Clean(request.Owner);
        risk.TargetDate = request.TargetDate;
        return null;
    }

    private async Task<IReadOnlyList<RiskView>> ViewsAsync(YunweiDbContext db, IReadOnlyList<Risk> risks, CancellationToken cancellationToken)
    {
        var subsystemIds = risks.Where(r => r.SubsystemId != null).Select(r => r.SubsystemId!.Value).Distinct().ToList();
        var assetIds = risks.Where(r => r.AssetId != null).Select(r => r.AssetId!.Value).Distinct().ToList();
        var inspectionIds = risks.Where(r => r.InspectionId != null).Select(r => r.InspectionId!.Value).Distinct().ToList();
        var subsystems = await db.Subsystems.AsNoTracking().Where(s => subsystemIds.Contains(s.Id)).ToDictionaryAsync(s => s.Id, s => s.Name, cancellationToken);
        var assets = await db.Assets.AsNoTracking().Where(a => assetIds.Contains(a.Id)).ToDictionaryAsync(a => a.Id, a => (a.Code, a.Name), cancellationToken);
        var inspections = await db.Inspections.AsNoTracking().Where(i => inspectionIds.Contains(i.Id)).ToDictionaryAsync(i => i.Id, i => i.Number, cancellationToken);
        var today = ChinaTime.Today(time.GetUtcNow());
        return [.. risks.Select(r =>
        {
            var asset = r.AssetId is { } a && assets.TryGetValue(a, out var x) ? x : default;
            return new RiskView(
                r.Id, r.ClientUnitId, r.Number, r.SubsystemId, r.SubsystemId is { } s ? subsystems.GetValueOrDefault(s) : null, r.AssetId, asset.Code, asset.Name,
                r.Description, r.Severity, r.Solution, r.Owner, r.TargetDate, r.State == RiskState.Open && r.TargetDate < today, r.State,
                r.Notes, r.ClosedAt, r.ClosedBy, r.Closure, r.InspectionId, r.InspectionId is { } i ? inspections.GetValueOrDefault(i) : null,
                r.CreatedAt, r.CreatedBy, r.Revision);
        })];
    }
}
