using Microsoft.EntityFrameworkCore;
using Yunwei.Data;
using Yunwei.Domain.Assets;
using Yunwei.Web.Infrastructure;

namespace Yunwei.Web.Features.Assets;

public sealed record AddRelationRequest(Guid? ToAssetId, string? ToAssetCode, RelationKind Kind, string? Note);

/// <summary>
/// Relates an asset to another of the same unit (given by id or code). Refused when it would make a
/// loop (an asset part of, or depending on, itself through others) or already exists.
/// </summary>
public sealed class AddRelationHandler(IDbContextFactory<YunweiDbContext> dbFactory, TimeProvider time)
{
    public async Task<Outcome<Guid>> HandleAsync(Guid fromAssetId, AddRelationRequest request, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var from = await db.Assets.Where(a => a.Id == fromAssetId).Select(a => new { a.Id, a.ClientUnitId }).FirstOrDefaultAsync(cancellationToken);
        if (from is null)
        {
            return Outcome<Guid>.NotFound();
        }

        var errors = new ValidationErrors().Optional(nameof(request.Note), request.Note, 200);
        if (!Enum.IsDefined(request.Kind))
        {
            errors.Add(nameof(request.Kind), "Validation.Invalid");
        }

        var code = request.ToAssetCode?.Trim();
        var to = await db.Assets
            .Where(a => a.ClientUnitId == from.ClientUnitId && (request.ToAssetId != null ? a.Id == request.ToAssetId : a.Code == code))
            .Select(a => (Guid?)a.Id)
            .FirstOrDefaultAsync(cancellationToken);
        if (to is null)
        {
            errors.Add(nameof(request.ToAssetId), "Validation.Relation.UnknownAsset");
            return Outcome<Guid>.Invalid(errors);
        }

        var edges = await db.AssetRelations.Where(r => r.ClientUnitId == from.ClientUnitId)
            .Select(r => new { r.FromAssetId, r.ToAssetId, r.Kind }).ToListAsync(cancellationToken);
        if (edges.Any(e => e.FromAssetId == from.Id && e.ToAssetId == to && e.Kind == request.Kind))
        {
            errors.Add(nameof(request.ToAssetId), "Validation.Relation.Exists");
        }
        else if (AssetGraph.WouldCreateCycle(edges.Select(e => (e.FromAssetId, e.ToAssetId)), from.Id, to.Value))
        {
            errors.Add(nameof(request.ToAssetId), from.Id == to ? "Validation.Relation.Self" : "Validation.Relation.Cycle");
        }

        if (!errors.IsEmpty)
        {
            return Outcome<Guid>.Invalid(errors);
        }

        var relation = new AssetRelation
        {
            ClientUnitId = from.ClientUnitId,
            FromAssetId = from.Id,
            ToAssetId = to.Value,
            Kind = request.Kind,
            Note = string.IsNullOrWhiteSpace(request.Note) ? null : request.Note.Trim(),
            CreatedAt = time.GetUtcNow().UtcDateTime,
        };
        db.AssetRelations.Add(relation);
        await db.SaveChangesAsync(cancellationToken);
        return Outcome<Guid>.Ok(relation.Id);
    }
}
