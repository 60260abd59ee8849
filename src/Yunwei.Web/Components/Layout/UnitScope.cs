using Yunwei.Web.Features.Units;
using Yunwei.Web.Platform;

namespace Yunwei.Web.Components.Layout;

/// <summary>
/// The units the user may see and the one they work in now (cascaded by the main layout). Provider
/// staff switch between units; client users have one.
/// </summary>
public sealed record UnitScope(IReadOnlyList<UnitSummary> Units, UnitSummary? Current)
{
    public const string CookieName = "yunwei.unit";

    public static UnitScope Choose(IReadOnlyList<UnitSummary> units, string? selected) =>
        new(units, units.FirstOrDefault(u => u.Id.ToString() == selected) ?? units.FirstOrDefault(u => u.IsActive) ?? (units.Count > 0 ? units[0] : null));
}
