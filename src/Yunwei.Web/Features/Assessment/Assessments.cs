using System.Globalization;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Yunwei.Data;
using Yunwei.Domain;
using Yunwei.Domain.Administration;
using Yunwei.Domain.Assessment;
using Yunwei.Domain.Signatures;
using Yunwei.Web.Features.Faults;
using Yunwei.Web.Features.Notifications;
using Yunwei.Web.Infrastructure;
using Yunwei.Web.Platform;

namespace Yunwei.Web.Features.Assessment;

/// <param name="Entered">The client types its value (its own score of the engineer, a manual bonus); the rest is computed.</param>
public sealed record AssessmentLine(string Key, string Name, AssessmentItemKind Kind, AssessmentMetric Metric, decimal Points, decimal? Cap, int Weight, decimal? Count, decimal Score, decimal Adjustment, string? Reason, IReadOnlyList<Evidence> Evidence, bool Entered);

public sealed record AssessmentVersion(int Version, AssessmentState State, bool IsCurrent);

public sealed record AssessmentView(
    Guid? Id, Guid ClientUnitId, string UnitName, string Quarter, int Version, AssessmentState State, int Revision,
    IReadOnlyList<AssessmentLine> Lines, decimal ServiceScore, decimal Total, Rating Rating, IReadOnlyList<string> Missing,
    AssessmentBands Bands, string? Comment, bool IsEmpty, bool Frozen, QuarterFacts Facts,
    IReadOnlyList<ReportSignature> Signatures, IReadOnlyList<AssessmentVersion> Versions,
    bool CanEdit, bool CanSign, bool CanAcknowledge, bool CanNewVersion);

/// <summary>What a signature freezes: the quarter's figures and the template and bands they were scored with.</summary>
public sealed record FrozenForm(QuarterFacts Facts, IReadOnlyList<AssessmentItem> Template, AssessmentBands Bands);

public sealed record AssessmentInputsRequest(int Revision, IReadOnlyList<AssessmentInput>? Inputs, string? Comment);

public sealed record AssessmentSignRequest(int Revision, IReadOnlyList<IReadOnlyList<InkPoint>>? Signature);

/// <summary>
/// The quarterly assessment form (《信息化系统季度考核表》, docs/contract.md §12): computed from the quarter's records
/// with the evidence behind every deduction; the client enters its score of the resident engineer,
/// bonuses and adjustments (each with a reason), then signs — the figures freeze — and the provider
/// acknowledges with its signature (locked). A signed form is never recomputed: a new version is.
/// </summary>
public sealed class AssessmentsHandler(IDbContextFactory<YunweiDbContext> dbFactory, CurrentUser currentUser, TimeProvider time)
{
    public const string SubjectType = nameof(QuarterlyAssessment);

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public async Task<AssessmentView?> GetAsync(Guid unitId, Quarter quarter, int? version = null, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await ViewAsync(db, unitId, quarter, version, cancellationToken);
    }

