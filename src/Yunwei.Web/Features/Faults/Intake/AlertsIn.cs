using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.EntityFrameworkCore;
using Yunwei.Data;
using Yunwei.Domain.Faults;
using Yunwei.Domain.Notifications;
using Yunwei.Web.Infrastructure;

namespace Yunwei.Web.Features.Faults.Intake;

public enum AlertOutcome
{
    /// <summary>A new fault was opened.</summary>
    Opened,

    /// <summary>The alert's open fault was updated (repeated or renewed firing).</summary>
    Updated,

    /// <summary>The alert resolved: restoration recorded on its fault.</summary>
    Restored,

    /// <summary>Informational, or a resolution of nothing open: no fault.</summary>
    Ignored,
}

public sealed record AlertResult(string Fingerprint, AlertOutcome Outcome, Guid? FaultId, string? FaultNumber);

/// <summary>One alert as both sources describe it.</summary>
public sealed record IncomingAlert(string Fingerprint, string Name, string? Severity, bool Firing, DateTime At, string? Summary, string? AssetCode, string? Host);

/// <param name="EventValue">1: problem; 0: recovery (Zabbix's {EVENT.VALUE}).</param>
public sealed record ZabbixAlert(
    [property: JsonPropertyName("event_id")] string? EventId,
    [property: JsonPropertyName("event_value")] string? EventValue,
    [property: JsonPropertyName("severity")] string? Severity,
    [property: JsonPropertyName("host")] string? Host,
    [property: JsonPropertyName("host_ip")] string? HostIp,
    [property: JsonPropertyName("trigger_name")] string? TriggerName,
    [property: JsonPropertyName("message")] string? Message);

/// <summary>
/// Monitoring alerts in (Prometheus Alertmanager, Zabbix): a unit's token (hashed, revocable) says
/// whose they are; a firing alert opens a fault through the same intake as every report, on the
/// asset matched by its code label or IP, with the severity mapped to a level; repeated firings
/// update that fault; a resolved alert records restoration on it.
/// </summary>
public sealed class AlertsInHandler(IDbContextFactory<YunweiDbContext> dbFactory, ReportFaultHandler intake, RecordFaultActionHandler actions, TimeProvider time)
{
    public const int MaxAlerts = 100;

    /// <summary>The unit a bearer token belongs to, or null (unknown, revoked, not an alerts token).</summary>
    public async Task<Guid?> UnitOfAsync(string? authorization, CancellationToken cancellationToken)
    {
        var token = authorization is { } h && h.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) ? h["Bearer ".Length..].Trim() : null;
        if (string.IsNullOrEmpty(token) || token.Length > 200)
        {
            return null;
        }

        var hash = AccessTokens.Hash(token);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var found = await db.IntegrationTokens.IgnoreQueryFilters()
            .FirstOrDefaultAsync(t => t.TokenHash == hash && t.Purpose == IntegrationToken.AlertsPurpose && t.RevokedAt == null, cancellationToken);
        if (found is null)
        {
            return null;
        }

        var now = time.GetUtcNow().UtcDateTime;
        if (found.LastUsedAt is null || now - found.LastUsedAt.Value > TimeSpan.FromMinutes(1))
        {
            found.LastUsedAt = now;
            await db.SaveChangesAsync(cancellationToken);
        }

