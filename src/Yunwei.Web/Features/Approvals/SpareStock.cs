using Microsoft.EntityFrameworkCore;
using Yunwei.Data;
using Yunwei.Domain.Administration;
using Yunwei.Domain.Approvals;
using Yunwei.Web.Infrastructure;
using Yunwei.Web.Platform;

namespace Yunwei.Web.Features.Approvals;

public sealed record SparePartRequest(string? Name, string? Model, Party Owner, int LowStockThreshold, string? Notes);

public sealed record StockMoveRequest(StockReason Reason, int Amount, Guid? ApprovalId, string? AssetCode, ReplacedPartFate? ReplacedPartFate, string? Note);

public sealed record SparePartRow(Guid Id, string Name, string? Model, Party Owner, int Quantity, int LowStockThreshold, bool IsLow, string? Notes);

/// <summary>
/// 备件库: parts in stock per unit and every movement. A replacement consumes stock and may name
/// its approval (an approved part replacement, or one done on a verbal confirmation), the asset and
/// the fate of the part taken out. Stock never goes below zero, also with two movements at once.
/// </summary>
public sealed class SpareStockHandler(IDbContextFactory<YunweiDbContext> dbFactory, CurrentUser currentUser, TimeProvider time)
{
    public async Task<IReadOnlyList<SparePartRow>?> ListAsync(Guid unitId, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        if (!await db.ClientUnits.AnyAsync(u => u.Id == unitId, cancellationToken))
        {
            return null;
        }

        var parts = await db.SpareParts.AsNoTracking().Where(p => p.ClientUnitId == unitId).OrderBy(p => p.Name).ToListAsync(cancellationToken);
        return [.. parts.Select(p => new SparePartRow(p.Id, p.Name, p.Model, p.Owner, p.Quantity, p.LowStockThreshold, StockRules.IsLow(p), p.Notes))];
    }

    public async Task<Outcome<Guid>> CreateAsync(Guid unitId, SparePartRequest request, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        if (!await db.ClientUnits.AnyAsync(u => u.Id == unitId, cancellationToken))
        {
            return Outcome<Guid>.NotFound();
        }

        var errors = new ValidationErrors().Required(nameof(request.Name), request.Name, 100)
            .Optional(nameof(request.Model), request.Model, 100).Optional(nameof(request.Notes), request.Notes, 500);
        if (request.Owner is not (Party.Client or Party.Provider))
        {
            errors.Add(nameof(request.Owner), "Validation.Invalid");
        }

        if (request.LowStockThreshold < 0)
        {
            errors.Add(nameof(request.LowStockThreshold), "Validation.Range", 0, int.MaxValue);
        }

        var name = request.Name?.Trim() ?? string.Empty;
        var model = string.IsNullOrWhiteSpace(request.Model) ? null : request.Model.Trim();
        if (name.Length > 0 && await db.SpareParts.AnyAsync(p => p.ClientUnitId == unitId && p.Name == name && p.Model == model, cancellationToken))
        {
            errors.Add(nameof(request.Name), "Stock.Error.Exists");
        }

        if (!errors.IsEmpty)
        {
            return Outcome<Guid>.Invalid(errors);
        }

        var part = new SparePart
        {
            ClientUnitId = unitId,
            Name = name,
            Model = model,
            Owner = request.Owner,
            LowStockThreshold = request.LowStockThreshold,
            Notes = string.IsNullOrWhiteSpace(request.Notes) ? null : request.Notes.Trim(),
        };
        db.SpareParts.Add(part);
        await db.SaveChangesAsync(cancellationToken);
        return Outcome<Guid>.Ok(part.Id);
    }

    public async Task<Outcome<int>> MoveAsync(Guid partId, StockMoveRequest request, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var part = await db.SpareParts.FirstOrDefaultAsync(p => p.Id == partId, cancellationToken);
        if (part is null)
        {
            return Outcome<int>.NotFound();
        }

        var errors = new ValidationErrors().Optional(nameof(request.Note), request.Note, 500);
        if (!Enum.IsDefined(request.Reason))
        {
            errors.Add(nameof(request.Reason), "Validation.Invalid");
            return Outcome<int>.Invalid(errors);
        }

        var (after, problem) = StockRules.Move(part.Quantity, request.Reason, request.Amount);
        if (problem is not null)
        {
            errors.Add(nameof(request.Amount), problem, part.Quantity);
        }

        if (request.ApprovalId is { } approvalId)
        {
            var approval = await db.ApprovalRequests.AsNoTracking().FirstOrDefaultAsync(a => a.Id == approvalId && a.ClientUnitId == part.ClientUnitId, cancellationToken);
            if (approval is null || approval.Kind != ApprovalKind.PartReplacement
                || !(approval.State == ApprovalState.Approved || ApprovalRules.IsPaperworkDebt(approval)))
            {
                errors.Add(nameof(request.ApprovalId), "Stock.Error.NotApproved");
            }
        }

        Guid? assetId = null;
        if (!string.IsNullOrWhiteSpace(request.AssetCode))
        {
            var code = request.AssetCode.Trim();
            assetId = await db.Assets.Where(a => a.ClientUnitId == part.ClientUnitId && a.Code == code).Select(a => (Guid?)a.Id).FirstOrDefaultAsync(cancellationToken);
            if (assetId is null)
            {
                errors.Add(nameof(request.AssetCode), "Validation.Relation.UnknownAsset");
            }
        }

        if (!errors.IsEmpty)
        {
            return Outcome<int>.Invalid(errors);
        }

        var delta = after!.Value - part.Quantity;
        var wasLow = StockRules.IsLow(part);
        part.Quantity = after.Value;
        if (!wasLow && StockRules.IsLow(part))
        {
            // Crossing the threshold alerts once; refilling and falling again alerts again.
            var now = time.GetUtcNow().UtcDateTime;
            var keepers = await NotificationWriter.MembersAsync(
                db, part.ClientUnitId, [Domain.Administration.Roles.ResidentEngineer, Domain.Administration.Roles.ClientAdministrator], cancellationToken);
            NotificationWriter.Add(db, keepers.Cast<Guid?>(), part.ClientUnitId, "Notify.Stock.Low",
                [part.Name, part.Model ?? "", $"{part.Quantity}", $"{part.LowStockThreshold}"], "/stock", $"stock:{part.Id}:low:{now.Ticks}", false, now);
        }

        part.Revision++;
        db.StockMovements.Add(new StockMovement
        {
            ClientUnitId = part.ClientUnitId,
            SparePartId = part.Id,
            Delta = delta,
            QuantityAfter = after.Value,
            Reason = request.Reason,
            ApprovalId = request.ApprovalId,
            AssetId = assetId,
            ReplacedPartFate = request.Reason == StockReason.Consume ? request.ReplacedPartFate : null,
            Note = string.IsNullOrWhiteSpace(request.Note) ? null : request.Note.Trim(),
            At = time.GetUtcNow().UtcDateTime,
            By = currentUser.DisplayName,
        });
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException ex) when (ex.IsLostRace())
        {
            return Outcome<int>.Invalid(new ValidationErrors().Add(nameof(request.Amount), "Stock.Error.Concurrent"));
        }

        return Outcome<int>.Ok(part.Quantity);
    }
}
