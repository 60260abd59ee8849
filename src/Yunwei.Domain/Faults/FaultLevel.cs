namespace Yunwei.Domain.Faults;

/// <summary>Fault levels of docs/contract.md §2. Level 1 is the most severe.</summary>
public enum FaultLevel
{
    /// <summary>一级 (重大): server down or system paralysed.</summary>
    Level1 = 1,

    /// <summary>二级 (严重): direct impact on service or latent outage risk.</summary>
    Level2 = 2,

    /// <summary>三级 (一般): slight impact, key business unaffected.</summary>
    Level3 = 3,
}
