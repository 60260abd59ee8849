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
}
