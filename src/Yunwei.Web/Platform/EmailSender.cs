using MailKit.Net.Smtp;
using MailKit.Security;
using MimeKit;

namespace Yunwei.Web.Platform;

/// <summary>
/// Sends mail (notifications, acknowledgements of mailed fault reports) through the SMTP server of <c>Smtp:*</c> with MailKit: plain text and HTML,
/// the Chinese subject encoded as RFC 2047 by MimeKit. Returns the reason instead of throwing.
/// </summary>
public sealed class EmailSender(IConfiguration configuration)
{
    /// <summary>The addresses of a mailto: URI ("mailto:a@x.cn,b@y.cn"), or null when one does not parse.</summary>
    public static IReadOnlyList<MailboxAddress>? Recipients(string? mailto)
    {
        var text = mailto?.Trim();
        if (text is null || !text.StartsWith("mailto:", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        var list = new List<MailboxAddress>();
        foreach (var part in Uri.UnescapeDataString(text["mailto:".Length..]).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (!MailboxAddress.TryParse(part, out var address) || !address.Address.Contains('@', StringComparison.Ordinal))
            {
                return null;
            }

            list.Add(address);
        }

        return list;
    }

    /// <param name="customize">Adds headers (In-Reply-To, Auto-Submitted) before sending.</param>
    public bool Configured => configuration["Smtp:Host"] is { Length: > 0 };

    /// <summary>The sender of notification mail (Smtp:From).</summary>
    public string From => configuration["Smtp:From"] is { Length: > 0 } from ? from : "运维服务管理平台 <noreply@yunwei.local>";

    public async Task<string?> SendAsync(IReadOnlyList<MailboxAddress> to, string subject, string text, string? link, CancellationToken cancellationToken, Action<MimeMessage>? customize = null)
    {
        ArgumentNullException.ThrowIfNull(to);
        if (configuration["Smtp:Host"] is not { Length: > 0 } host)
        {
            return "SMTP is not configured (Smtp:Host).";
        }

        var message = new MimeMessage { Subject = subject };
        message.From.Add(MailboxAddress.Parse(From));
        message.To.AddRange(to);
        var html = System.Net.WebUtility.HtmlEncode(text).Replace("\n", "<br>", StringComparison.Ordinal)
            + (link is null ? "" : $"<p><a href=\"{System.Net.WebUtility.HtmlEncode(link)}\">查看详情</a></p>");
        // Marks our own mail: a copy coming back into a unit's mailbox is a loop and is ignored.
        message.Headers.Add(Domain.Notifications.MailRules.OwnMailHeader, "1");
        customize?.Invoke(message);
        message.Body = new BodyBuilder { TextBody = text + (link is null ? "" : "\n\n" + link), HtmlBody = $"<html><body><p>{html}</p></body></html>" }.ToMessageBody();
        try
        {
            using var client = new SmtpClient { Timeout = 15_000 };
            var security = Enum.TryParse<SecureSocketOptions>(configuration["Smtp:Security"], true, out var s) ? s : SecureSocketOptions.Auto;
            await client.ConnectAsync(host, configuration.GetValue("Smtp:Port", 25), security, cancellationToken);
            if (configuration["Smtp:User"] is { Length: > 0 } user)
            {
                await client.AuthenticateAsync(user, configuration["Smtp:Password"] ?? "", cancellationToken);
            }

            await client.SendAsync(message, cancellationToken);
            await client.DisconnectAsync(true, cancellationToken);
            return null;
        }
        catch (Exception ex) when (ex is System.Net.Sockets.SocketException or IOException or MailKit.ProtocolException or MailKit.CommandException or AuthenticationException or TimeoutException or OperationCanceledException)
        {
            return ex.Message;
        }
    }
}
