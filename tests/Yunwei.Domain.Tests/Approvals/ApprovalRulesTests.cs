using Yunwei.Domain.Administration;
using Yunwei.Domain.Approvals;

namespace Yunwei.Domain.Tests.Approvals;

public class ApprovalRulesTests
{
    private static readonly DateTime Now = new(2026, 11, 27, 2, 0, 0, DateTimeKind.Utc);

    private static ApprovalRequest Pending(DateTime? expires = null) =>
        new() { Title = "重启核心交换机", Kind = ApprovalKind.MajorOperation, State = ApprovalState.Pending, ExpiresAt = expires };

    [Theory]
    [InlineData(ApprovalAction.Approve, true, false, ApprovalState.Approved)]
    [InlineData(ApprovalAction.Reject, true, false, ApprovalState.Rejected)]
    [InlineData(ApprovalAction.Withdraw, false, true, ApprovalState.Withdrawn)]
    public void A_pending_request_moves_by_the_right_persons_action(ApprovalAction action, bool decider, bool requester, ApprovalState expected) =>
        ApprovalRules.Apply(Pending(), action, Now, decider, requester).ShouldBe((expected, null));

    [Theory]
    [InlineData(ApprovalAction.Approve, false, true)]
    [InlineData(ApprovalAction.Reject, false, true)]
    [InlineData(ApprovalAction.Withdraw, true, false)]
    public void Requesters_cannot_decide_and_deciders_cannot_withdraw(ApprovalAction action, bool decider, bool requester) =>
        ApprovalRules.Apply(Pending(), action, Now, decider, requester).ShouldBe((null, "Approval.Error.NotAllowed"));

    [Theory]
    [InlineData(ApprovalState.Approved)]
    [InlineData(ApprovalState.Rejected)]
    [InlineData(ApprovalState.Withdrawn)]
    public void A_decided_request_cannot_be_decided_again(ApprovalState state)
    {
        var request = Pending();
        request.State = state;

        foreach (var action in Enum.GetValues<ApprovalAction>())
        {
            ApprovalRules.Apply(request, action, Now, true, true).ShouldBe((null, "Approval.Error.AlreadyDecided"));
        }
    }

    [Fact]
    public void A_pending_request_past_its_expiry_is_expired_and_cannot_be_approved()
    {
        var request = Pending(expires: Now);

        ApprovalRules.Effective(request, Now.AddSeconds(-1)).ShouldBe(ApprovalState.Pending);
        ApprovalRules.Effective(request, Now).ShouldBe(ApprovalState.Expired);
        ApprovalRules.Apply(request, ApprovalAction.Approve, Now, true, false).ShouldBe((null, "Approval.Error.Expired"));
    }

    [Fact]
    public void Every_kind_is_decided_by_client_roles_and_says_what_it_needs()
    {
        foreach (var kind in Enum.GetValues<ApprovalKind>())
        {
            ApprovalRules.DeciderRoles(kind).ShouldAllBe(r => Roles.PartyOf(r) == Party.Client);
            ApprovalRules.RequiredFields(kind).ShouldNotBeEmpty();
        }

        ApprovalRules.DeciderRoles(ApprovalKind.PartReplacement).ShouldContain(Roles.ClientRepresentative);
        ApprovalRules.RequiredFields(ApprovalKind.MajorOperation).ShouldBe(["operation", "plan", "risk", "rollback", "window"]);
    }
}

public class PaperworkDebtTests
{
    private static readonly DateTime Now = new(2026, 11, 27, 2, 0, 0, DateTimeKind.Utc);

    private static ApprovalRequest Emergency() => new()
    {
        Title = "更换电源模块",
        Kind = ApprovalKind.PartReplacement,
        State = ApprovalState.Pending,
        VerbalConfirmedBy = "赵科长",
        VerbalConfirmedAt = Now.AddHours(-30),
        VerbalChannel = "Phone",
        ExpiresAt = Now.AddHours(-1),
    };

    [Fact]
    public void Work_done_on_a_verbal_confirmation_is_a_debt_that_neither_expires_nor_can_be_withdrawn()
    {
        var request = Emergency();

        ApprovalRules.IsPaperworkDebt(request).ShouldBeTrue();
        ApprovalRules.Effective(request, Now).ShouldBe(ApprovalState.Pending);
        ApprovalRules.Apply(request, ApprovalAction.Withdraw, Now, false, true).ShouldBe((null, "Approval.Error.DebtCannotBeWithdrawn"));
        ApprovalRules.Apply(request, ApprovalAction.Approve, Now, true, false).ShouldBe((ApprovalState.Approved, null));
    }

    [Fact]
    public void Signing_settles_the_debt()
    {
        var request = Emergency();
        request.State = ApprovalState.Approved;

        ApprovalRules.IsPaperworkDebt(request).ShouldBeFalse();
    }
}

public class StockRulesTests
{
    [Theory]
    [InlineData(5, StockReason.Receive, 3, 8)]
    [InlineData(5, StockReason.Consume, 5, 0)]
    [InlineData(5, StockReason.Adjust, -2, 3)]
    [InlineData(0, StockReason.Adjust, 4, 4)]
    public void Movements_change_the_quantity(int current, StockReason reason, int amount, int expected) =>
        StockRules.Move(current, reason, amount).ShouldBe((expected, null));

    [Theory]
    [InlineData(2, StockReason.Consume, 3, "Stock.Error.BelowZero")]
    [InlineData(2, StockReason.Adjust, -3, "Stock.Error.BelowZero")]
    [InlineData(2, StockReason.Receive, 0, "Stock.Error.Amount")]
    [InlineData(2, StockReason.Consume, -1, "Stock.Error.Amount")]
    public void Stock_never_goes_below_zero_and_amounts_make_sense(int current, StockReason reason, int amount, string error) =>
        StockRules.Move(current, reason, amount).ShouldBe((null, error));
}
