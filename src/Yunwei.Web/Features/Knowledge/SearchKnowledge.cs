using Microsoft.EntityFrameworkCore;
using Yunwei.Data;
using Yunwei.Domain.Knowledge;

namespace Yunwei.Web.Features.Knowledge;

public sealed record KnowledgeHit(Guid Id, string Title, string Symptom, string? Cause, string Fix, string? Prevention, string? SubsystemName,
    Guid? SourceFaultId, string? SourceFaultNumber, DateTime CreatedAt, double Score);

/// <summary>
/// Knowledge search for Chinese text: the database keeps only articles holding at least one of the
/// query's terms (bigrams, words), then <see cref="KnowledgeSearch"/> ranks them. Without a query, the
/// newest articles.
/// </summary>
public sealed class SearchKnowledgeHandler(IDbContextFactory<YunweiDbContext> dbFactory)
{
    /// <summary>Candidates ranked in memory at most; terms sent to the database at most.</summary>
    public const int MaxCandidates = 300, MaxTerms = 24;

    /// <summary>The API's search: null when the unit is not one the caller sees (404, like every unit route).</summary>
    public async Task<IReadOnlyList<KnowledgeHit>?> SearchAsync(Guid unitId, string? query, int take = 20, CancellationToken cancellationToken = default)
    {
        await using (var db = await dbFactory.CreateDbContextAsync(cancellationToken))
        {
            if (!await db.ClientUnits.AnyAsync(u => u.Id == unitId, cancellationToken))
            {
                return null;
            }
        }

        return await HandleAsync(unitId, query, take, cancellationToken);
    }

    public async Task<IReadOnlyList<KnowledgeHit>> HandleAsync(Guid unitId, string? query, int take = 20, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var articles = db.KnowledgeArticles.AsNoTracking().Where(a => a.ClientUnitId == unitId);
        var terms = KnowledgeSearch.Terms(query).Take(MaxTerms).ToList();
        if (terms.Count == 0)
        {
            var newest = await Project(db, articles.OrderByDescending(a => a.CreatedAt).Take(Math.Clamp(take, 1, 100))).ToListAsync(cancellationToken);
            return [.. newest.OrderByDescending(h => h.CreatedAt)];
        }

        var candidates = await Project(db, articles.Where(a => terms.Any(t => a.SearchText.Contains(t))).OrderByDescending(a => a.CreatedAt).Take(MaxCandidates))
            .ToListAsync(cancellationToken);
        return [.. candidates
            .Select(h => h with { Score = KnowledgeSearch.Score(query!, (h.Title, 3), (h.Symptom, 2), (h.Cause, 1.5), (h.Fix, 1), (h.Prevention, 0.5)) })
            .Where(h => h.Score > 0)
            .OrderByDescending(h => h.Score).ThenByDescending(h => h.CreatedAt)
            .Take(Math.Clamp(take, 1, 100))];
    }

    public async Task<KnowledgeHit?> GetAsync(Guid id, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await Project(db, db.KnowledgeArticles.AsNoTracking().Where(a => a.Id == id)).FirstOrDefaultAsync(cancellationToken);
    }

    private static IQueryable<KnowledgeHit> Project(YunweiDbContext db, IQueryable<KnowledgeArticle> articles) =>
        from a in articles
        join s in db.Subsystems on a.SubsystemId equals s.Id into subsystems
        from s in subsystems.DefaultIfEmpty()
        join f in db.Faults on a.SourceFaultId equals f.Id into faults
        from f in faults.DefaultIfEmpty()
        select new KnowledgeHit(a.Id, a.Title, a.Symptom, a.Cause, a.Fix, a.Prevention, s == null ? null : s.Name, a.SourceFaultId, f == null ? null : f.Number, a.CreatedAt, 0);
}
