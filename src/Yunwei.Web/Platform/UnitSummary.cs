namespace Yunwei.Web.Platform;

/// <summary>A client unit as every page's unit picker and the unit lists show it.</summary>
public sealed record UnitSummary(Guid Id, string Code, string Name, string? Address, bool IsActive, int Revision);