    /// <summary>The client's scores, bonuses and adjustments (a non-zero adjustment needs its reason) and overall comment.</summary>
    public async Task<Outcome<AssessmentView>> SaveAsync(Guid unitId, Quarter quarter, AssessmentInputsRequest request, CancellationToken cancellationToken = default)
    {
        if (!currentUser.Can(Permissions.AssessmentAssess))
        {
            return Outcome<AssessmentView>.NotAllowed();
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var (assessment, template, refused) = await DraftAsync(db, unitId, quarter, request.Revision, cancellationToken);
        if (refused is not null)
        {
            return refused;
        }

        var errors = new ValidationErrors().Optional(nameof(request.Comment), request.Comment, QuarterlyGoal.MaxText);
        var inputs = (request.Inputs ?? []).Where(i => i.Value is not null || i.Adjustment != 0 || !string.IsNullOrWhiteSpace(i.Reason)).ToList();
        foreach (var input in inputs)
        {
            var item = template.FirstOrDefault(t => t.Key == input.Key);
            var field = $"Inputs[{input.Key}]";
            if (item is null)
            {
                errors.Add(field, "Validation.Invalid");
                continue;
            }

            if (input.Adjustment != 0 && string.IsNullOrWhiteSpace(input.Reason))
            {
                errors.Add(field, "Assessment.Error.ReasonRequired", item.Name);
            }

            if (input.Reason?.Length > 500 || input.Adjustment is < -100 or > 100)
            {
                errors.Add(field, "Validation.Invalid");
            }

            if (input.Value is { } value && (item.Kind == AssessmentItemKind.WeightedScore ? value is < 0 or > 100 : value < 0 || item.Metric != AssessmentMetric.Manual))
            {
                // Computed counts come from the records; the client adjusts them, it does not overwrite them.
                errors.Add(field, item.Metric != AssessmentMetric.Manual && item.Kind != AssessmentItemKind.WeightedScore ? "Assessment.Error.Computed" : "Assessment.Error.Percent", item.Name);
            }

            if (input.Value is not null && item is { Kind: AssessmentItemKind.WeightedScore, Source: ScoreSource.Goals })
            {
                errors.Add(field, "Assessment.Error.Computed", item.Name);
            }
        }

        if (!errors.IsEmpty)
        {
            return Outcome<AssessmentView>.Invalid(errors);
        }

        assessment!.Inputs = [.. inputs.Select(i => new AssessmentInput { Key = i.Key, Value = i.Value, Adjustment = i.Adjustment, Reason = string.IsNullOrWhiteSpace(i.Reason) ? null : i.Reason.Trim() })];
        assessment.Comment = string.IsNullOrWhiteSpace(request.Comment) ? null : request.Comment.Trim();
        return await SaveAsync(db, assessment, cancellationToken);
    }

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
        NotificationWriter.Add(db, provider.Cast<Guid?>(), unitId, "Notify.Assessment.Signed", [currentUser.DisplayName ?? "", quarter.ToString(), view.Total.ToString("0.##", CultureInfo.InvariantCulture), $"Rating.{view.Rating}"],
            $"/assessment/{quarter}", $"assessment:{assessment.Id}:signed", urgent: false, now);
        return await SaveAsync(db, assessment, cancellationToken);
    }

