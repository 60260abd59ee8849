using System.Globalization;

namespace Yunwei.Domain.Faults;

/// <summary>草稿 / 工程师已签字 / 甲方已确认.</summary>
public enum FaultReportState
{
    Draft = 0,

    /// <summary>The engineer signed; waiting for the client's maintenance staff.</summary>
    EngineerSigned = 1,

    /// <summary>The client's maintenance staff confirmed it with their signature: locked.</summary>
    Confirmed = 2,
}

/// <summary>
/// 故障处理报告 (docs/contract.md §4, docs/contract.md §13): filled before leaving the site, explained to and confirmed
/// by the client's maintenance staff. The fault's own record (asset, times, levels, tiers, parts,
/// operations) is drawn in from the fault; this holds what the engineer writes. A signed report is
/// locked: a later change makes a new version that needs new signatures.
/// </summary>
public sealed class FaultReport : IUnitOwned
{
    public const int MaxText = 4000;

    public Guid Id { get; set; } = Guid.CreateVersion7();

    public Guid ClientUnitId { get; set; }

    public Guid FaultId { get; set; }

    public int Version { get; set; } = 1;

    public FaultReportState State { get; set; }

    /// <summary>诊断过程.</summary>
    public string? Diagnosis { get; set; }

    /// <summary>故障原因.</summary>
    public string? RootCause { get; set; }

    /// <summary>应急措施.</summary>
    public string? EmergencyMeasures { get; set; }

    /// <summary>处理方法.</summary>
    public string? Fix { get; set; }

    /// <summary>预防建议 (given to the client).</summary>
    public string? Prevention { get; set; }

    /// <summary>The engineer's signature (who and when are on it).</summary>
    public Guid? EngineerSignatureId { get; set; }

    /// <summary>The client maintenance staff's confirming signature.</summary>
    public Guid? ClientSignatureId { get; set; }

    /// <summary>The knowledge article made from this report, once made.</summary>
    public Guid? KnowledgeArticleId { get; set; }

    public DateTime UpdatedAt { get; set; }

    public string? UpdatedBy { get; set; }

    public int Revision { get; set; }
}

/// <summary>What a fault report must hold and exactly what its signatures cover.</summary>
public static class FaultReportRules
{
    /// <summary>The fields an engineer must fill before signing (emergency measures are optional).</summary>
    public static IEnumerable<(string Field, string? Value)> Required(FaultReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        return [("Diagnosis", report.Diagnosis), ("RootCause", report.RootCause), ("Fix", report.Fix), ("Prevention", report.Prevention)];
    }

    /// <summary>
    /// A report is signed once the fault is resolved: it covers the whole handling, and the facts it
    /// signs (times, level, tier) no longer move unless the fault is reopened, which rightly voids it.
    /// </summary>
    public static bool CanSign(Fault fault) =>
        fault?.State is FaultState.Resolved or FaultState.Confirmed or FaultState.Closed;

    /// <summary>The signed content: the report's text and the fault's facts it rests on, at this version.</summary>
    public static IEnumerable<KeyValuePair<string, string?>> SignedContent(FaultReport report, Fault fault, IEnumerable<string> parts, IEnumerable<string> operations)
    {
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(fault);
        static string? T(DateTime? at) => at?.ToString("O", CultureInfo.InvariantCulture);
        return
        [
            new("report", report.Id.ToString()),
            new("version", report.Version.ToString(CultureInfo.InvariantCulture)),
            new("fault.number", fault.Number),
            new("fault.title", fault.Title),
            new("fault.description", fault.Description),
            new("fault.asset", fault.AssetId?.ToString()),
            new("fault.reportedAt", T(fault.ReportedAt)),
            new("fault.arrivedAt", T(fault.ArrivedAt)),
            new("fault.restoredAt", T(fault.RestoredAt)),
            new("fault.resolvedAt", T(fault.ResolvedAt)),
            new("fault.level", fault.Level.ToString()),
            new("fault.tier", fault.Tier.ToString()),
            new("diagnosis", report.Diagnosis),
            new("rootCause", report.RootCause),
            new("emergency", report.EmergencyMeasures),
            new("fix", report.Fix),
            new("prevention", report.Prevention),
            new("parts", string.Join(" | ", parts)),
            new("operations", string.Join(" | ", operations)),
        ];
    }
}
