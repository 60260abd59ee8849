using Microsoft.EntityFrameworkCore;
using Yunwei.Data;
using Yunwei.Domain;
using Yunwei.Domain.Administration;
using Yunwei.Domain.Assessment;
using Yunwei.Web.Infrastructure;
using Yunwei.Web.Platform;

namespace Yunwei.Web.Features.Assessment;

/// <param name="Revision">The revision of the contract the template is stored on; a save names it.</param>
public sealed record AssessmentTemplateView(IReadOnlyList<AssessmentItem> Items, AssessmentBands Bands, bool IsDefault, bool CanEdit, int Revision);

public sealed record SaveAssessmentTemplateRequest(IReadOnlyList<AssessmentItem>? Items, AssessmentBands? Bands, int? Revision = null);

/// <summary>
/// The assessment template of the contract in force (docs/contract.md §12): items with their points, caps and
/// weights, and the bands. Signed forms keep the template they were scored with.
/// </summary>
public sealed class AssessmentTemplateHandler(IDbContextFactory<YunweiDbContext> dbFactory, CurrentUser currentUser, TimeProvider time)
{
    public async Task<AssessmentTemplateView?> GetAsync(Guid unitId, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        if (!await db.ClientUnits.AnyAsync(u => u.Id == unitId, cancellationToken))
        {
            return null;
        }

        var contract = await CurrentContract.LoadAsync(db.ServiceContracts.AsNoTracking(), unitId, ChinaTime.Today(time.GetUtcNow()), cancellationToken);
        return new AssessmentTemplateView(
            contract?.AssessmentTemplate() ?? AssessmentDefaults.Items(), contract?.Bands() ?? new AssessmentBands(), contract is null || contract.AssessmentItems.Count == 0,
            CanEdit: contract is not null && currentUser.Can(Permissions.ContractsManage), contract?.Revision ?? 0);
    }

    public async Task<Outcome<AssessmentTemplateView>> SaveAsync(Guid unitId, SaveAssessmentTemplateRequest request, CancellationToken cancellationToken = default)
    {
        if (!currentUser.Can(Permissions.ContractsManage))
        {
            return Outcome<AssessmentTemplateView>.NotAllowed();
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var contract = await CurrentContract.LoadAsync(db.ServiceContracts, unitId, ChinaTime.Today(time.GetUtcNow()), cancellationToken);
        if (contract is null)
        {
            return Outcome<AssessmentTemplateView>.NotFound();
        }

        if (request.Revision != contract.Revision)
        {
            // The template or the contract changed since the form opened: nothing is overwritten.
            return Outcome<AssessmentTemplateView>.StaleEdit(request.Revision);
        }

        var items = (request.Items ?? []).Select(i => new AssessmentItem
        {
            Key = i.Key?.Trim() ?? "",
            Name = i.Name?.Trim() ?? "",
            Kind = i.Kind,
            Metric = i.Metric,
            Points = i.Points,
            Cap = i.Cap,
            Weight = i.Kind == AssessmentItemKind.WeightedScore ? i.Weight : 0,
            Source = i.Source,
        }).ToList();
        var bands = request.Bands ?? new AssessmentBands();
        var errors = new ValidationErrors();
        if (items.Count == 0)
        {
            errors.Add("Items", "Assessment.Error.Keys");
        }

        if (items.Any(i => !Enum.IsDefined(i.Kind) || !Enum.IsDefined(i.Metric) || !Enum.IsDefined(i.Source) || i.Name.Length > 100 || i.Key.Length > 40))
        {
            errors.Add("Items", "Validation.Invalid");
        }

        foreach (var key in AssessmentRules.Validate(items, bands))
        {
            errors.Add(key == "Assessment.Error.Bands" ? "Bands" : "Items", key);
        }

        if (!errors.IsEmpty)
        {
            return Outcome<AssessmentTemplateView>.Invalid(errors);
        }

        contract.AssessmentItems = items;
        (contract.BandExcellent, contract.BandGood, contract.BandPass) = (bands.Excellent, bands.Good, bands.Pass);
        contract.Revision++;
        if (!await db.SavedAsync(cancellationToken))
        {
            // The contract form saved in between: nothing overwritten, the caller reloads.
            return Outcome<AssessmentTemplateView>.Conflict();
        }

        return Outcome<AssessmentTemplateView>.Ok((await GetAsync(unitId, cancellationToken))!);
    }
}
