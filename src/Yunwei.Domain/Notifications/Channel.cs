using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Yunwei.Domain.Notifications;

public enum ChannelKind
{
    /// <summary>企业微信 group robot.</summary>
    WeCom = 0,

    /// <summary>钉钉 custom robot (optionally signed).</summary>
    DingTalk = 1,

    /// <summary>Any receiver: JSON with an HMAC-SHA256 signature header.</summary>
    Webhook = 2,

    /// <summary>Email through the configured SMTP server to the addresses of a mailto: URI.</summary>
    Email = 3,
}

/// <summary>
/// A unit's outgoing channel: a chat robot or a webhook that receives the unit's notifications (the
/// events its filter names). The secret is kept protected (ASP.NET Data Protection), never shown back.
/// </summary>
public sealed class NotificationChannel : IUnitOwned
{
    public Guid Id { get; set; } = Guid.CreateVersion7();

    public Guid ClientUnitId { get; set; }

    public ChannelKind Kind { get; set; }

    public string Name { get; set; } = "";

    /// <summary>The robot's or receiver's address (with its key or access token).</summary>
    public string Url { get; set; } = "";

    /// <summary>The protected signing secret (DingTalk signing, webhook HMAC), if any.</summary>
    public string? ProtectedSecret { get; set; }

    /// <summary>Message-key prefixes it carries (e.g. "Notify.Sla."); empty: every notification.</summary>
    public List<string> Events { get; set; } = [];

    /// <summary>Mobile numbers to mention (robots).</summary>
    public List<string> MentionMobiles { get; set; } = [];

    public bool Enabled { get; set; } = true;

    public DateTime CreatedAt { get; set; }

    public int Revision { get; set; }
}

public enum DeliveryState
{
    Pending = 0,
    Sent = 1,

    /// <summary>Gave up after the last retry; the reason is kept for the administrators.</summary>
    Failed = 2,
}

/// <summary>One event on one channel: sent once (unique per channel and event), retried with backoff.</summary>
public sealed class ChannelDelivery : IUnitOwned
{
    public Guid Id { get; set; } = Guid.CreateVersion7();

    public Guid ClientUnitId { get; set; }

    public Guid ChannelId { get; set; }

    /// <summary>The notification's dedup key: the same event for several recipients is one message here.</summary>
    public string EventKey { get; set; } = "";

    public string Title { get; set; } = "";

    public string Text { get; set; } = "";

    public string? Link { get; set; }

    public DeliveryState State { get; set; }

    public int Attempts { get; set; }

    public DateTime NextAttemptAt { get; set; }

    public string? LastError { get; set; }

    public DateTime CreatedAt { get; set; }

    public DateTime? SentAt { get; set; }
}

public static class ChannelRules
{
    /// <summary>Both robots allow 20 messages a minute; more wait their turn, none is dropped.</summary>
    public const int PerMinute = 20;

    public const int MaxAttempts = 6;

    /// <summary>30 s, 1 min, 2 min, 4 min, 8 min … at most an hour.</summary>
    public static TimeSpan Backoff(int attempts) => TimeSpan.FromSeconds(Math.Min(3600, 30 * Math.Pow(2, Math.Max(0, attempts - 1))));

    public static bool Carries(NotificationChannel channel, string messageKey)
    {
        ArgumentNullException.ThrowIfNull(channel);
        return channel.Enabled && (channel.Events.Count == 0 || channel.Events.Any(p => messageKey.StartsWith(p, StringComparison.Ordinal)));
    }

    /// <summary>DingTalk's signature: urlencode(base64(HMAC-SHA256(secret, timestamp + "\n" + secret))).</summary>
    public static string DingTalkSign(string secret, long timestampMs)
    {
        ArgumentNullException.ThrowIfNull(secret);
        var data = Encoding.UTF8.GetBytes(timestampMs.ToString(CultureInfo.InvariantCulture) + "\n" + secret);
        return Uri.EscapeDataString(Convert.ToBase64String(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), data)));
    }

    /// <summary>The webhook signature header value: "sha256=" + hex(HMAC-SHA256(secret, body)).</summary>
    public static string WebhookSignature(string secret, byte[] body) =>
        "sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), body));
}
