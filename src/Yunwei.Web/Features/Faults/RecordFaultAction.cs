using Microsoft.EntityFrameworkCore;
using Yunwei.Data;
using Yunwei.Domain;
using Yunwei.Domain.Administration;
using Yunwei.Domain.Approvals;
using Yunwei.Domain.Faults;
using Yunwei.Domain.Sla;
using Yunwei.Web.Infrastructure;
using Yunwei.Web.Platform;

namespace Yunwei.Web.Features.Faults;

/// <param name="Revision">The fault's revision the user saw; a different one means someone else changed it meanwhile.</param>
/// <param name="At">When it happened (defaults to now; milestones may be noted afterwards, never in the future).</param>
public sealed record FaultActionRequest(
    FaultAction Action,
    int Revision,
    DateTime? At = null,
    FaultLevel? Level = null,
    PauseKind? Pause = null,
    string? Text = null,
    ServiceTier? Tier = null,
    Guid? ApprovalId = null,
    int? Rating = null);

public enum FaultActionStatus
{
    Done,
    NotFound,
    Forbidden,
    Invalid,
    Conflict,
}

public sealed record FaultActionResult(FaultActionStatus Status, int? Revision = null, ValidationErrors? Errors = null)
{
    public static FaultActionResult Invalid(string field, string key, params object[] args) =>
        new(FaultActionStatus.Invalid, Errors: new ValidationErrors().Add(field, key, args));
}

/// <summary>
/// Records one step of a fault's handling as an event, moves its milestones, and recomputes its
/// clocks. The provider handles, the client rules and confirms, the reporter confirms and rates.
/// Major operations and parts need their approval first. Two people at once: the second gets a
/// conflict and reloads; nothing is lost.
/// </summary>
public sealed class RecordFaultActionHandler(IDbContextFactory<YunweiDbContext> dbFactory, CurrentUser currentUser, TimeProvider time)
{
    public const int MaxText = 2000;

    public async Task<FaultActionResult> HandleAsync(Guid faultId, FaultActionRequest request, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var fault = await FaultAccess.Visible(db, currentUser).FirstOrDefaultAsync(f => f.Id == faultId, cancellationToken);
        if (fault is null)
        {
            return new FaultActionResult(FaultActionStatus.NotFound);
        }

        if (!Enum.IsDefined(request.Action))
        {
            return FaultActionResult.Invalid(nameof(request.Action), "Validation.Invalid");
        }

        if (!Allowed(currentUser, fault, request.Action))
        {
            return new FaultActionResult(FaultActionStatus.Forbidden);
        }

        if (request.Revision != fault.Revision)
        {
            return new FaultActionResult(FaultActionStatus.Conflict, fault.Revision);
        }

        var now = time.GetUtcNow().UtcDateTime;
        var at = request.At?.ToUniversalTime() ?? now;
        if (request.Action is FaultAction.Propose or FaultAction.Rule or FaultAction.Rate or FaultAction.Pause or FaultAction.Resume
            or FaultAction.ChangeTier or FaultAction.Note or FaultAction.RecordOperation or FaultAction.RecordPart)
        {
            // Decisions and records are made now; only milestones may be noted afterwards.
            at = now;
        }

        if (FaultRules.Check(fault, request.Action, at, now) is { } refused)
        {
            return FaultActionResult.Invalid(request.At is not null ? nameof(request.At) : nameof(request.Action), refused);
        }

        var text = request.Text?.Trim();
        if (text?.Length > MaxText)
        {
            return FaultActionResult.Invalid(nameof(request.Text), "Validation.MaxLength", MaxText);
        }

        var e = FaultEvent.Create(fault.Id, fault.ClientUnitId, default, at, now, currentUser.UserId, currentUser.DisplayName, string.IsNullOrEmpty(text) ? null : text);
        if (await Fill(db, fault, request, e, cancellationToken) is { } invalid)
        {
            return invalid;
        }

        FaultRules.Apply(fault, request.Action, at);
        await FaultClocks.RefreshAsync(db, fault, [e], now, cancellationToken);
        db.FaultEvents.Add(e);
        if (request.Action == FaultAction.Resolve)
        {
            await RecordWorkAsync(db, fault, at, now, cancellationToken);
        }

        if (request.Action == FaultAction.Rule && e.Level is { } ruled)
        {
            // The level the client ruled sets the clocks: the engineers hear of it at once.
            var engineers = await NotificationWriter.MembersAsync(db, fault.ClientUnitId, [Roles.ResidentEngineer, Roles.DutyEngineer], cancellationToken);
            NotificationWriter.Add(db, [fault.AssigneeId, .. engineers.Cast<Guid?>()], fault.ClientUnitId, "Notify.Fault.Ruled",
                [fault.Number, fault.Title, $"FaultLevel.{ruled}"], $"/faults/{fault.Id}", $"fault:{fault.Id}:ruled:{e.Id}", ruled == FaultLevel.Level1, now);
        }

        fault.Revision++;
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException ex) when (ex.IsLostRace())
        {
            return new FaultActionResult(FaultActionStatus.Conflict);
        }

