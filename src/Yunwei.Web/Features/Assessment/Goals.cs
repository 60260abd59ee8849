using Microsoft.EntityFrameworkCore;
using Yunwei.Data;
using Yunwei.Domain.Administration;
using Yunwei.Domain.Assessment;
using Yunwei.Web.Infrastructure;

namespace Yunwei.Web.Features.Assessment;

public sealed record GoalView(Guid Id, string Title, string Target, int Weight, IReadOnlyList<GoalProgress> Progress, decimal? Completion,
    string? AssessmentComment, string? AssessedBy, int Revision);

public sealed record GoalsView(string Quarter, IReadOnlyList<GoalView> Goals, int WeightSum, decimal Completion, bool Locked, bool CanSet, bool CanReport, bool CanAssess);

public sealed record GoalInput(Guid? Id, string? Title, string? Target, int Weight);

public sealed record SetGoalsRequest(IReadOnlyList<GoalInput>? Goals);

public sealed record GoalProgressRequest(int Revision, string? Text, int? Percent);

public sealed record AssessGoalRequest(int Revision, decimal? Completion, string? Comment);

/// <summary>
/// Quarterly goals (docs/contract.md §12): the client sets them (weights sum to 100), the provider reports progress,
/// the client assesses each goal's completion; the weighted completion feeds the assessment form.
/// Once the quarter's assessment is signed the goals are locked.
/// </summary>
public sealed class GoalsHandler(IDbContextFactory<YunweiDbContext> dbFactory, CurrentUser currentUser, TimeProvider time)
{
    public async Task<GoalsView?> GetAsync(Guid unitId, Quarter quarter, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        if (!await db.ClientUnits.AnyAsync(u => u.Id == unitId, cancellationToken))
        {
            return null;
        }

        var goals = await LoadAsync(db, unitId, quarter, cancellationToken);
        var locked = await LockedAsync(db, unitId, quarter, cancellationToken);
        return new GoalsView(
            quarter.ToString(),
            [.. goals.Select(g => new GoalView(g.Id, g.Title, g.Target, g.Weight, g.Progress, g.Completion, g.AssessmentComment, g.AssessedBy, g.Revision))],
            goals.Sum(g => g.Weight),
            AssessmentRules.GoalCompletion(goals.Select(g => (g.Weight, g.Completion))),
            locked,
            CanSet: !locked && currentUser.Can(Permissions.AssessmentAssess),
            CanReport: !locked && currentUser.Can(Permissions.AssessmentReport),
            CanAssess: !locked && currentUser.Can(Permissions.AssessmentAssess));
    }

