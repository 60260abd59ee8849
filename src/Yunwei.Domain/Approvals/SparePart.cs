using Yunwei.Domain.Administration;

namespace Yunwei.Domain.Approvals;

/// <summary>Why stock moved.</summary>
public enum StockReason
{
    /// <summary>入库: parts received.</summary>
    Receive = 0,

    /// <summary>领用: parts used in a replacement.</summary>
    Consume = 1,

    /// <summary>盘点调整: a count corrected.</summary>
    Adjust = 2,
}

/// <summary>What happened to the part that was taken out.</summary>
public enum ReplacedPartFate
{
    Returned = 0,
    Scrapped = 1,
    SentForRepair = 2,
}

/// <summary>备件: a kind of part kept in stock for a unit, owned by the client or the provider.</summary>
public sealed class SparePart : IUnitOwned
{
    public Guid Id { get; set; } = Guid.CreateVersion7();

    public Guid ClientUnitId { get; set; }

    public required string Name { get; set; }

    public string? Model { get; set; }

    public Party Owner { get; set; } = Party.Provider;

    public Guid? LocationId { get; set; }

    public int Quantity { get; set; }

    /// <summary>At or below this quantity the part is flagged as low.</summary>
    public int LowStockThreshold { get; set; }

    public string? Notes { get; set; }

    /// <summary>Optimistic concurrency: two movements at once cannot both spend the last part.</summary>
    public int Revision { get; set; }
}

/// <summary>One change of a spare part's quantity, with its reason and, for a replacement, its approval and asset.</summary>
public sealed class StockMovement : IUnitOwned
{
    public Guid Id { get; set; } = Guid.CreateVersion7();

    public Guid ClientUnitId { get; set; }

    public Guid SparePartId { get; set; }

    public int Delta { get; set; }

    public int QuantityAfter { get; set; }

    public StockReason Reason { get; set; }

    public Guid? ApprovalId { get; set; }

    public Guid? AssetId { get; set; }

    public ReplacedPartFate? ReplacedPartFate { get; set; }

    public string? Note { get; set; }

    public DateTime At { get; set; }

    public string? By { get; set; }
}

public static class StockRules
{
    /// <summary>The quantity after a movement, or the resource key of why it is refused.</summary>
    public static (int? Quantity, string? Error) Move(int current, StockReason reason, int amount)
    {
        if (amount == 0 || (reason != StockReason.Adjust && amount < 0))
        {
            return (null, "Stock.Error.Amount");
        }

        var delta = reason == StockReason.Consume ? -amount : amount;
        var after = current + delta;
        return after < 0 ? (null, "Stock.Error.BelowZero") : (after, null);
    }

    public static bool IsLow(SparePart part) => part.Quantity <= part.LowStockThreshold;
}
