using Yunwei.Domain.Administration;

namespace Yunwei.Domain.Approvals;

/// <summary>What the client is asked to allow (docs/contract.md §3, §4, §5, §9).</summary>
public enum ApprovalKind
{
    /// <summary>设备配件更换/采购 (docs/contract.md §5).</summary>
    PartReplacement = 0,

    /// <summary>重大操作: reinstall, restart, other large operations (docs/contract.md §4).</summary>
    MajorOperation = 1,

    /// <summary>第三方处理时限 (docs/contract.md §3, §4).</summary>
    ThirdPartyDeadline = 2,

    /// <summary>驻点人员派驻、更换、留任 (docs/contract.md §9).</summary>
    StaffingChange = 3,

    /// <summary>请假: the resident engineer's leave, decided by the client (docs/contract.md §9).</summary>
    Leave = 4,
}

/// <summary>待审批 / 已批准 / 已驳回 / 已撤回 / 已过期.</summary>
public enum ApprovalState
{
    Pending = 0,
    Approved = 1,
    Rejected = 2,
    Withdrawn = 3,
    Expired = 4,
}

public enum ApprovalAction
{
    Approve,
    Reject,
    Withdraw,
}

/// <summary>The record an approval gates: nothing is done to it until the client has decided.</summary>
public enum GatedRecordType
{
    None = 0,
    Asset = 1,
    Fault = 2,
    Engineer = 3,
}

/// <summary>A request for the client's consent, decided by a client role of the unit.</summary>
public sealed class ApprovalRequest : IUnitOwned
{
    public Guid Id { get; set; } = Guid.CreateVersion7();

    public Guid ClientUnitId { get; set; }

    public ApprovalKind Kind { get; set; }

    public required string Title { get; set; }

    public string? Description { get; set; }

    /// <summary>The kind's structured fields, e.g. a major operation's plan, risk and rollback.</summary>
    public Dictionary<string, string> Fields { get; set; } = [];

    public GatedRecordType GatedType { get; set; }

    public Guid? GatedId { get; set; }

    public Guid? RequestedById { get; set; }

    public string? RequestedByName { get; set; }

    public DateTime RequestedAt { get; set; }

    /// <summary>After this time a pending request can no longer be approved.</summary>
    public DateTime? ExpiresAt { get; set; }

    public ApprovalState State { get; set; }

    public Guid? DecidedById { get; set; }

    public string? DecidedByName { get; set; }

    public DateTime? DecidedAt { get; set; }

    public string? DecisionComment { get; set; }

    /// <summary>
    /// Emergency path (docs/contract.md §5): the representative agreed by word before the paperwork; the work
    /// may proceed, and the request stays open as a paperwork debt until it is signed.
    /// </summary>
    public string? VerbalConfirmedBy { get; set; }

    public DateTime? VerbalConfirmedAt { get; set; }

    /// <summary>How the verbal confirmation was given, e.g. "电话" or "当面".</summary>
    public string? VerbalChannel { get; set; }

    /// <summary>Optimistic concurrency: two deciders at once, exactly one decision wins.</summary>
    public int Revision { get; set; }
}

/// <summary>The rules of approvals: who decides which kind, what each kind must say, how the state moves.</summary>
public static class ApprovalRules
{
    /// <summary>Client roles that may decide a kind (the representative signs for parts; the maintenance department rules on operations).</summary>
    public static IReadOnlyList<string> DeciderRoles(ApprovalKind kind) => kind switch
    {
        ApprovalKind.PartReplacement => [Roles.ClientRepresentative, Roles.ClientAdministrator],
        ApprovalKind.MajorOperation => [Roles.ClientAdministrator, Roles.ClientMaintenance],
        _ => [Roles.ClientAdministrator],
    };

    /// <summary>Kinds whose approval must carry the decider's handwritten signature (docs/contract.md §5: parts need the representative's signature).</summary>
    public static bool NeedsSignature(ApprovalKind kind) => kind == ApprovalKind.PartReplacement;

