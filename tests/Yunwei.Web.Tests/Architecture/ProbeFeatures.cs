// Two probe "features" for FeatureRoomsTests: the reader must find ProbeA using ProbeB.
#pragma warning disable SA1403 // Two namespaces in one file: the probe is one fixture.
namespace Yunwei.Web.Features.ProbeA
{
    internal static class Caller
    {
        public static async Task<int> RunAsync()
        {
            await Task.Yield();
            Func<int> later = () => ProbeB.Callee.Value() + "Yunwei.Web.Features.ProbeC".Length;
            return later();
        }
    }
}

namespace Yunwei.Web.Features.ProbeB
{
    internal static class Callee
    {
        public static int Value() => 1;
    }
}