    /// <summary>Sets the quarter's goals as a whole (kept by id, new ones added, missing ones removed).</summary>
    public async Task<Outcome<GoalsView>> SetAsync(Guid unitId, Quarter quarter, SetGoalsRequest request, CancellationToken cancellationToken = default)
    {
        if (!currentUser.Can(Permissions.AssessmentAssess))
        {
            return Outcome<GoalsView>.NotAllowed();
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        if (!await db.ClientUnits.AnyAsync(u => u.Id == unitId, cancellationToken))
        {
            return Outcome<GoalsView>.NotFound();
        }

        var inputs = request.Goals ?? [];
        var errors = new ValidationErrors();
        if (await LockedAsync(db, unitId, quarter, cancellationToken))
        {
            errors.Add("Quarter", "Assessment.Error.Locked");
        }

        for (var i = 0; i < inputs.Count; i++)
        {
            errors.Required($"Goals[{i}].Title", inputs[i].Title, 200).Required($"Goals[{i}].Target", inputs[i].Target, QuarterlyGoal.MaxText);
            if (inputs[i].Weight is < 1 or > 100)
            {
                errors.Add($"Goals[{i}].Weight", "Assessment.Error.GoalWeight");
            }
        }

        if (inputs.Count == 0 || inputs.Count > 20)
        {
            errors.Add("Goals", "Assessment.Error.GoalCount");
        }
        else if (inputs.Sum(g => g.Weight) != 100)
        {
            errors.Add("Goals", "Assessment.Error.GoalWeights", inputs.Sum(g => g.Weight));
        }

        if (!errors.IsEmpty)
        {
            return Outcome<GoalsView>.Invalid(errors);
        }

        var existing = await LoadAsync(db, unitId, quarter, cancellationToken, tracked: true);
        db.QuarterlyGoals.RemoveRange(existing.Where(g => !inputs.Any(i => i.Id == g.Id)));
        for (var i = 0; i < inputs.Count; i++)
        {
            var goal = inputs[i].Id is { } id ? existing.FirstOrDefault(g => g.Id == id) : null;
            if (goal is null)
            {
                goal = new QuarterlyGoal { ClientUnitId = unitId, Year = quarter.Year, Quarter = quarter.Number };
                db.QuarterlyGoals.Add(goal);
            }
            else
            {
                goal.Revision++;
            }

            (goal.Title, goal.Target, goal.Weight, goal.SortOrder) = (inputs[i].Title!.Trim(), inputs[i].Target!.Trim(), inputs[i].Weight, i);
        }

        if (!await db.SavedAsync(cancellationToken))
        {
            return Outcome<GoalsView>.Conflict();
        }

        return Outcome<GoalsView>.Ok((await GetAsync(unitId, quarter, cancellationToken))!);
    }

    public async Task<Outcome<GoalsView>> ReportAsync(Guid goalId, GoalProgressRequest request, CancellationToken cancellationToken = default) =>
        await ChangeAsync(goalId, request.Revision, Permissions.AssessmentReport, goal =>
        {
            var errors = new ValidationErrors().Required(nameof(request.Text), request.Text, QuarterlyGoal.MaxText);
            if (request.Percent is < 0 or > 100)
            {
                errors.Add(nameof(request.Percent), "Assessment.Error.Percent");
            }

            if (errors.IsEmpty)
            {
                goal.Progress = [.. goal.Progress, new GoalProgress { At = time.GetUtcNow().UtcDateTime, By = currentUser.DisplayName, Text = request.Text!.Trim(), Percent = request.Percent }];
            }

            return errors;
        }, cancellationToken);

    public async Task<Outcome<GoalsView>> AssessAsync(Guid goalId, AssessGoalRequest request, CancellationToken cancellationToken = default) =>
        await ChangeAsync(goalId, request.Revision, Permissions.AssessmentAssess, goal =>
        {
            var errors = new ValidationErrors().Optional(nameof(request.Comment), request.Comment, QuarterlyGoal.MaxText);
            if (request.Completion is not (>= 0 and <= 100))
            {
                errors.Add(nameof(request.Completion), "Assessment.Error.Percent");
            }

            if (errors.IsEmpty)
            {
                (goal.Completion, goal.AssessmentComment, goal.AssessedBy) = (request.Completion, string.IsNullOrWhiteSpace(request.Comment) ? null : request.Comment.Trim(), currentUser.DisplayName);
            }

            return errors;
        }, cancellationToken);

    /// <summary>A quarter's goals are locked once its current assessment is signed.</summary>
    internal static Task<bool> LockedAsync(YunweiDbContext db, Guid unitId, Quarter quarter, CancellationToken cancellationToken) =>
        db.QuarterlyAssessments.AnyAsync(a => a.ClientUnitId == unitId && a.Year == quarter.Year && a.Quarter == quarter.Number && a.IsCurrent && a.State != AssessmentState.Draft, cancellationToken);

    internal static async Task<List<QuarterlyGoal>> LoadAsync(YunweiDbContext db, Guid unitId, Quarter quarter, CancellationToken cancellationToken, bool tracked = false)
    {
        var query = db.QuarterlyGoals.Where(g => g.ClientUnitId == unitId && g.Year == quarter.Year && g.Quarter == quarter.Number);
        return await (tracked ? query : query.AsNoTracking()).OrderBy(g => g.SortOrder).ToListAsync(cancellationToken);
    }

    private async Task<Outcome<GoalsView>> ChangeAsync(Guid goalId, int revision, string permission, Func<QuarterlyGoal, ValidationErrors> change, CancellationToken cancellationToken)
    {
        if (!currentUser.Can(permission))
        {
            return Outcome<GoalsView>.NotAllowed();
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var goal = await db.QuarterlyGoals.FirstOrDefaultAsync(g => g.Id == goalId, cancellationToken);
        if (goal is null)
        {
            return Outcome<GoalsView>.NotFound();
        }

        var quarter = new Quarter(goal.Year, goal.Quarter);
        if (await LockedAsync(db, goal.ClientUnitId, quarter, cancellationToken))
        {
            return Outcome<GoalsView>.Invalid(new ValidationErrors().Add("Quarter", "Assessment.Error.Locked"));
        }

        if (goal.Revision != revision)
        {
            return Outcome<GoalsView>.Conflict();
        }

        var errors = change(goal);
        if (!errors.IsEmpty)
        {
            return Outcome<GoalsView>.Invalid(errors);
        }

        goal.Revision++;
        if (!await db.SavedAsync(cancellationToken))
        {
            return Outcome<GoalsView>.Conflict();
        }

        return Outcome<GoalsView>.Ok((await GetAsync(goal.ClientUnitId, quarter, cancellationToken))!);
    }
}
