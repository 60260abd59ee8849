namespace Yunwei.Domain.Audit;

public enum AuditAction
{
    Insert = 1,
    Update = 2,
    Delete = 3,
}

/// <summary>
/// One change to one record: who, when, which unit, which entity and key, and the changed values.
/// Written in the same transaction as the change; never updated or deleted.
/// </summary>
public sealed class AuditEntry
{
    public long Id { get; set; }

    public DateTime At { get; set; }

    public Guid? UserId { get; set; }

    public string? UserName { get; set; }

    public Guid? ClientUnitId { get; set; }

    public required string Entity { get; set; }

    public required string EntityKey { get; set; }

    public AuditAction Action { get; set; }

    /// <summary>JSON object: property name → [old, new].</summary>
    public required string Changes { get; set; }

    /// <summary>The entry's place in the hash chain (1, 2, …), given by the sealer shortly after it is written.</summary>
    public long? Sequence { get; set; }

    /// <summary>SHA-256 (hex) of the previous entry's hash and this entry's fields: changing or removing any sealed entry breaks the chain from there.</summary>
    public string? Hash { get; set; }
}

/// <summary>The audit trail's tamper evidence: each sealed entry's hash covers its fields and the previous entry's hash.</summary>
public static class AuditChain
{
    public static string Hash(string? previousHash, long sequence, AuditEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        var text = string.Join('\u001f',
            previousHash ?? "",
            sequence.ToString(System.Globalization.CultureInfo.InvariantCulture),
            entry.Id.ToString(System.Globalization.CultureInfo.InvariantCulture),
            // Microseconds: what both databases keep of a timestamp.
            entry.At.ToUniversalTime().ToString("yyyy-MM-ddTHH:mm:ss.ffffff", System.Globalization.CultureInfo.InvariantCulture),
            entry.UserId?.ToString() ?? "",
            entry.UserName ?? "",
            entry.ClientUnitId?.ToString() ?? "",
            entry.Entity,
            entry.EntityKey,
            ((int)entry.Action).ToString(System.Globalization.CultureInfo.InvariantCulture),
            entry.Changes);
        return Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(text)));
    }
}
