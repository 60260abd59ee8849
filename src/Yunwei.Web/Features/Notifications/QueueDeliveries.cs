using Microsoft.EntityFrameworkCore;
using Yunwei.Data;
using Yunwei.Domain.Notifications;
using Yunwei.Web.Platform;

namespace Yunwei.Web.Features.Notifications;

public sealed partial class ChannelDispatchHandler
{
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
}
