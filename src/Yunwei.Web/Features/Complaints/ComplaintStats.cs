using Microsoft.EntityFrameworkCore;
using Yunwei.Domain.Complaints;

namespace Yunwei.Web.Features.Complaints;

public sealed record ComplaintStats(
    int Total, int Open, int RepliedInTime, int RepliedLate, int NotRepliedOverdue, int ClosedInTime, int ClosedLate, int Escalated,
    double? AverageSatisfaction, IReadOnlyDictionary<ComplaintCategory, int> ByCategory);

public sealed partial class ComplaintsHandler
{
    /// <summary>The register's figures for a period (received from..to, China dates).</summary>
    public async Task<ComplaintStats?> StatsAsync(Guid unitId, DateOnly from, DateOnly to, CancellationToken cancellationToken = default)
    {
        var rows = await ListAsync(unitId, false, from, to, cancellationToken);
        if (rows is null)
        {
            return null;
        }

        return new ComplaintStats(
            rows.Count,
            rows.Count(r => r.State != ComplaintState.Closed),
            rows.Count(r => r.FirstReplyAt is { } a && a <= r.ReplyDeadline),
            rows.Count(r => r.FirstReplyAt is { } a && a > r.ReplyDeadline),
            rows.Count(r => r.FirstReplyAt is null && r.ReplyLate),
            rows.Count(r => r.ClosedAt is { } c && c <= r.CloseDeadline),
            rows.Count(r => r.ClosedAt is { } c && c > r.CloseDeadline),
            rows.Count(r => r.Escalated),
            rows.Where(r => r.Satisfaction is not null).Select(r => (double)r.Satisfaction!.Value).DefaultIfEmpty().Average() is var avg
                && rows.Any(r => r.Satisfaction is not null) ? Math.Round(avg, 2) : null,
            Enum.GetValues<ComplaintCategory>().ToDictionary(c => c, c => rows.Count(r => r.Category == c)));
    }
}
