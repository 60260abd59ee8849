using Microsoft.EntityFrameworkCore;
using Yunwei.Data;
using Yunwei.Domain.Approvals;
using Yunwei.Domain.Faults;
using Yunwei.Domain.Signatures;
using Yunwei.Web.Platform;

namespace Yunwei.Web.Features.Approvals;

public enum DecisionStatus
{
    Done,
    NotFound,
    Forbidden,
    Conflict,
    Invalid,
}

/// <summary>The result of a decision; on a conflict, who decided first and how.</summary>
public sealed record DecisionResult(DecisionStatus Status, ApprovalState? State = null, string? DecidedBy = null, string? ErrorKey = null, Guid? SignatureId = null);

/// <summary>
/// Approves, rejects or withdraws a request. Only the kind's client deciders approve or reject, only
/// the requester withdraws, and only while pending. Two deciders at once: the first save wins, the
/// second gets a conflict naming who decided.
/// </summary>
public sealed class DecideApprovalHandler(IDbContextFactory<YunweiDbContext> dbFactory, Infrastructure.CurrentUser currentUser, TimeProvider time)
{
    public const int MaxComment = 1000;

    public async Task<DecisionResult> HandleAsync(
        Guid id, ApprovalAction action, string? comment, IReadOnlyList<IReadOnlyList<InkPoint>>? signature = null, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var request = await db.ApprovalRequests.FirstOrDefaultAsync(a => a.Id == id, cancellationToken);
        if (request is null)
        {
            return new DecisionResult(DecisionStatus.NotFound);
        }

        // A comment is kept whole or refused, never cut.
        if (comment?.Trim().Length > MaxComment)
        {
            return new DecisionResult(DecisionStatus.Invalid, ErrorKey: "Approval.Error.CommentTooLong");
        }

        var now = time.GetUtcNow().UtcDateTime;
        var isDecider = currentUser.Roles.Intersect(ApprovalRules.DeciderRoles(request.Kind)).Any();
        var isRequester = request.RequestedById is { } requester && requester == currentUser.UserId;
        var (state, error) = ApprovalRules.Apply(request, action, now, isDecider, isRequester);
        if (state is null)
        {
            return error == "Approval.Error.NotAllowed"
                ? new DecisionResult(DecisionStatus.Forbidden, ErrorKey: error)
                : new DecisionResult(DecisionStatus.Conflict, ApprovalRules.Effective(request, now), request.DecidedByName, error);
        }

        // Approving a kind that needs a signature: the pad must hold a real signature, bound to exactly this request.
        Signature? signed = null;
        if (state == ApprovalState.Approved && ApprovalRules.NeedsSignature(request.Kind))
        {
            if (SignatureRules.Validate(signature) is { } problem)
            {
                return new DecisionResult(DecisionStatus.Invalid, ErrorKey: problem);
            }

            signed = new Signature
            {
                ClientUnitId = request.ClientUnitId,
                SubjectType = nameof(ApprovalRequest),
                SubjectId = request.Id,
                SignerId = currentUser.UserId,
                SignerName = currentUser.DisplayName ?? currentUser.UserName ?? "?",
                SignerRole = currentUser.Roles.Intersect(ApprovalRules.DeciderRoles(request.Kind)).First(),
                SignedAt = now,
                ContentHash = SignatureRules.Hash(SignatureRules.Canonical(ApprovalRules.SignedContent(request))),
                Strokes = [.. signature!.Select(s => s.ToList())],
            };
            db.Signatures.Add(signed);
        }

        request.State = state.Value;
        request.DecidedById = currentUser.UserId;
        request.DecidedByName = currentUser.DisplayName;
        request.DecidedAt = now;
        request.DecisionComment = string.IsNullOrWhiteSpace(comment) ? null : comment.Trim();
        request.Revision++;
        if (request.GatedType == GatedRecordType.Fault && request.GatedId is { } faultId)
        {
            await OnFaultAsync(db, request, faultId, now, cancellationToken);
        }

        // The client decides staffing (docs/contract.md §9): an approved dispatch or replacement takes effect in the assignment history.
        if (request.State == ApprovalState.Approved && request.Kind == ApprovalKind.StaffingChange)
        {
            await Staff.StaffHandler.ApplyAsync(db, request, now, cancellationToken);
        }

        if (request.RequestedById is { } requesterId && requesterId != currentUser.UserId)
        {
            NotificationWriter.Add(db, [requesterId], request.ClientUnitId, "Notify.Approval.Decided",
                [request.Title, $"ApprovalState.{request.State}", currentUser.DisplayName ?? ""], "/approvals?scope=Mine", $"approval:{request.Id}:decided", false, now);
        }

        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException ex) when (ex.IsLostRace())
        {
            await using var fresh = await dbFactory.CreateDbContextAsync(cancellationToken);
            var winner = await fresh.ApprovalRequests.AsNoTracking().FirstAsync(a => a.Id == id, cancellationToken);
            return new DecisionResult(DecisionStatus.Conflict, winner.State, winner.DecidedByName, "Approval.Error.AlreadyDecided");
        }

        return new DecisionResult(DecisionStatus.Done, request.State, request.DecidedByName, SignatureId: signed?.Id);
    }

    /// <summary>
    /// The decision goes on the gated fault's timeline; a consented third-party time replaces the
    /// fault's resolve deadline (docs/contract.md §3), and the history keeps both.
    /// </summary>
    private async Task OnFaultAsync(YunweiDbContext db, ApprovalRequest request, Guid faultId, DateTime now, CancellationToken cancellationToken)
    {
        var fault = await db.Faults.FirstOrDefaultAsync(f => f.Id == faultId, cancellationToken);
        if (fault is null)
        {
            return;
        }

        FaultEvent Event(FaultEventType type)
        {
            var e = FaultEvent.Create(fault.Id, fault.ClientUnitId, type, now, now, currentUser.UserId, currentUser.DisplayName, request.Title);
            e.ApprovalId = request.Id;
            return e;
        }

        var added = new List<FaultEvent> { Event(FaultEventType.ApprovalDecided) };
        if (request.State == ApprovalState.Approved && request.Kind == ApprovalKind.ThirdPartyDeadline && fault.IsOpen
            && ApprovalRules.TryParseDeadline(request.Fields.GetValueOrDefault("newResolveAt"), out var deadline))
        {
            var replaced = Event(FaultEventType.DeadlineReplaced);
            replaced.Deadline = deadline;
            added.Add(replaced);
        }

        await Faults.FaultClocks.RefreshAsync(db, fault, added, now, cancellationToken);
        db.FaultEvents.AddRange(added);
        fault.Revision++;
    }
}
