using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Localization;
using Yunwei.Domain.Administration;
using Yunwei.Web.Infrastructure;

namespace Yunwei.Web.Features.Audit;

public static class AuditApi
{
    public static void MapAuditApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/audit", QueryAudit)
            .RequireAuthorization(Permissions.AuditRead)
            .WithTags("Audit").WithName("QueryAudit").WithSummary("Audit trail, newest first, keyset paged by 'before'");
    }

    /// <summary>The audit query string (init properties: see <see cref="Faults.FaultQuery"/>).</summary>
    public sealed record AuditQueryParameters
    {
        public Guid? UnitId { get; init; }

        public string? User { get; init; }

        public string? Entity { get; init; }

        public string? EntityKey { get; init; }

        public DateOnly? From { get; init; }

        public DateOnly? To { get; init; }

        public long? Before { get; init; }

        public int? PageSize { get; init; }
    }

    private static async Task<Results<Ok<AuditResultPage>, ValidationProblem>> QueryAudit(
        [AsParameters] AuditQueryParameters p, QueryAuditHandler handler, IStringLocalizer<SharedResource> l, CancellationToken ct)
    {
        if (p.PageSize is < 1 or > QueryAuditHandler.MaxPageSize)
        {
            return new ValidationErrors().Add("pageSize", "Validation.Range", 1, QueryAuditHandler.MaxPageSize).ToProblem(l);
        }

        return TypedResults.Ok(await handler.HandleAsync(
            new AuditQuery(p.UnitId, p.User, p.Entity, p.EntityKey, p.From, p.To, p.Before, p.PageSize ?? 50), ct));
    }
}
