namespace Yunwei.Domain.Notifications;

public enum MailSecurity
{
    /// <summary>Plain IMAP (only on a trusted network).</summary>
    None = 0,

    /// <summary>Plain connection upgraded with STARTTLS (port 143).</summary>
    StartTls = 1,

    /// <summary>TLS from the first byte (IMAPS, port 993).</summary>
    SslOnConnect = 2,
}

/// <summary>
/// A unit's mailbox for fault reports by email (报修邮箱), polled over IMAP: a new mail becomes a fault,
/// a reply naming a fault number goes onto that fault's timeline. The password is kept protected.
/// </summary>
public sealed class UnitMailbox : IUnitOwned
{
    public Guid Id { get; set; } = Guid.CreateVersion7();

    public Guid ClientUnitId { get; set; }

    public string Host { get; set; } = "";

    public int Port { get; set; } = 993;

    public MailSecurity Security { get; set; } = MailSecurity.SslOnConnect;

    public string UserName { get; set; } = "";

    public string? ProtectedPassword { get; set; }

    public string Folder { get; set; } = "INBOX";

    /// <summary>The mailbox's own address: mail from it is a loop and is ignored.</summary>
    public string? Address { get; set; }

    public bool Enabled { get; set; } = true;

    /// <summary>The folder's UIDVALIDITY when <see cref="LastUid"/> was read; a change starts over (de-duplicated by Message-ID).</summary>
    public long UidValidity { get; set; }

    /// <summary>The highest UID already handled.</summary>
    public long LastUid { get; set; }

    public DateTime? LastPolledAt { get; set; }

    public string? LastError { get; set; }

    public DateTime CreatedAt { get; set; }

    public int Revision { get; set; }
}

public enum InboundMailOutcome
{
    /// <summary>Became a new fault.</summary>
    Fault = 0,

    /// <summary>Added to the timeline of the fault its subject names.</summary>
    Reply = 1,

    /// <summary>An auto-reply, a bounce or our own mail coming back: kept in the log, nothing else.</summary>
    Ignored = 2,

    /// <summary>Could not be turned into a fault (the reason is kept); the mail stays in the mailbox.</summary>
    Failed = 3,
}

/// <summary>One mail read from a unit's mailbox: unique by Message-ID, so a mail is handled once even when read twice.</summary>
public sealed class InboundMail : IUnitOwned
{
    public Guid Id { get; set; } = Guid.CreateVersion7();

    public Guid ClientUnitId { get; set; }

    public Guid MailboxId { get; set; }

    public string MessageId { get; set; } = "";

    public string From { get; set; } = "";

    public string Subject { get; set; } = "";

    public DateTime ReceivedAt { get; set; }

    public InboundMailOutcome Outcome { get; set; }

    /// <summary>Why it was ignored or failed, in a few words.</summary>
    public string? Reason { get; set; }

    public Guid? FaultId { get; set; }

    /// <summary>The sender is not a person of the unit: the fault says so.</summary>
    public bool Unverified { get; set; }

    public int Attachments { get; set; }
}

/// <summary>A file attached to a fault (a mail's attachments, photos): stored by the file store under a generated key.</summary>
public sealed class FaultAttachment : IUnitOwned
{
    public Guid Id { get; set; } = Guid.CreateVersion7();

    public Guid ClientUnitId { get; set; }

    public Guid FaultId { get; set; }

    public required string FileName { get; set; }

    public required string ContentType { get; set; }

    public long Size { get; set; }

    public required string Sha256 { get; set; }

    public required string StorageKey { get; set; }

    public DateTime CreatedAt { get; set; }

    public string? CreatedBy { get; set; }
}