        return new FaultActionResult(FaultActionStatus.Done, fault.Revision);
    }

    /// <summary>The fault's line on the work log (故障处理): on site or answering to resolved, by whoever resolved it; resolved again after a reopen, the same line.</summary>
    private async Task RecordWorkAsync(YunweiDbContext db, Fault fault, DateTime resolvedAt, DateTime now, CancellationToken cancellationToken)
    {
        var began = fault.ArrivedAt ?? fault.AnsweredAt ?? fault.ReportedAt;
        await WorkLogWriter.RecordAsync(db, new Domain.WorkLog.WorkEntry
        {
            ClientUnitId = fault.ClientUnitId,
            Date = ChinaTime.Today(new DateTimeOffset(resolvedAt)),
            Type = Domain.WorkLog.WorkType.FaultHandling,
            SubsystemId = fault.SubsystemId,
            Reference = fault.Number,
            Source = Domain.WorkLog.WorkSource.Fault,
            SourceId = fault.Id,
            Content = fault.Title,
            HandlerId = currentUser.UserId,
            HandlerName = currentUser.DisplayName ?? "",
            Hours = Domain.WorkLog.WorkRules.Hours(resolvedAt - began),
            Result = "已解决",
            CreatedAt = now,
            CreatedBy = currentUser.DisplayName,
        }, cancellationToken);
    }

    /// <summary>Who may record what: the provider's engineers handle, the client side rules, the reporter confirms and rates.</summary>
    public static bool Allowed(CurrentUser currentUser, Fault fault, FaultAction action)
    {
        var handles = currentUser.Can(Permissions.FaultsHandle);
        var rules = currentUser.Can(Permissions.FaultsRule);
        // The reporter is the caller (an engineer who typed in a phone call is not).
        var reporter = currentUser.UserId is { } me && fault.CallerUserId == me;
        return action switch
        {
            FaultAction.Rule => rules,
            FaultAction.Confirm or FaultAction.Reopen => rules || reporter,
            FaultAction.Rate => reporter,
            FaultAction.Close => rules || (handles && fault.State == FaultState.Confirmed),
            FaultAction.Note => handles || rules || reporter,
            _ => handles,
        };
    }

    /// <summary>Checks the action's own fields and fills the event; returns the refusal, if any.</summary>
    private async Task<FaultActionResult?> Fill(YunweiDbContext db, Fault fault, FaultActionRequest request, FaultEvent e, CancellationToken cancellationToken)
    {
        switch (request.Action)
        {
            case FaultAction.Answer:
                e.Type = FaultEventType.Answered;
                if (fault.AssigneeId is null)
                {
                    fault.AssigneeId = currentUser.UserId;
                    fault.AssigneeName = currentUser.DisplayName;
                }

                break;
            case FaultAction.Propose or FaultAction.Rule:
                if (request.Level is not { } level || !Enum.IsDefined(level))
                {
                    return FaultActionResult.Invalid(nameof(request.Level), "Validation.Required");
                }

                e.Type = request.Action == FaultAction.Propose ? FaultEventType.Proposed : FaultEventType.Ruled;
                e.Level = level;
                if (request.Action == FaultAction.Propose)
                {
                    (fault.ProposedLevel, fault.ProposedBy, fault.ProposedAt) = (level, currentUser.DisplayName, e.At);
                }
                else
                {
                    (fault.RuledLevel, fault.RuledBy, fault.RuledAt) = (level, currentUser.DisplayName, e.At);
                }

                break;
            case FaultAction.Arrive:
                e.Type = FaultEventType.ArrivedOnSite;
                break;
            case FaultAction.Restore:
                e.Type = FaultEventType.Restored;
                break;
            case FaultAction.Resolve:
                e.Type = FaultEventType.Resolved;
                break;
            case FaultAction.Confirm:
                e.Type = FaultEventType.Confirmed;
                break;
            case FaultAction.Close:
                e.Type = FaultEventType.Closed;
                break;
            case FaultAction.Reopen:
                if (string.IsNullOrEmpty(e.Text))
                {
                    return FaultActionResult.Invalid(nameof(request.Text), "Fault.Error.ReasonRequired");
                }

                e.Type = FaultEventType.Reopened;
                break;
            case FaultAction.Pause:
                if (request.Pause is not { } kind || !Enum.IsDefined(kind))
                {
                    return FaultActionResult.Invalid(nameof(request.Pause), "Validation.Required");
                }

                // A pause is evidence: never without its reason.
                if (string.IsNullOrEmpty(e.Text))
                {
                    return FaultActionResult.Invalid(nameof(request.Text), "Fault.Error.ReasonRequired");
                }

                e.Type = FaultEventType.PauseStarted;
                e.Pause = kind;
                e.PauseId = Guid.CreateVersion7();
                break;
            case FaultAction.Resume:
                var open = await db.FaultEvents.AsNoTracking()
                    .Where(x => x.FaultId == fault.Id && (x.Type == FaultEventType.PauseStarted || x.Type == FaultEventType.PauseEnded))
                    .OrderByDescending(x => x.At).ThenByDescending(x => x.Id)
                    .FirstOrDefaultAsync(cancellationToken);
                e.Type = FaultEventType.PauseEnded;
                e.PauseId = open?.PauseId;
                e.Pause = open?.Pause;
                break;
            case FaultAction.ChangeTier:
                if (request.Tier is not { } tier || !Enum.IsDefined(tier))
                {
                    return FaultActionResult.Invalid(nameof(request.Tier), "Validation.Required");
                }

                // Tiers go in the contract's order: on site → remote → company engineer → third party.
                if (tier <= fault.Tier)
                {
                    return FaultActionResult.Invalid(nameof(request.Tier), "Fault.Error.TierOrder");
                }

                if (tier == ServiceTier.ThirdParty && string.IsNullOrEmpty(e.Text))
                {
                    return FaultActionResult.Invalid(nameof(request.Text), "Fault.Error.ThirdPartyNamed");
                }

                e.Type = FaultEventType.TierChanged;
                e.Tier = tier;
                fault.Tier = tier;
                break;
            case FaultAction.Note:
                if (string.IsNullOrEmpty(e.Text))
                {
                    return FaultActionResult.Invalid(nameof(request.Text), "Validation.Required");
                }

                e.Type = FaultEventType.Note;
                break;
            case FaultAction.RecordOperation or FaultAction.RecordPart:
                var kind2 = request.Action == FaultAction.RecordOperation ? ApprovalKind.MajorOperation : ApprovalKind.PartReplacement;
                var approval = request.ApprovalId is { } approvalId
                    ? await db.ApprovalRequests.AsNoTracking().FirstOrDefaultAsync(a => a.Id == approvalId && a.ClientUnitId == fault.ClientUnitId, cancellationToken)
                    : null;
                if (approval is null || approval.Kind != kind2 || !Gates(approval, fault))
                {
                    return FaultActionResult.Invalid(nameof(request.ApprovalId), "Fault.Error.ApprovalNeeded");
                }

                // docs/contract.md §4: no major operation before approval. docs/contract.md §5: a part on approval, or on the representative's word (a paperwork debt).
                var cleared = approval.State == ApprovalState.Approved
                    || (kind2 == ApprovalKind.PartReplacement && ApprovalRules.IsPaperworkDebt(approval));
                if (!cleared)
                {
                    return FaultActionResult.Invalid(nameof(request.ApprovalId), "Fault.Error.NotApprovedYet");
                }

                e.Type = request.Action == FaultAction.RecordOperation ? FaultEventType.OperationPerformed : FaultEventType.PartReplaced;
                e.ApprovalId = approval.Id;
                e.Text ??= approval.Title;
                break;
            case FaultAction.Rate:
                if (request.Rating is not (>= 1 and <= 5))
                {
                    return FaultActionResult.Invalid(nameof(request.Rating), "Fault.Error.RatingRange");
                }

                e.Type = FaultEventType.Rated;
                e.Text = $"{request.Rating}" + (string.IsNullOrEmpty(e.Text) ? "" : " " + e.Text);
                fault.Rating = request.Rating;
                fault.RatingComment = request.Text?.Trim();
                break;
            default:
                return FaultActionResult.Invalid(nameof(request.Action), "Validation.Invalid");
        }

        return null;
    }

    /// <summary>An approval is for this fault when it gates the fault itself or the fault's asset.</summary>
    private static bool Gates(ApprovalRequest approval, Fault fault) =>
        (approval.GatedType == GatedRecordType.Fault && approval.GatedId == fault.Id)
        || (approval.GatedType == GatedRecordType.Asset && fault.AssetId is not null && approval.GatedId == fault.AssetId);
}
