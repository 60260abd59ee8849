using System.Globalization;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Yunwei.Data;
using Yunwei.Domain.Notifications;
using Yunwei.Web.Infrastructure;
using Yunwei.Web.Platform;

namespace Yunwei.Web.Features.Notifications;

/// <summary>
/// Hands the outbox (notification rows) to the units' robots and webhooks: each event once per
/// channel (a unique delivery row), in Chinese, at most 20 a minute per channel (the rest wait),
/// retried with exponential backoff and finally marked failed with the reason.
/// </summary>
public sealed class ChannelDispatchHandler(
    IDbContextFactory<YunweiDbContext> dbFactory, IHttpClientFactory httpFactory, EmailSender email, IDataProtectionProvider protection,
    MessageTexts texts, IConfiguration configuration, TimeProvider time, ILogger<ChannelDispatchHandler> logger)
{
    public const string Protector = "Yunwei.Notifications.ChannelSecret";

    /// <summary>Queues what is new (the rules' extra recipients, personal mail, channel messages), then sends what is due; returns the messages sent.</summary>
    public async Task<int> RunAsync(CancellationToken cancellationToken = default)
    {
        await texts.EnsureLoadedAsync(cancellationToken);
        await QueueAsync(cancellationToken);
        return await SendAsync(cancellationToken) + await SendMailAsync(cancellationToken);
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
        foreach (var n in batch)
        {
            n.Queued = true;
        }

        // The units' rules add recipients (the duty engineer on shift now, leadership, a role) to each event.
        batch.AddRange(await RuleRecipientsAsync(db, batch, unitIds, now, cancellationToken));
        await MarkMailAsync(db, batch, now, cancellationToken);

        // What is already queued for these events (one query, not one per event and channel).
        var keys = batch.Select(n => n.DedupKey).Distinct().ToList();
        var channelIds = channels.Select(c => c.Id).ToList();
        var queued = (await db.ChannelDeliveries.Where(d => channelIds.Contains(d.ChannelId) && keys.Contains(d.EventKey))
            .Select(d => new { d.ChannelId, d.EventKey }).ToListAsync(cancellationToken)).Select(d => (d.ChannelId, d.EventKey)).ToHashSet();
        foreach (var ev in batch.Where(n => n.ClientUnitId != null).GroupBy(n => (Unit: n.ClientUnitId!.Value, n.DedupKey)))
        {
            var first = ev.First();
            // Messages to the units' groups are written in Chinese, whoever runs the dispatcher.
            var text = texts.Format(first.MessageKey, first.Args, "zh-CN");
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

    /// <summary>The people the units' rules add to the events of a batch (one notification each, never twice).</summary>
    private static async Task<List<Notification>> RuleRecipientsAsync(YunweiDbContext db, List<Notification> batch, List<Guid> unitIds, DateTime now, CancellationToken cancellationToken)
    {
        var rules = await db.NotificationRules.AsNoTracking().Where(r => unitIds.Contains(r.ClientUnitId) && r.Enabled).ToListAsync(cancellationToken);
        if (rules.Count == 0)
        {
            return [];
        }

        var audiences = new Dictionary<(Guid Unit, RuleAudience Audience, string? Role), List<Guid>>();
        async Task<List<Guid>> AudienceAsync(NotificationRule rule)
        {
            var key = (rule.ClientUnitId, rule.Audience, rule.Role);
            if (!audiences.TryGetValue(key, out var ids))
            {
                audiences[key] = ids = rule.Audience switch
                {
                    RuleAudience.DutyEngineer => await OnDuty.EngineersAsync(db, rule.ClientUnitId, now, cancellationToken),
                    RuleAudience.Leadership => await LeadershipAsync(db, rule.ClientUnitId, cancellationToken),
                    _ => await NotificationWriter.MembersAsync(db, rule.ClientUnitId, [rule.Role ?? ""], cancellationToken),
                };
            }

            return ids;
        }

        // Who each event's rules name, beyond the people the event already has.
        var wanted = new List<(Notification First, HashSet<Guid> Recipients)>();
        foreach (var ev in batch.Where(n => n.ClientUnitId != null).GroupBy(n => (Unit: n.ClientUnitId!.Value, n.DedupKey)))
        {
            var first = ev.First();
            var recipients = new HashSet<Guid>();
            foreach (var rule in rules.Where(r => r.ClientUnitId == ev.Key.Unit && Delivery.Matches(r.Event, first.MessageKey) && (!r.UrgentOnly || first.Urgent)))
            {
                recipients.UnionWith(await AudienceAsync(rule));
            }

            recipients.ExceptWith(ev.Select(n => n.RecipientId));
            if (recipients.Count > 0)
            {
                wanted.Add((first, recipients));
            }
        }

        if (wanted.Count == 0)
        {
            return [];
        }

        // Those told of an event in an earlier pass (one query for the batch), never twice.
        var keys = wanted.Select(w => w.First.DedupKey).ToList();
        var told = (await db.Notifications.Where(n => keys.Contains(n.DedupKey)).Select(n => new { n.DedupKey, n.RecipientId }).ToListAsync(cancellationToken))
            .Select(n => (n.DedupKey, n.RecipientId)).ToHashSet();
        var added = new List<Notification>();
        foreach (var (first, recipients) in wanted)
        {
            foreach (var recipient in recipients.Where(r => !told.Contains((first.DedupKey, r))))
            {
                var n = new Notification
                {
                    RecipientId = recipient,
                    ClientUnitId = first.ClientUnitId,
                    MessageKey = first.MessageKey,
                    Args = [.. first.Args],
                    Link = first.Link,
                    DedupKey = first.DedupKey,
                    Urgent = first.Urgent,
                    CreatedAt = now,
                    Queued = true,
                };
                db.Notifications.Add(n);
                added.Add(n);
            }
        }

        return added;
    }

    /// <summary>Leadership accounts of the unit, and the accounts whose address is a leadership contact of the unit's contract.</summary>
    private static async Task<List<Guid>> LeadershipAsync(YunweiDbContext db, Guid unitId, CancellationToken cancellationToken)
    {
        var ids = await NotificationWriter.MembersAsync(db, unitId, [Domain.Administration.Roles.Leadership], cancellationToken);
        var contacts = (await db.ServiceContracts.AsNoTracking().Where(c => c.ClientUnitId == unitId).ToListAsync(cancellationToken))
            .SelectMany(c => c.LeadershipContacts).Select(c => c.Email?.Trim().ToUpperInvariant()).OfType<string>().Where(e => e.Length > 0).Distinct().ToList();
        if (contacts.Count > 0)
        {
            ids.AddRange(await db.Users.Where(u => u.IsActive && u.NormalizedEmail != null && contacts.Contains(u.NormalizedEmail)).Select(u => u.Id).ToListAsync(cancellationToken));
        }

        return [.. ids.Distinct()];
    }

    /// <summary>Marks the notifications that also go by mail (address, preference, not muted) and when: now, or after the person's quiet hours unless urgent.</summary>
    private async Task MarkMailAsync(YunweiDbContext db, List<Notification> batch, DateTime now, CancellationToken cancellationToken)
    {
        if (!email.Configured)
        {
            // No mail server (Smtp:Host): the in-app centre and the channels carry everything.
            return;
        }

        var ids = batch.Select(n => n.RecipientId).Distinct().ToList();
        var people = await db.Users.AsNoTracking().Where(u => ids.Contains(u.Id) && u.IsActive && u.Email != null && u.NotifyByEmail)
            .Select(u => new { u.Id, u.QuietFrom, u.QuietTo, u.MutedEvents }).ToDictionaryAsync(u => u.Id, cancellationToken);
        foreach (var n in batch)
        {
            if (people.TryGetValue(n.RecipientId, out var person) && !person.MutedEvents.Any(m => Delivery.Matches(m, n.MessageKey)))
            {
                n.Mail = PersonalMail.Pending;
                n.MailDueAt = Delivery.MailDue(now, person.QuietFrom, person.QuietTo, n.Urgent);
            }
        }
    }

    /// <summary>Sends the personal mails that are due, each in its reader's language; retried like the channels, then marked failed.</summary>
    private async Task<int> SendMailAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow().UtcDateTime;
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var due = await db.Notifications.Where(n => n.Mail == PersonalMail.Pending && n.MailDueAt <= now).OrderBy(n => n.MailDueAt).Take(100).ToListAsync(cancellationToken);
        if (due.Count == 0)
        {
            return 0;
        }

        var ids = due.Select(n => n.RecipientId).Distinct().ToList();
        var people = await db.Users.AsNoTracking().Where(u => ids.Contains(u.Id)).Select(u => new { u.Id, u.Email, u.DisplayName, u.Culture }).ToDictionaryAsync(u => u.Id, cancellationToken);
        var sent = 0;
        foreach (var n in due)
        {
            if (!people.TryGetValue(n.RecipientId, out var person) || person.Email is not { Length: > 0 } address || !MimeKit.MailboxAddress.TryParse(address, out var to))
            {
                (n.Mail, n.MailError) = (PersonalMail.Failed, "no valid address");
                continue;
            }

            to.Name = person.DisplayName;
            var text = texts.Format(n.MessageKey, n.Args, person.Culture);
            var title = person.Culture == "en" ? (n.Urgent ? "[Urgent] Operations notice" : "Operations notice") : (n.Urgent ? "【紧急】运维通知" : "运维通知");
            var link = n.Link is { } path && configuration["App:PublicUrl"] is { Length: > 0 } baseUrl ? baseUrl.TrimEnd('/') + path : n.Link;
            var error = await email.SendAsync([to], title + "：" + Format.Clip(text, 60), text, link, cancellationToken);
            n.MailAttempts++;
            if (error is null)
            {
                (n.Mail, n.MailError) = (PersonalMail.Sent, null);
                sent++;
            }
            else
            {
                n.MailError = Format.Clip(error, 1000);
                if (n.MailAttempts >= ChannelRules.MaxAttempts)
                {
                    n.Mail = PersonalMail.Failed;
                }
                else
                {
                    n.MailDueAt = now + ChannelRules.Backoff(n.MailAttempts);
                }
            }
        }

        await db.SaveChangesAsync(cancellationToken);
        return sent;
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
            return await email.SendAsync(EmailSender.Recipients(channel.Url) ?? [], delivery.Title + "：" + Format.Clip(delivery.Text, 60), delivery.Text, link, cancellationToken);
        }

        var url = channel.Url;
        object body;
        switch (channel.Kind)
        {
            case ChannelKind.WeCom:
                body = channel.MentionMobiles.Count > 0
                    ? new { msgtype = "text", text = new { content = Format.Clip($"{delivery.Title}\n{delivery.Text}{(link is null ? "" : "\n" + link)}", 2000), mentioned_mobile_list = channel.MentionMobiles } }
                    : new { msgtype = "markdown", markdown = new { content = Format.Clip(markdown, 4000) } };
                break;
            case ChannelKind.DingTalk:
                body = new { msgtype = "markdown", markdown = new { title = delivery.Title, text = Format.Clip(markdown + mentions, 4000) }, at = new { atMobiles = channel.MentionMobiles, isAtAll = false } };
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

/// <summary>Runs the channel dispatcher every few seconds (Notifications:Dispatcher, by default with the SLA monitor's switch).</summary>
public sealed class ChannelDispatcherService(IServiceScopeFactory scopes, IConfiguration configuration, TimeProvider time, ILogger<ChannelDispatcherService> logger)
    : PeriodicJob(scopes, time, logger)
{
    protected override bool Enabled => configuration.GetValue("Notifications:Dispatcher", configuration.GetValue("Sla:Monitor", true));

    protected override TimeSpan Interval => TimeSpan.FromSeconds(5);

    protected override Task RunOnceAsync(IServiceProvider services, CancellationToken cancellationToken) =>
        services.GetRequiredService<ChannelDispatchHandler>().RunAsync(cancellationToken);
}
