using Yunwei.Domain.Administration;
using Yunwei.Domain.Inspections;
using Yunwei.Domain.Signatures;
using Yunwei.Domain.WeeklyReports;
using Yunwei.Web.Infrastructure;

namespace Yunwei.Web.Features.WeeklyReports;

public sealed partial class WeeklyReportsHandler
{
    /// <summary>The client signs a submitted report: locked and archived.</summary>
    public async Task<Outcome<WeeklyReportView>> SignAsync(Guid unitId, WeeklyReportKind kind, DateOnly week, WeeklySignRequest request, CancellationToken cancellationToken = default)
    {
        if (!currentUser.Can(Permissions.ReportsSign))
        {
            return Outcome<WeeklyReportView>.NotAllowed();
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var (report, refused) = await SubmittedAsync(db, unitId, kind, Week.Monday(week), request.Revision, cancellationToken);
        if (refused is not null)
        {
            return refused;
        }

        if (SignatureRules.Validate(request.Signature) is { } bad)
        {
            return Outcome<WeeklyReportView>.Invalid(new ValidationErrors().Add("Signature", bad));
        }

        report!.ClientSignatureId = Sign(db, report, Permissions.ReportsSign, request.Signature!);
        report.State = WeeklyReportState.ClientSigned;
        Notify(db, report, [await EngineerAsync(db, report, cancellationToken)], "Notify.Weekly.Signed", "signed");
        return await SaveAsync(db, report, cancellationToken);
    }
}