    /// <summary>What a signature on a request covers: the request as it was decided.</summary>
    public static IEnumerable<KeyValuePair<string, string?>> SignedContent(ApprovalRequest request) =>
    [
        new("id", request.Id.ToString()),
        new("kind", request.Kind.ToString()),
        new("title", request.Title),
        new("description", request.Description),
        new("requestedBy", request.RequestedByName),
        new("requestedAt", request.RequestedAt.ToString("O", System.Globalization.CultureInfo.InvariantCulture)),
        .. request.Fields.Select(f => new KeyValuePair<string, string?>("field." + f.Key, f.Value)),
    ];

    /// <summary>A paperwork debt: work done on a verbal confirmation, still waiting for the signed approval.</summary>
    public static bool IsPaperworkDebt(ApprovalRequest request) =>
        request.VerbalConfirmedAt is not null && request.State == ApprovalState.Pending;

    /// <summary>The structured fields each kind must fill.</summary>
    public static IReadOnlyList<string> RequiredFields(ApprovalKind kind) => kind switch
    {
        ApprovalKind.PartReplacement => ["part", "quantity", "reason"],
        ApprovalKind.MajorOperation => ["operation", "plan", "risk", "rollback", "window"],
        ApprovalKind.ThirdPartyDeadline => ["thirdParty", "notice", "newResolveAt"],
        ApprovalKind.StaffingChange => ["change", "engineer", "reason"],
        ApprovalKind.Leave => ["from", "to", "reason"],
        _ => [],
    };

    /// <summary>
    /// Reads the new resolution time of a third-party request: China time as "yyyy-MM-dd HH:mm" (the
    /// form's format) or ISO 8601 with an offset. Returns UTC.
    /// </summary>
    public static bool TryParseDeadline(string? text, out DateTime utc)
    {
        utc = default;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        var culture = System.Globalization.CultureInfo.InvariantCulture;
        if (DateTime.TryParseExact(text.Trim(), ["yyyy-MM-dd HH:mm", "yyyy-MM-dd HH:mm:ss", "yyyy-MM-ddTHH:mm", "yyyy-MM-ddTHH:mm:ss"], culture, System.Globalization.DateTimeStyles.None, out var local))
        {
            utc = ChinaTime.ToUtc(local);
            return true;
        }

        if (DateTimeOffset.TryParse(text.Trim(), culture, System.Globalization.DateTimeStyles.None, out var withOffset) && text.Contains('T', StringComparison.Ordinal))
        {
            utc = withOffset.UtcDateTime;
            return true;
        }

        return false;
    }

    /// <summary>The state a request is in now: a pending request past its expiry is expired.</summary>
    public static ApprovalState Effective(ApprovalRequest request, DateTime nowUtc) =>
        request.State == ApprovalState.Pending && request.VerbalConfirmedAt is null && request.ExpiresAt is { } expires && nowUtc >= expires
            ? ApprovalState.Expired
            : request.State;

    /// <summary>
    /// The state after an action, or the resource key of why it is refused. Only pending requests
    /// move; deciders approve or reject, the requester withdraws.
    /// </summary>
    public static (ApprovalState? State, string? Error) Apply(ApprovalRequest request, ApprovalAction action, DateTime nowUtc, bool isDecider, bool isRequester)
    {
        // Work already done on a verbal confirmation cannot be taken back by withdrawing the request.
        if (action == ApprovalAction.Withdraw && request.VerbalConfirmedAt is not null && request.State == ApprovalState.Pending)
        {
            return (null, "Approval.Error.DebtCannotBeWithdrawn");
        }

        var current = Effective(request, nowUtc);
        if (current != ApprovalState.Pending)
        {
            return (null, current == ApprovalState.Expired ? "Approval.Error.Expired" : "Approval.Error.AlreadyDecided");
        }

        return action switch
        {
            ApprovalAction.Approve when isDecider => (ApprovalState.Approved, null),
            ApprovalAction.Reject when isDecider => (ApprovalState.Rejected, null),
            ApprovalAction.Withdraw when isRequester => (ApprovalState.Withdrawn, null),
            _ => (null, "Approval.Error.NotAllowed"),
        };
    }
}
