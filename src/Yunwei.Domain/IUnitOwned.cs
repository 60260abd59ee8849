namespace Yunwei.Domain;

/// <summary>
/// A business record that belongs to exactly one client unit. The data layer restricts every
/// query on such records to the units the signed-in user may see.
/// </summary>
public interface IUnitOwned
{
    Guid ClientUnitId { get; }
}
