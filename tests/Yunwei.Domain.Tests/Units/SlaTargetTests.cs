using Yunwei.Domain.Faults;
using Yunwei.Domain.Units;

namespace Yunwei.Domain.Tests.Units;

public class SlaTargetTests
{
    [Theory]
    [InlineData(FaultLevel.Level1, 10, 240, 720)]
    [InlineData(FaultLevel.Level2, 30, 480, 1440)]
    [InlineData(FaultLevel.Level3, 60, null, 2880)]
    public void Defaults_follow_contract_section_3(FaultLevel level, int response, int? restore, int resolve)
    {
        var target = SlaTarget.Defaults().Single(t => t.Level == level);

        target.ResponseMinutes.ShouldBe(response);
        target.RestoreMinutes.ShouldBe(restore);
        target.ResolveMinutes.ShouldBe(resolve);
        target.Validate().ShouldBeEmpty();
    }

    [Theory]
    [InlineData(0, 60, 120, "Validation.Sla.ResponsePositive")]
    [InlineData(10, 0, 120, "Validation.Sla.RestorePositive")]
    [InlineData(10, 60, 0, "Validation.Sla.ResolvePositive")]
    [InlineData(10, 200, 120, "Validation.Sla.RestoreAfterResolve")]
    [InlineData(300, 60, 120, "Validation.Sla.ResponseAfterResolve")]
    public void Invalid_targets_name_their_problem(int response, int restore, int resolve, string expected)
    {
        var target = new SlaTarget { Level = FaultLevel.Level1, ResponseMinutes = response, RestoreMinutes = restore, ResolveMinutes = resolve };

        target.Validate().ShouldContain(expected);
    }

    [Fact]
    public void A_contract_without_a_target_for_a_level_falls_back_to_the_default()
    {
        var contract = new ServiceContract { Title = "t", SlaTargets = [new SlaTarget { Level = FaultLevel.Level1, ResponseMinutes = 5, RestoreMinutes = 60, ResolveMinutes = 120 }] };

        contract.TargetFor(FaultLevel.Level1).ResponseMinutes.ShouldBe(5);
        contract.TargetFor(FaultLevel.Level3).ResolveMinutes.ShouldBe(48 * 60);
    }
}
