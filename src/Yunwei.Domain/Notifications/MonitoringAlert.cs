using Yunwei.Domain.Faults;

namespace Yunwei.Domain.Notifications;

public enum AlertSource
{
    /// <summary>Prometheus Alertmanager webhook (payload version 4).</summary>
    Alertmanager = 0,

    /// <summary>A Zabbix webhook media type posting Yunwei's documented JSON (docs/alerts.md).</summary>
    Zabbix = 1,
}

/// <summary>
/// A monitoring alert tied to the fault it opened: repeated firings of the same alert (its
/// fingerprint) update that fault instead of opening another, and its resolution records restoration.
/// </summary>
public sealed class MonitoringAlert : IUnitOwned
{
    public Guid Id { get; set; } = Guid.CreateVersion7();

    public Guid ClientUnitId { get; set; }

    public AlertSource Source { get; set; }

    /// <summary>Alertmanager's fingerprint, or Zabbix's problem event id.</summary>
    public string Fingerprint { get; set; } = "";

    public string Name { get; set; } = "";

    public Guid FaultId { get; set; }

    public bool Firing { get; set; }

    public DateTime FirstFiredAt { get; set; }

    public DateTime LastFiredAt { get; set; }

    public DateTime? ResolvedAt { get; set; }

    public int Firings { get; set; }
}

/// <summary>A secret a unit gives a system to post to it (monitoring alerts); only its hash is kept.</summary>
public sealed class IntegrationToken : IUnitOwned
{
    public const string AlertsPurpose = "alerts";

    public Guid Id { get; set; } = Guid.CreateVersion7();

    public Guid ClientUnitId { get; set; }

    public string Purpose { get; set; } = AlertsPurpose;

    public string Name { get; set; } = "";

    public string TokenHash { get; set; } = "";

    /// <summary>The first characters, to tell tokens apart without showing them.</summary>
    public string Hint { get; set; } = "";

    public DateTime CreatedAt { get; set; }

    public string? CreatedBy { get; set; }

    public DateTime? LastUsedAt { get; set; }

    public DateTime? RevokedAt { get; set; }
}

public static class AlertRules
{
    /// <summary>
    /// The fault level for an alert's severity, or null when it is informational (no fault).
    /// Alertmanager: the <c>severity</c> label; Zabbix: the trigger severity name.
    /// </summary>
    public static FaultLevel? Level(AlertSource source, string? severity)
    {
        var s = severity?.Trim().ToUpperInvariant() ?? "";
        return source switch
        {
            AlertSource.Zabbix => s switch
            {
                "DISASTER" => FaultLevel.Level1,
                "HIGH" => FaultLevel.Level2,
                "AVERAGE" or "WARNING" => FaultLevel.Level3,
                _ => null,
            },
            _ => s switch
            {
                "CRITICAL" or "PAGE" or "DISASTER" => FaultLevel.Level1,
                "MAJOR" or "ERROR" or "HIGH" => FaultLevel.Level2,
                "INFO" or "INFORMATION" or "NONE" => null,
                _ => FaultLevel.Level3,
            },
        };
    }

    /// <summary>The host part of an instance label ("10.0.0.5:9100", "[::1]:9100", "db01").</summary>
    public static string Host(string? instance)
    {
        var text = instance?.Trim() ?? "";
        if (text.StartsWith('['))
        {
            var end = text.IndexOf(']', StringComparison.Ordinal);
            return end > 0 ? text[1..end] : text;
        }

        return text.Count(c => c == ':') == 1 ? text[..text.IndexOf(':', StringComparison.Ordinal)] : text;
    }
}