    /// <summary>The provider acknowledges the signed form with its signature: locked.</summary>
    public async Task<Outcome<AssessmentView>> AcknowledgeAsync(Guid unitId, Quarter quarter, AssessmentSignRequest request, CancellationToken cancellationToken = default)
    {
        if (!currentUser.Can(Permissions.AssessmentReport))
        {
            return Outcome<AssessmentView>.NotAllowed();
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var assessment = await CurrentAsync(db, unitId, quarter, cancellationToken);
        if (assessment is null)
        {
            return Outcome<AssessmentView>.NotFound();
        }

        if (assessment.Revision != request.Revision)
        {
            return Outcome<AssessmentView>.Conflict();
        }

        var errors = new ValidationErrors();
        if (assessment.State != AssessmentState.ClientSigned)
        {
            errors.Add("State", assessment.State == AssessmentState.Draft ? "Assessment.Error.NotSigned" : "Assessment.Error.Signed");
        }

        if (SignatureRules.Validate(request.Signature) is { } bad)
        {
            errors.Add("Signature", bad);
        }

        if (!errors.IsEmpty)
        {
            return Outcome<AssessmentView>.Invalid(errors);
        }

        assessment.ProviderSignatureId = Sign(db, assessment, Permissions.AssessmentReport, request.Signature!);
        assessment.State = AssessmentState.Acknowledged;
        return await SaveAsync(db, assessment, cancellationToken);
    }

    /// <summary>Refreshes a draft's figures (they are computed live); a signed form is refused: make a new version.</summary>
    public async Task<Outcome<AssessmentView>> RecomputeAsync(Guid unitId, Quarter quarter, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var current = await CurrentAsync(db, unitId, quarter, cancellationToken);
        if (current is { State: not AssessmentState.Draft })
        {
            return Outcome<AssessmentView>.Invalid(new ValidationErrors().Add("State", "Assessment.Error.Signed"));
        }

        return await ViewAsync(db, unitId, quarter, null, cancellationToken) is { } view ? Outcome<AssessmentView>.Ok(view) : Outcome<AssessmentView>.NotFound();
    }

    /// <summary>Starts the next version of a signed form, with the same entries; the signed one stays archived.</summary>
    public async Task<Outcome<AssessmentView>> NewVersionAsync(Guid unitId, Quarter quarter, int revision, CancellationToken cancellationToken = default)
    {
        if (!currentUser.Can(Permissions.AssessmentAssess))
        {
            return Outcome<AssessmentView>.NotAllowed();
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var current = await CurrentAsync(db, unitId, quarter, cancellationToken);
        if (current is null)
        {
            return Outcome<AssessmentView>.NotFound();
        }

        if (current.Revision != revision)
        {
            return Outcome<AssessmentView>.Conflict();
        }

        if (current.State == AssessmentState.Draft)
        {
            return Outcome<AssessmentView>.Invalid(new ValidationErrors().Add("State", "Assessment.Error.NotSigned"));
        }

        current.IsCurrent = false;
        current.Revision++;
        var next = new QuarterlyAssessment
        {
            ClientUnitId = unitId,
            Year = quarter.Year,
            Quarter = quarter.Number,
            Version = current.Version + 1,
            Inputs = [.. current.Inputs.Select(i => new AssessmentInput { Key = i.Key, Value = i.Value, Adjustment = i.Adjustment, Reason = i.Reason })],
            Comment = current.Comment,
        };
        db.QuarterlyAssessments.Add(next);
        return await SaveAsync(db, next, cancellationToken);
    }

    internal async Task<AssessmentView?> ViewAsync(
        YunweiDbContext db, Guid unitId, Quarter quarter, int? version, CancellationToken cancellationToken, QuarterlyAssessment? assessment = null, QuarterFacts? facts = null)
    {
        var unit = await db.ClientUnits.AsNoTracking().FirstOrDefaultAsync(u => u.Id == unitId, cancellationToken);
        if (unit is null)
        {
            return null;
        }

        var all = await db.QuarterlyAssessments.AsNoTracking().Where(a => a.ClientUnitId == unitId && a.Year == quarter.Year && a.Quarter == quarter.Number).OrderByDescending(a => a.Version).ToListAsync(cancellationToken);
        assessment ??= version is { } v ? all.FirstOrDefault(a => a.Version == v) : all.FirstOrDefault(a => a.IsCurrent);
        if (version is not null && assessment is null)
        {
            return null;
        }

        assessment ??= new QuarterlyAssessment { ClientUnitId = unitId, Year = quarter.Year, Quarter = quarter.Number, Revision = -1 };
        var now = time.GetUtcNow().UtcDateTime;
        var frozen = assessment.Snapshot is { } snapshot ? JsonSerializer.Deserialize<FrozenForm>(snapshot, Json) : null;
        facts ??= frozen?.Facts ?? await AssessmentCalculator.ComputeAsync(db, unitId, quarter, now, cancellationToken);
        var contract = frozen is null ? await CurrentContract.LoadAsync(db.ServiceContracts.AsNoTracking(), unitId, quarter.End, cancellationToken) : null;
        var template = frozen?.Template ?? contract?.AssessmentTemplate() ?? AssessmentDefaults.Items();
        var bands = frozen?.Bands ?? contract?.Bands() ?? new AssessmentBands();
        var inputs = new Dictionary<string, ItemInput>(StringComparer.Ordinal);
        foreach (var item in template)
        {
            var entry = assessment.Inputs.FirstOrDefault(i => i.Key == item.Key);
            decimal? count = item switch
            {
                { Kind: AssessmentItemKind.WeightedScore, Source: ScoreSource.Goals } => facts.GoalsSet ? facts.GoalCompletion : null,
                { Kind: AssessmentItemKind.WeightedScore } => entry?.Value,
                { Metric: AssessmentMetric.Manual } => entry?.Value ?? 0,
                _ => facts.Of(item.Metric).Count,
            };
            inputs[item.Key] = new ItemInput(count, entry?.Adjustment ?? 0, entry?.Reason);
        }

        var score = AssessmentRules.Score(template, inputs, bands);
        var lines = score.Items.Select(s => new AssessmentLine(
            s.Item.Key, s.Item.Name, s.Item.Kind, s.Item.Metric, s.Item.Points, s.Item.Cap, s.Item.Weight, s.Count, s.Points, s.Adjustment, s.Reason,
            s.Item.Metric == AssessmentMetric.Manual ? [] : facts.Of(s.Item.Metric).Evidence,
            Entered: s.Item.Kind == AssessmentItemKind.WeightedScore ? s.Item.Source == ScoreSource.Client : s.Item.Metric == AssessmentMetric.Manual)).ToList();

        var signatures = new List<ReportSignature>();
        foreach (var id in new[] { assessment.ClientSignatureId, assessment.ProviderSignatureId }.OfType<Guid>())
        {
            if (await db.Signatures.AsNoTracking().FirstOrDefaultAsync(x => x.Id == id, cancellationToken) is { } signed)
            {
                signatures.Add(new ReportSignature(signed.SignerRole, signed.SignerName, signed.SignedAt, signed.ContentHash == Hash(assessment), SignatureRules.Svg(signed.Strokes)));
            }
        }

        var assesses = currentUser.Can(Permissions.AssessmentAssess);
        var current = assessment.IsCurrent;
        return new AssessmentView(
            assessment.Revision < 0 ? null : assessment.Id, unitId, unit.Name, quarter.ToString(), assessment.Version, assessment.State, assessment.Revision,
            lines, score.ServiceScore, score.Total, score.Rating, score.Missing, bands, assessment.Comment, facts.IsEmpty, assessment.Snapshot is not null, facts,
            signatures, [.. all.Select(a => new AssessmentVersion(a.Version, a.State, a.IsCurrent))],
            CanEdit: assesses && current && assessment.State == AssessmentState.Draft,
            CanSign: assesses && current && assessment.State == AssessmentState.Draft,
            CanAcknowledge: currentUser.Can(Permissions.AssessmentReport) && current && assessment.State == AssessmentState.ClientSigned,
            CanNewVersion: assesses && current && assessment.State != AssessmentState.Draft);
    }

    private static string Hash(QuarterlyAssessment a) =>
        SignatureRules.Hash(SignatureRules.Canonical(
        [
            new("assessment", a.Id.ToString()),
            new("unit", a.ClientUnitId.ToString()),
            new("quarter", $"{a.Year}Q{a.Quarter}"),
            new("version", a.Version.ToString(CultureInfo.InvariantCulture)),
            new("inputs", JsonSerializer.Serialize(a.Inputs, Json)),
            new("comment", a.Comment),
            new("facts", a.Snapshot),
        ]));

    private Guid Sign(YunweiDbContext db, QuarterlyAssessment assessment, string permission, IReadOnlyList<IReadOnlyList<InkPoint>> strokes) =>
        Signing.Add(db, currentUser, permission, assessment.ClientUnitId, SubjectType, assessment.Id, Hash(assessment), strokes, time.GetUtcNow().UtcDateTime).Id;

    private static Task<QuarterlyAssessment?> CurrentAsync(YunweiDbContext db, Guid unitId, Quarter quarter, CancellationToken cancellationToken) =>
        db.QuarterlyAssessments.FirstOrDefaultAsync(a => a.ClientUnitId == unitId && a.Year == quarter.Year && a.Quarter == quarter.Number && a.IsCurrent, cancellationToken);

    private async Task<(QuarterlyAssessment? Assessment, IReadOnlyList<AssessmentItem> Template, Outcome<AssessmentView>? Refused)> DraftAsync(
        YunweiDbContext db, Guid unitId, Quarter quarter, int revision, CancellationToken cancellationToken)
    {
        if (!await db.ClientUnits.AnyAsync(u => u.Id == unitId, cancellationToken))
        {
            return (null, [], Outcome<AssessmentView>.NotFound());
        }

        var contract = await CurrentContract.LoadAsync(db.ServiceContracts.AsNoTracking(), unitId, quarter.End, cancellationToken);
        var template = contract?.AssessmentTemplate() ?? AssessmentDefaults.Items();
        var assessment = await CurrentAsync(db, unitId, quarter, cancellationToken);
        if (assessment is null)
        {
            if (revision != -1)
            {
                return (null, template, Outcome<AssessmentView>.Conflict());
            }

            if (quarter.Start > ChinaTime.Today(time.GetUtcNow()))
            {
                return (null, template, Outcome<AssessmentView>.Invalid(new ValidationErrors().Add("Quarter", "Assessment.Error.Future")));
            }

            assessment = new QuarterlyAssessment { ClientUnitId = unitId, Year = quarter.Year, Quarter = quarter.Number, Revision = -1 };
            db.QuarterlyAssessments.Add(assessment);
            return (assessment, template, null);
        }

        if (assessment.Revision != revision)
        {
            return (null, template, Outcome<AssessmentView>.Conflict());
        }

        return assessment.State == AssessmentState.Draft
            ? (assessment, template, null)
            : (null, template, Outcome<AssessmentView>.Invalid(new ValidationErrors().Add("State", "Assessment.Error.Signed")));
    }

    private async Task<Outcome<AssessmentView>> SaveAsync(YunweiDbContext db, QuarterlyAssessment assessment, CancellationToken cancellationToken)
    {
        assessment.Revision++;
        assessment.UpdatedAt = time.GetUtcNow().UtcDateTime;
        assessment.UpdatedBy = currentUser.DisplayName;
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            return Outcome<AssessmentView>.Conflict();
        }

        return Outcome<AssessmentView>.Ok((await ViewAsync(db, assessment.ClientUnitId, new Quarter(assessment.Year, assessment.Quarter), assessment.Version, cancellationToken))!);
    }
}
