using Microsoft.Extensions.Localization;
using Yunwei.Domain.Faults;
using Yunwei.Domain.Sla;
using Yunwei.Web.Infrastructure;

namespace Yunwei.Web.Features.Faults;

/// <summary>Clocks in the reader's language: "why this deadline" lines and remaining time.</summary>
public static class SlaText
{
    public static string Why(IStringLocalizer l, SlaReason reason)
    {
        ArgumentNullException.ThrowIfNull(reason);
        var args = reason.Args.Select(a => Arg(l, a)).ToArray<object>();
        return l[reason.Key, args].Value;
    }

    public static string Arg(IStringLocalizer l, object? value) => value switch
    {
        null => "—",
        DateTime at => Format.DateTime(at),
        TimeSpan span => Format.Duration(l, (int)Math.Round(span.TotalMinutes)),
        FaultLevel level => l["FaultLevel." + level].Value,
        PauseKind kind => l["PauseKind." + kind].Value,
        bool met => l[met ? "Sla.InTime" : "Sla.Late"].Value,
        _ => value.ToString() ?? "",
    };

    /// <summary>"还剩 3 小时 20 分钟" or "已超时 15 分钟".</summary>
    public static string Remaining(IStringLocalizer l, TimeSpan remaining) =>
        remaining >= TimeSpan.Zero
            ? l["Sla.Left", Format.Duration(l, (int)Math.Ceiling(remaining.TotalMinutes))].Value
            : l["Sla.Over", Format.Duration(l, (int)Math.Ceiling(-remaining.TotalMinutes))].Value;

    /// <summary>Urgency colour of remaining time: red when over, orange under a quarter, gold under half, green otherwise.</summary>
    public static string Color(TimeSpan? remaining, TimeSpan? target) => (remaining, target) switch
    {
        ({ } r, _) when r < TimeSpan.Zero => "red",
        ({ } r, { } t) when r < t / 4 => "orange",
        ({ } r, { } t) when r < t / 2 => "gold",
        ({ }, _) => "green",
        _ => "default",
    };
}
