using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Localization;
using Yunwei.Domain.Administration;
using Yunwei.Web.Infrastructure;

namespace Yunwei.Web.Features.Knowledge;

public static class KnowledgeApi
{
    public static void MapKnowledgeApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/units/{unitId:guid}/knowledge", SearchKnowledge)
            .RequireAuthorization(Permissions.KnowledgeView)
            .WithTags("Knowledge").WithName("SearchKnowledge").WithSummary("Knowledge articles of a unit ranked for the query (Chinese-aware); without q, the newest");
        app.MapGet("/api/knowledge/{id:guid}", GetKnowledge)
            .RequireAuthorization(Permissions.KnowledgeView)
            .WithTags("Knowledge").WithName("GetKnowledge").WithSummary("One knowledge article");
    }

    private static async Task<Results<Ok<IReadOnlyList<KnowledgeHit>>, ProblemHttpResult>> SearchKnowledge(
        Guid unitId, string? q, int? take, SearchKnowledgeHandler handler, IStringLocalizer<SharedResource> l, CancellationToken ct)
        => await handler.SearchAsync(unitId, q, take ?? 20, ct) is { } hits ? TypedResults.Ok(hits) : Problems.NotFound(l);

    private static async Task<Results<Ok<KnowledgeHit>, ProblemHttpResult>> GetKnowledge(
        Guid id, SearchKnowledgeHandler handler, IStringLocalizer<SharedResource> l, CancellationToken ct)
        => await handler.GetAsync(id, ct) is { } hit ? TypedResults.Ok(hit) : Problems.NotFound(l);
}
