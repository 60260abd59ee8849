namespace Yunwei.Data;

/// <summary>
/// Who is asking, and which client units they may see. Every query on unit-owned records is
/// filtered by it; every audit record names its user.
/// </summary>
public interface ITenantContext
{
    Guid? UserId { get; }

    string? UserName { get; }

    /// <summary>System administrators and auditors see every unit.</summary>
    bool SeesAllUnits { get; }

    IReadOnlyList<Guid> UnitIds { get; }
}

/// <summary>The system itself (start-up seeding, migrations, background jobs that act for no user).</summary>
public sealed class SystemTenantContext : ITenantContext
{
    public static readonly SystemTenantContext Instance = new();

    public Guid? UserId => null;

    public string? UserName => "system";

    public bool SeesAllUnits => true;

    public IReadOnlyList<Guid> UnitIds => [];
}

/// <summary>No one: sees no unit's records. What a context serves before it is given a tenant and after it goes back to the pool.</summary>
internal sealed class NoTenant : ITenantContext
{
    public static readonly NoTenant Instance = new();

    public Guid? UserId => null;

    public string? UserName => null;

    public bool SeesAllUnits => false;

    public IReadOnlyList<Guid> UnitIds => [];
}
