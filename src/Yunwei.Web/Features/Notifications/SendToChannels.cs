using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Yunwei.Domain.Notifications;
using Yunwei.Web.Infrastructure;
using Yunwei.Web.Platform;

namespace Yunwei.Web.Features.Notifications;

public sealed partial class ChannelDispatchHandler
{
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
            return await email.SendAsync(EmailSender.Recipients(channel.Url) ?? [], delivery.Title + "：" + Format.Clip(delivery.Text, 60), delivery.Text, link, cancellationToken);
        }

        var url = channel.Url;
        object body;
        switch (channel.Kind)
        {
            case ChannelKind.WeCom:
                body = channel.MentionMobiles.Count > 0
                    ? new
                    {
                        msgtype = "text",
                        text = new
                        {
                            content = Format.Clip($"{delivery.Title}\n{delivery.Text}{(link is null ? "" : "\n" + link)}", 2000),
                            mentioned_mobile_list = channel.MentionMobiles
                        }
                    }
                    : new { msgtype = "markdown", markdown = new { content = Format.Clip(markdown, 4000) } };
                break;
            case ChannelKind.DingTalk:
                body = new
                {
                    msgtype = "markdown",
                    markdown = new { title = delivery.Title, text = Format.Clip(markdown + mentions, 4000) },
                    at = new { atMobiles = channel.MentionMobiles, isAtAll = false }
                };
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
}
