using System.Globalization;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Yunwei.Data;
using Yunwei.Domain.Notifications;
using Yunwei.Web.Infrastructure;

namespace Yunwei.Web.Features.Notifications;

/// <summary>
/// Hands the outbox (notification rows) to the units' robots and webhooks: each event once per
/// channel (a unique delivery row), in Chinese, at most 20 a minute per channel (the rest wait),
/// retried with exponential backoff and finally marked failed with the reason.
/// </summary>
public sealed class ChannelDispatchHandler(
    IDbContextFactory<YunweiDbContext> dbFactory, IHttpClientFactory httpFactory, EmailSender email, IDataProtectionProvider protection,
    IStringLocalizerFactory localizers, IConfiguration configuration, TimeProvider time, ILogger<ChannelDispatchHandler> logger)
{
    public const string Protector = "Yunwei.Notifications.ChannelSecret";

    /// <summary>Queues what is new, then sends what is due; returns the messages sent.</summary>
    public async Task<int> RunAsync(CancellationToken cancellationToken = default)
    {
        // Messages to the units' groups are written in Chinese, whoever runs the dispatcher.
        var previous = CultureInfo.CurrentUICulture;
        CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo("zh-CN");
        try
        {
            await QueueAsync(cancellationToken);
        }
        finally
        {
            CultureInfo.CurrentUICulture = previous;
        }

        return await SendAsync(cancellationToken);
    }

    private async Task QueueAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow().UtcDateTime;
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var batch = await db.Notifications.Where(n => !n.Queued).OrderBy(n => n.CreatedAt).Take(500).ToListAsync(cancellationToken);
        if (batch.Count == 0)
        {
            return;
        }

        var unitIds = batch.Where(n => n.ClientUnitId != null).Select(n => n.ClientUnitId!.Value).Distinct().ToList();
        var channels = await db.NotificationChannels.AsNoTracking().Where(c => unitIds.Contains(c.ClientUnitId) && c.Enabled).ToListAsync(cancellationToken);
        var l = localizers.Create(typeof(SharedResource));
        foreach (var n in batch)
        {
            n.Queued = true;
        }

        // What is already queued for these events (one query, not one per event and channel).
        var keys = batch.Select(n => n.DedupKey).Distinct().ToList();
        var channelIds = channels.Select(c => c.Id).ToList();
        var queued = (await db.ChannelDeliveries.Where(d => channelIds.Contains(d.ChannelId) && keys.Contains(d.EventKey))
            .Select(d => new { d.ChannelId, d.EventKey }).ToListAsync(cancellationToken)).Select(d => (d.ChannelId, d.EventKey)).ToHashSet();
        foreach (var ev in batch.Where(n => n.ClientUnitId != null).GroupBy(n => (Unit: n.ClientUnitId!.Value, n.DedupKey)))
        {
            var first = ev.First();
            var text = l[first.MessageKey, [.. first.Args.Select(a => (object)(a.Contains('.', StringComparison.Ordinal) && !a.Contains(' ', StringComparison.Ordinal) && l[a].ResourceNotFound == false ? l[a].Value : a))]].Value;
            foreach (var channel in channels.Where(c => c.ClientUnitId == ev.Key.Unit && ChannelRules.Carries(c, first.MessageKey)))
            {
                if (!queued.Add((channel.Id, ev.Key.DedupKey)))
                {
                    continue;
                }

                db.ChannelDeliveries.Add(new ChannelDelivery
                {
                    ClientUnitId = channel.ClientUnitId,
                    ChannelId = channel.Id,
                    EventKey = ev.Key.DedupKey,
                    Title = first.Urgent ? "【紧急】运维通知" : "运维通知",
                    Text = text,
                    Link = first.Link,
                    NextAttemptAt = now,
                    CreatedAt = now,
                });
            }
        }

        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            // Another host queued the same events at the same moment: its rows stand; this pass retries nothing.
        }
    }

    private async Task<int> SendAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow().UtcDateTime;
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var due = await db.ChannelDeliveries.Where(d => d.State == DeliveryState.Pending && d.NextAttemptAt <= now).OrderBy(d => d.CreatedAt).Take(200).ToListAsync(cancellationToken);
        if (due.Count == 0)
        {
            return 0;
        }

        var channelIds = due.Select(d => d.ChannelId).Distinct().ToList();
        var channels = await db.NotificationChannels.AsNoTracking().Where(c => channelIds.Contains(c.Id)).ToDictionaryAsync(c => c.Id, cancellationToken);
        var minuteAgo = now.AddMinutes(-1);
        var sentLastMinute = await db.ChannelDeliveries.Where(d => channelIds.Contains(d.ChannelId) && d.SentAt >= minuteAgo)
            .GroupBy(d => d.ChannelId).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count, cancellationToken);
        var sent = 0;
        foreach (var delivery in due)
        {
            var channel = channels[delivery.ChannelId];
            var used = sentLastMinute.GetValueOrDefault(channel.Id);
            if (used >= ChannelRules.PerMinute)
            {
                // The robot's limit: wait for the minute to pass, never drop.
                delivery.NextAttemptAt = now.AddSeconds(60);
                continue;
            }

            var error = await SendOneAsync(channel, delivery, cancellationToken);
            delivery.Attempts++;
            if (error is null)
            {
                (delivery.State, delivery.SentAt, delivery.LastError) = (DeliveryState.Sent, now, null);
                sentLastMinute[channel.Id] = used + 1;
                sent++;
            }
            else
            {
                delivery.LastError = error.Length > 1000 ? error[..1000] : error;
                if (delivery.Attempts >= ChannelRules.MaxAttempts)
                {
                    delivery.State = DeliveryState.Failed;
                    logger.LogWarning("Channel {Channel} gave up on {Event} after {Attempts} attempts", channel.Name, delivery.EventKey, delivery.Attempts);
                }
                else
                {
                    delivery.NextAttemptAt = now + ChannelRules.Backoff(delivery.Attempts);
                }
            }
        }

        await db.SaveChangesAsync(cancellationToken);
        return sent;
    }

    /// <summary>Sends one message; null when the receiver accepted it, else the reason.</summary>
    public async Task<string?> SendOneAsync(NotificationChannel channel, ChannelDelivery delivery, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(channel);
        ArgumentNullException.ThrowIfNull(delivery);
        var secret = channel.ProtectedSecret is { } protectedSecret ? protection.CreateProtector(Protector).Unprotect(protectedSecret) : null;
        var link = delivery.Link is { } path && configuration["App:PublicUrl"] is { Length: > 0 } baseUrl ? baseUrl.TrimEnd('/') + path : delivery.Link;
        var mentions = string.Concat(channel.MentionMobiles.Select(m => " @" + m));
        var markdown = $"**{delivery.Title}**\n\n{delivery.Text}{(link is null ? "" : $"\n\n[查看详情]({link})")}";
        if (channel.Kind == ChannelKind.Email)
        {
            return await email.SendAsync(EmailSender.Recipients(channel.Url) ?? [], delivery.Title + "：" + Clip(delivery.Text, 60), delivery.Text, link, cancellationToken);
        }

        var url = channel.Url;
        object body;
        switch (channel.Kind)
        {
            case ChannelKind.WeCom:
                body = channel.MentionMobiles.Count > 0
                    ? new { msgtype = "text", text = new { content = Clip($"{delivery.Title}\n{delivery.Text}{(link is null ? "" : "\n" + link)}", 2000), mentioned_mobile_list = channel.MentionMobiles } }
                    : new { msgtype = "markdown", markdown = new { content = Clip(markdown, 4000) } };
                break;
            case ChannelKind.DingTalk:
                body = new { msgtype = "markdown", markdown = new { title = delivery.Title, text = Clip(markdown + mentions, 4000) }, at = new { atMobiles = channel.MentionMobiles, isAtAll = false } };
                if (secret is not null)
                {
                    var ts = time.GetUtcNow().ToUnixTimeMilliseconds();
                    url += (url.Contains('?', StringComparison.Ordinal) ? "&" : "?") + $"timestamp={ts.ToString(CultureInfo.InvariantCulture)}&sign={ChannelRules.DingTalkSign(secret, ts)}";
                }

                break;
            default:
                body = new { @event = delivery.EventKey, title = delivery.Title, text = delivery.Text, link, unit = delivery.ClientUnitId, at = delivery.CreatedAt };
                break;
        }

        var json = JsonSerializer.SerializeToUtf8Bytes(body);
        using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new ByteArrayContent(json) };
        request.Content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
        if (channel.Kind == ChannelKind.Webhook && secret is not null)
        {
            request.Headers.Add("X-Yunwei-Signature", ChannelRules.WebhookSignature(secret, json));
        }

        try
        {
            using var client = httpFactory.CreateClient(nameof(ChannelDispatchHandler));
            using var response = await client.SendAsync(request, cancellationToken);
            var answer = await response.Content.ReadAsStringAsync(cancellationToken);
            if (!response.IsSuccessStatusCode)
            {
                return $"HTTP {(int)response.StatusCode}: {answer}";
            }

            // Both robots answer 200 with an error code when they refuse.
            if (channel.Kind != ChannelKind.Webhook && answer.Length > 0)
            {
                using var reply = JsonDocument.Parse(answer);
                if (reply.RootElement.TryGetProperty("errcode", out var code) && code.GetInt32() != 0)
                {
                    return $"errcode {code.GetInt32()}: {(reply.RootElement.TryGetProperty("errmsg", out var msg) ? msg.GetString() : "")}";
                }
            }

            return null;
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException or JsonException)
        {
            return ex.Message;
        }
    }

    private static string Clip(string text, int length) => text.Length <= length ? text : text[..length];
}

/// <summary>Runs the channel dispatcher every few seconds (Notifications:Dispatcher, by default with the SLA monitor's switch).</summary>
public sealed class ChannelDispatcherService(IServiceScopeFactory scopes, IConfiguration configuration, TimeProvider time, ILogger<ChannelDispatcherService> logger)
    : PeriodicJob(scopes, time, logger)
{
    protected override bool Enabled => configuration.GetValue("Notifications:Dispatcher", configuration.GetValue("Sla:Monitor", true));

    protected override TimeSpan Interval => TimeSpan.FromSeconds(5);

    protected override Task RunOnceAsync(IServiceProvider services, CancellationToken cancellationToken) =>
        services.GetRequiredService<ChannelDispatchHandler>().RunAsync(cancellationToken);
}