        return found.ClientUnitId;
    }

    /// <summary>Reads an Alertmanager webhook (version 4): the alerts, or the field errors.</summary>
    public static Outcome<IReadOnlyList<IncomingAlert>> ParseAlertmanager(JsonElement payload)
    {
        var errors = new ValidationErrors();
        if (payload.ValueKind != JsonValueKind.Object || !payload.TryGetProperty("alerts", out var alerts) || alerts.ValueKind != JsonValueKind.Array)
        {
            return Outcome<IReadOnlyList<IncomingAlert>>.Invalid(errors.Add("alerts", "Alert.Error.NoAlerts"));
        }

        if (alerts.GetArrayLength() is 0 or > MaxAlerts)
        {
            return Outcome<IReadOnlyList<IncomingAlert>>.Invalid(errors.Add("alerts", "Alert.Error.Count", MaxAlerts));
        }

        var list = new List<IncomingAlert>();
        var i = 0;
        foreach (var alert in alerts.EnumerateArray())
        {
            string? Text(JsonElement e, string name) => e.ValueKind == JsonValueKind.Object && e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
            var labels = alert.ValueKind == JsonValueKind.Object && alert.TryGetProperty("labels", out var l) ? l : default;
            var annotations = alert.ValueKind == JsonValueKind.Object && alert.TryGetProperty("annotations", out var a) ? a : default;
            var status = Text(alert, "status");
            var name = Text(labels, "alertname");
            var fingerprint = Text(alert, "fingerprint");
            var firing = status == "firing";
            var at = DateTime.TryParse(Text(alert, firing ? "startsAt" : "endsAt"), CultureInfo.InvariantCulture,
                DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var t) ? t : (DateTime?)null;
            if (status is not ("firing" or "resolved") || string.IsNullOrWhiteSpace(name) || string.IsNullOrWhiteSpace(fingerprint) || fingerprint.Length > 200 || at is null)
            {
                errors.Add($"alerts[{i}]", "Alert.Error.Alert");
            }
            else
            {
                list.Add(new IncomingAlert(
                    fingerprint, Format.Clip(name, 200), Text(labels, "severity"), firing, at.Value,
                    Text(annotations, "summary") ?? Text(annotations, "description") ?? Text(annotations, "message"),
                    Text(labels, "asset") ?? Text(labels, "asset_code"), AlertRules.Host(Text(labels, "instance"))));
            }

            i++;
        }

        return errors.IsEmpty ? Outcome<IReadOnlyList<IncomingAlert>>.Ok(list) : Outcome<IReadOnlyList<IncomingAlert>>.Invalid(errors);
    }

    /// <summary>Reads Yunwei's Zabbix webhook payload (docs/alerts.md).</summary>
    public static Outcome<IReadOnlyList<IncomingAlert>> ParseZabbix(ZabbixAlert? payload)
    {
        var errors = new ValidationErrors();
        if (payload is null || string.IsNullOrWhiteSpace(payload.EventId) || payload.EventId.Length > 200)
        {
            errors.Add("event_id", "Validation.Required");
        }

        if (payload?.EventValue is not ("0" or "1"))
        {
            errors.Add("event_value", "Alert.Error.EventValue");
        }

        if (string.IsNullOrWhiteSpace(payload?.TriggerName))
        {
            errors.Add("trigger_name", "Validation.Required");
        }

        if (!errors.IsEmpty)
        {
            return Outcome<IReadOnlyList<IncomingAlert>>.Invalid(errors);
        }

        return Outcome<IReadOnlyList<IncomingAlert>>.Ok(
        [
            new IncomingAlert(payload!.EventId!.Trim(), Format.Clip(payload.TriggerName!.Trim(), 200), payload.Severity, payload.EventValue == "1", DateTime.MinValue,
                payload.Message, null, string.IsNullOrWhiteSpace(payload.HostIp) ? payload.Host?.Trim() : payload.HostIp.Trim()),
        ]);
    }

    /// <summary>Acts on each alert for the unit (the caller has checked the token and acts as the system).</summary>
    public async Task<IReadOnlyList<AlertResult>> ReceiveAsync(Guid unitId, AlertSource source, IReadOnlyList<IncomingAlert> alerts, CancellationToken cancellationToken = default)
    {
        var results = new List<AlertResult>();
        foreach (var alert in alerts)
        {
            results.Add(await ReceiveAsync(unitId, source, alert, cancellationToken));
        }

        return results;
    }

    private async Task<AlertResult> ReceiveAsync(Guid unitId, AlertSource source, IncomingAlert alert, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var at = alert.At == DateTime.MinValue || alert.At > now ? now : alert.At;
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var open = await (from a in db.MonitoringAlerts
                          join f in db.Faults on a.FaultId equals f.Id
                          where a.ClientUnitId == unitId && a.Source == source && a.Fingerprint == alert.Fingerprint
                                && f.State != FaultState.Resolved && f.State != FaultState.Confirmed && f.State != FaultState.Closed
                          orderby a.FirstFiredAt descending
                          select new { Alert = a, f.Number, f.Revision }).FirstOrDefaultAsync(cancellationToken);
        if (!alert.Firing)
        {
            if (open is null || !open.Alert.Firing)
            {
                return new AlertResult(alert.Fingerprint, AlertOutcome.Ignored, open?.Alert.FaultId, open?.Number);
            }

            (open.Alert.Firing, open.Alert.ResolvedAt) = (false, at);
            await db.SaveChangesAsync(cancellationToken);
            var restore = new FaultActionRequest(FaultAction.Restore, open.Revision, At: at, Text: $"监控告警已恢复：{alert.Name}");
            var restored = await actions.HandleAsync(open.Alert.FaultId, restore, cancellationToken);
            if (restored.Status != FaultActionStatus.Done)
            {
                // Restored earlier by hand, or the fault moved on: the recovery is kept on the timeline.
                var revision = await db.Faults.Where(f => f.Id == open.Alert.FaultId).Select(f => f.Revision).FirstAsync(cancellationToken);
                await actions.HandleAsync(open.Alert.FaultId, new FaultActionRequest(FaultAction.Note, revision, Text: $"监控告警已恢复：{alert.Name}"), cancellationToken);
            }

            return new AlertResult(alert.Fingerprint, AlertOutcome.Restored, open.Alert.FaultId, open.Number);
        }

        if (open is not null)
        {
            if (!open.Alert.Firing)
            {
                await actions.HandleAsync(open.Alert.FaultId, new FaultActionRequest(FaultAction.Note, open.Revision, Text: $"监控告警再次触发：{alert.Name}"), cancellationToken);
            }

            (open.Alert.Firing, open.Alert.LastFiredAt, open.Alert.ResolvedAt) = (true, at, null);
            open.Alert.Firings++;
            await db.SaveChangesAsync(cancellationToken);
            return new AlertResult(alert.Fingerprint, AlertOutcome.Updated, open.Alert.FaultId, open.Number);
        }

        if (AlertRules.Level(source, alert.Severity) is not { } level)
        {
            return new AlertResult(alert.Fingerprint, AlertOutcome.Ignored, null, null);
        }

        // Where: the asset by its code label, else by IP or host name; else the unit's top location.
        var asset = await db.Assets.AsNoTracking().Where(a => a.ClientUnitId == unitId
                && ((alert.AssetCode != null && a.Code == alert.AssetCode) || (alert.Host != null && alert.Host != "" && (a.IpAddress == alert.Host || a.Code == alert.Host))))
            .Select(a => (Guid?)a.Id).FirstOrDefaultAsync(cancellationToken);
        var location = asset is null
            ? await db.Locations.AsNoTracking().Where(l => l.ClientUnitId == unitId).OrderBy(l => l.ParentId != null).ThenBy(l => l.SortOrder)
                .Select(l => (Guid?)l.Id).FirstOrDefaultAsync(cancellationToken)
            : null;
        var reported = await intake.HandleAsync(unitId, new ReportFaultRequest(
            Title: Format.Clip($"[{source}] {alert.Name}{(string.IsNullOrEmpty(alert.Host) ? "" : " " + alert.Host)}", 200),
            Description: Format.Clip($"{alert.Summary ?? alert.Name}\n{source} · {alert.Severity} · {alert.Host}{(asset is null ? "\n未匹配到资产" : "")}", 4000),
            AssetId: asset,
            LocationId: location,
            CallerName: source.ToString(),
            SuggestedLevel: level,
            Channel: FaultChannel.Monitoring), $"alert:{source}:{alert.Fingerprint}:{at.Ticks}", cancellationToken: cancellationToken);
        if (reported.Value is not { } fault)
        {
            return new AlertResult(alert.Fingerprint, AlertOutcome.Ignored, null, null);
        }

        db.MonitoringAlerts.Add(new MonitoringAlert
        {
            ClientUnitId = unitId,
            Source = source,
            Fingerprint = alert.Fingerprint,
            Name = alert.Name,
            FaultId = fault.Id,
            Firing = true,
            FirstFiredAt = at,
            LastFiredAt = at,
            Firings = 1,
        });
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            // The same firing delivered twice at once: the intake returned the same fault; its link exists.
        }

        return new AlertResult(alert.Fingerprint, fault.Replayed ? AlertOutcome.Updated : AlertOutcome.Opened, fault.Id, fault.Number);
    }

}
