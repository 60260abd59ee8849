using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Yunwei.Domain;
using Yunwei.Domain.Administration;
using Yunwei.Domain.Inspections;
using Yunwei.Domain.Signatures;
using Yunwei.Domain.WeeklyReports;
using Yunwei.Web.Infrastructure;
using Yunwei.Web.Platform;

namespace Yunwei.Web.Features.WeeklyReports;

public sealed partial class WeeklyReportsHandler
{
    /// <summary>The engineer signs and submits: the generated content is frozen as it is now.</summary>
    public async Task<Outcome<WeeklyReportView>> SubmitAsync(Guid unitId, WeeklyReportKind kind, DateOnly week, WeeklySignRequest request, CancellationToken cancellationToken = default)
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

        var errors = new ValidationErrors();
        if (week > ChinaTime.Today(time.GetUtcNow()))
        {
            errors.Add("WeekStart", "WeeklyReport.Error.FutureWeek");
        }

        if (kind == WeeklyReportKind.InspectionReport && string.IsNullOrWhiteSpace(report!.Summary))
        {
            errors.Add(nameof(WeeklyReport.Summary), "WeeklyReport.Error.SummaryRequired");
        }

        if (SignatureRules.Validate(request.Signature) is { } bad)
        {
            errors.Add("Signature", bad);
        }

        if (!errors.IsEmpty)
        {
            return Outcome<WeeklyReportView>.Invalid(errors);
        }

        report!.Snapshot = kind == WeeklyReportKind.InspectionReport
            ? JsonSerializer.Serialize(await WeeklyContent.InspectionReportAsync(db, unitId, week, cancellationToken), Json)
            : JsonSerializer.Serialize(await WeeklyContent.WorkloadAsync(db, unitId, week, cancellationToken), Json);
        report.EngineerSignatureId = Sign(db, report, Permissions.InspectionsPerform, request.Signature!);
        report.State = WeeklyReportState.Submitted;
        report.ReturnReason = null;
        var signers = await NotificationWriter.MembersAsync(db, unitId, [.. Permissions.RolesFor(Permissions.ReportsSign)], cancellationToken);
        Notify(db, report, signers.Cast<Guid?>(), "Notify.Weekly.Submitted", "submitted");
        return await SaveAsync(db, report, cancellationToken);
    }
}
