using Yunwei.Domain.Administration;
using Yunwei.Domain.Inspections;
using Yunwei.Domain.WeeklyReports;
using Yunwei.Web.Infrastructure;

namespace Yunwei.Web.Features.WeeklyReports;

public sealed record WeeklyTextRequest(int Revision, string? Summary, string? Advice, string? Optimisation);

public sealed partial class WeeklyReportsHandler
{
    /// <summary>Saves the engineer's written parts of a draft (Revision -1 creates the week's report).</summary>
    public async Task<Outcome<WeeklyReportView>> SaveAsync(Guid unitId, WeeklyReportKind kind, DateOnly week, WeeklyTextRequest request, CancellationToken cancellationToken = default)
    {
        if (!currentUser.Can(Permissions.InspectionsPerform))
        {
            return Outcome<WeeklyReportView>.NotAllowed();
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        week = Week.Monday(week);
        var (report, refused) = await DraftAsync(db, unitId, kind, week, request.Revision, cancellationToken);
        if (refused is not null)
        {
            return refused;
        }

        var errors = new ValidationErrors()
            .Optional(nameof(request.Summary), request.Summary, WeeklyReport.MaxText)
            .Optional(nameof(request.Advice), request.Advice, WeeklyReport.MaxText)
            .Optional(nameof(request.Optimisation), request.Optimisation, WeeklyReport.MaxText);
        if (!errors.IsEmpty)
        {
            return Outcome<WeeklyReportView>.Invalid(errors);
        }

        static string? Clean(string? v) => string.IsNullOrWhiteSpace(v) ? null : v.Trim();
        (report!.Summary, report.Advice, report.Optimisation) = (Clean(request.Summary), Clean(request.Advice), Clean(request.Optimisation));
        return await SaveAsync(db, report, cancellationToken);
    }
}
