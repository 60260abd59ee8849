using System.Globalization;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Yunwei.Domain;
using Yunwei.Domain.Administration;
using Yunwei.Domain.Assessment;
using Yunwei.Domain.Signatures;
using Yunwei.Web.Infrastructure;
using Yunwei.Web.Platform;

namespace Yunwei.Web.Features.Assessment;

public sealed partial class AssessmentsHandler
{
    /// <summary>The client signs: every weighted score must be given; the computed figures freeze.</summary>
    public async Task<Outcome<AssessmentView>> SignAsync(Guid unitId, Quarter quarter, AssessmentSignRequest request, CancellationToken cancellationToken = default)
    {
        if (!currentUser.Can(Permissions.AssessmentAssess))
        {
            return Outcome<AssessmentView>.NotAllowed();
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var (assessment, _, refused) = await DraftAsync(db, unitId, quarter, request.Revision, cancellationToken);
        if (refused is not null)
        {
            return refused;
        }

        var now = time.GetUtcNow().UtcDateTime;
        var errors = new ValidationErrors();
        if (ChinaTime.Today(time.GetUtcNow()) <= quarter.End.AddDays(-14))
        {
            errors.Add("Quarter", "Assessment.Error.TooEarly");
        }

        var facts = await AssessmentCalculator.ComputeAsync(db, unitId, quarter, now, cancellationToken);
        var view = await ViewAsync(db, unitId, quarter, null, cancellationToken, assessment, facts);
        foreach (var key in view!.Missing)
        {
            errors.Add($"Inputs[{key}]", "Assessment.Error.ScoreMissing", view.Lines.First(l => l.Key == key).Name);
        }

        if (SignatureRules.Validate(request.Signature) is { } bad)
        {
            errors.Add("Signature", bad);
        }

        if (!errors.IsEmpty)
        {
            return Outcome<AssessmentView>.Invalid(errors);
        }

        var contract = await CurrentContract.LoadAsync(db.ServiceContracts.AsNoTracking(), unitId, quarter.End, cancellationToken);
        assessment!.Snapshot = JsonSerializer.Serialize(
            new FrozenForm(facts, contract?.AssessmentTemplate() ?? AssessmentDefaults.Items(), contract?.Bands() ?? new AssessmentBands()), Json);
        assessment.ClientSignatureId = Sign(db, assessment, Permissions.AssessmentAssess, request.Signature!);
        assessment.State = AssessmentState.ClientSigned;
        var provider = await NotificationWriter.MembersAsync(db, unitId, [.. Permissions.RolesFor(Permissions.AssessmentReport)], cancellationToken);
        NotificationWriter.Add(db, provider.Cast<Guid?>(), unitId, "Notify.Assessment.Signed", [currentUser.DisplayName ?? "", quarter.ToString(),
            view.Total.ToString("0.##", CultureInfo.InvariantCulture), $"Rating.{view.Rating}"],
            $"/assessment/{quarter}", $"assessment:{assessment.Id}:signed", urgent: false, now);
        return await SaveAsync(db, assessment, cancellationToken);
    }
}
