using Yunwei.Domain.Assets;

namespace Yunwei.Domain.Tests.Assets;

public class AssetGraphTests
{
    // camera → NVR → access switch → core switch; a second camera on the same NVR; a UPS powering the core.
    private static readonly Guid Camera1 = Guid.NewGuid(), Camera2 = Guid.NewGuid(), Nvr = Guid.NewGuid(),
        Access = Guid.NewGuid(), Core = Guid.NewGuid(), Ups = Guid.NewGuid(), Printer = Guid.NewGuid();

    private static readonly (Guid From, Guid To)[] Edges =
    [
        (Camera1, Nvr), (Camera2, Nvr), (Nvr, Access), (Access, Core), (Core, Ups), (Camera1, Access),
    ];

    [Fact]
    public void A_core_switch_failure_stops_everything_downstream_each_once_at_its_shortest_distance()
    {
        var impact = AssetGraph.Impact(Edges, Core);

        impact.Select(i => i.AssetId).ShouldBe([Access, Nvr, Camera1, Camera2], ignoreOrder: true);
        impact.Single(i => i.AssetId == Access).Distance.ShouldBe(1);
        impact.Single(i => i.AssetId == Camera1).Distance.ShouldBe(2, "the camera also hangs on the access switch directly");
        impact.Single(i => i.AssetId == Camera1).Via.ShouldBe(Access);
        impact.Single(i => i.AssetId == Camera2).Distance.ShouldBe(3);
        impact.Select(i => i.Distance).ShouldBeInOrder();
    }

    [Fact]
    public void The_ups_takes_down_the_whole_chain_and_a_leaf_takes_down_nothing()
    {
        AssetGraph.Impact(Edges, Ups).Select(i => i.AssetId).ShouldBe([Core, Access, Nvr, Camera1, Camera2], ignoreOrder: true);
        AssetGraph.Impact(Edges, Camera2).ShouldBeEmpty();
        AssetGraph.Impact(Edges, Printer).ShouldBeEmpty();
    }

    [Theory]
    [MemberData(nameof(Loops))]
    public void Relations_that_would_close_a_loop_are_detected(Guid from, Guid to, bool loop) =>
        AssetGraph.WouldCreateCycle(Edges, from, to).ShouldBe(loop);

    public static TheoryData<Guid, Guid, bool> Loops => new()
    {
        { Ups, Camera1, true },
        { Nvr, Camera2, true },
        { Core, Core, true },
        { Camera2, Access, false },
        { Printer, Access, false },
        { Ups, Printer, false },
    };

    [Fact]
    public void Impact_terminates_on_graphs_with_loops_that_came_from_elsewhere()
    {
        var a = Guid.NewGuid();
        var b = Guid.NewGuid();

        AssetGraph.Impact([(a, b), (b, a)], a).ShouldBe([new ImpactedAsset(b, 1, a)]);
    }
}
