using Microsoft.EntityFrameworkCore;
using Yunwei.Domain.Notifications;
using Yunwei.Web.Infrastructure;

namespace Yunwei.Web.Features.Notifications;

public sealed partial class ChannelDispatchHandler
{
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
}
