using System.Globalization;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Yunwei.Data;
using Yunwei.Domain;
using Yunwei.Domain.Administration;
using Yunwei.Domain.Assessment;
using Yunwei.Domain.Signatures;
using Yunwei.Web.Infrastructure;
using Yunwei.Web.Platform;

namespace Yunwei.Web.Features.Assessment;

/// <param name="Entered">The client types its value (its own score of the engineer, a manual bonus); the rest is computed.</param>
public sealed record AssessmentLine(string Key, string Name, AssessmentItemKind Kind, AssessmentMetric Metric, decimal Points, decimal? Cap, int Weight,
    decimal? Count, decimal Score, decimal Adjustment, string? Reason, IReadOnlyList<Evidence> Evidence, bool Entered);

public sealed record AssessmentVersion(int Version, AssessmentState State, bool IsCurrent);

public sealed record AssessmentView(
    Guid? Id, Guid ClientUnitId, string UnitName, string Quarter, int Version, AssessmentState State, int Revision,
    IReadOnlyList<AssessmentLine> Lines, decimal ServiceScore, decimal Total, Rating Rating, IReadOnlyList<string> Missing,
    AssessmentBands Bands, string? Comment, bool IsEmpty, bool Frozen, QuarterFacts Facts,
    IReadOnlyList<ReportSignature> Signatures, IReadOnlyList<AssessmentVersion> Versions,
    bool CanEdit, bool CanSign, bool CanAcknowledge, bool CanNewVersion);

/// <summary>What a signature freezes: the quarter's figures and the template and bands they were scored with.</summary>
public sealed record FrozenForm(QuarterFacts Facts, IReadOnlyList<AssessmentItem> Template, AssessmentBands Bands);

public sealed record AssessmentSignRequest(int Revision, IReadOnlyList<IReadOnlyList<InkPoint>>? Signature);

/// <summary>
/// The quarterly assessment form (《信息化系统季度考核表》, docs/contract.md §12): computed from the quarter's records
/// with the evidence behind every deduction; the client enters its score of the resident engineer,
/// bonuses and adjustments (each with a reason), then signs — the figures freeze — and the provider
/// acknowledges with its signature (locked). A signed form is never recomputed: a new version is.
/// </summary>
public sealed partial class AssessmentsHandler(IDbContextFactory<YunweiDbContext> dbFactory, CurrentUser currentUser, TimeProvider time)
{
    public const string SubjectType = nameof(QuarterlyAssessment);

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public async Task<AssessmentView?> GetAsync(Guid unitId, Quarter quarter, int? version = null, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await ViewAsync(db, unitId, quarter, version, cancellationToken);
    }

    internal async Task<AssessmentView?> ViewAsync(
        YunweiDbContext db, Guid unitId, Quarter quarter, int? version, CancellationToken cancellationToken, QuarterlyAssessment? assessment = null, QuarterFacts? facts = null)
    {
        var unit = await db.ClientUnits.AsNoTracking().FirstOrDefaultAsync(u => u.Id == unitId, cancellationToken);
        if (unit is null)
        {
            return null;
        }

        var all = await db.QuarterlyAssessments.AsNoTracking().Where(a => a.ClientUnitId == unitId && a.Year == quarter.Year
            && a.Quarter == quarter.Number).OrderByDescending(a => a.Version).ToListAsync(cancellationToken);
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
