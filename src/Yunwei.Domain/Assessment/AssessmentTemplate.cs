namespace Yunwei.Domain.Assessment;

/// <summary>What a computed item counts in the quarter's data (each occurrence can be drilled down to its record).</summary>
public enum AssessmentMetric
{
    /// <summary>Not computed: the client enters it.</summary>
    Manual = 0,

    /// <summary>Level-1 faults (by final level) that missed a deadline.</summary>
    FaultMissedLevel1 = 1,

    FaultMissedLevel2 = 2,

    FaultMissedLevel3 = 3,

    /// <summary>Faults where nobody was on site within the level's response target.</summary>
    LateArrival = 4,

    /// <summary>Faults classified more than 10 minutes after the call was answered.</summary>
    SlowClassification = 5,

    /// <summary>Inspections due in the quarter and not done.</summary>
    InspectionMissed = 6,

    /// <summary>Inspections finished after their due day.</summary>
    InspectionLate = 7,

    /// <summary>Weeks of the quarter without a client-signed inspection report.</summary>
    InspectionReportMissing = 8,

    /// <summary>Weeks of the quarter without a client-signed workload list.</summary>
    WorkloadListMissing = 9,

    ComplaintReplyLate = 10,

    ComplaintCloseLate = 11,

    /// <summary>Complaints escalated to the leadership (no timely first reply).</summary>
    ComplaintEscalated = 12,

    /// <summary>Emergency parts still without their signed paperwork at the quarter's end.</summary>
    PaperworkDebt = 13,

    /// <summary>Faults rated 1 or 2 by their reporters, and complaints closed with satisfaction 1 or 2.</summary>
    LowSatisfaction = 14,

    /// <summary>Hotline consultations answered (shown; worth points only if the template says so).</summary>
    Consultations = 15,

    /// <summary>Client-assigned tasks beyond the contract done (a bonus by default).</summary>
    OutOfScopeTasks = 16,
}

public enum AssessmentItemKind
{
    /// <summary>Points off per occurrence, up to the cap.</summary>
    Deduction = 0,

    /// <summary>Points on per occurrence, up to the cap.</summary>
    Bonus = 1,

    /// <summary>A 0–100 score carrying a weight of the total (the client's score of the engineer, goal completion).</summary>
    WeightedScore = 2,
}

/// <summary>Where a weighted score comes from.</summary>
public enum ScoreSource
{
    /// <summary>The client enters it.</summary>
    Client = 0,

    /// <summary>The weighted completion of the quarter's goals.</summary>
    Goals = 1,
}

public sealed class AssessmentItem
{
    public string Key { get; set; } = "";

    public string Name { get; set; } = "";

    public AssessmentItemKind Kind { get; set; }

    public AssessmentMetric Metric { get; set; }

    /// <summary>Deduction or bonus: points per occurrence.</summary>
    public decimal Points { get; set; }

    /// <summary>Deduction or bonus: at most this many points in a quarter (null: no cap).</summary>
    public decimal? Cap { get; set; }

    /// <summary>Weighted score: its share of the total, in percent.</summary>
    public int Weight { get; set; }

    public ScoreSource Source { get; set; }
}

/// <summary>The rating's lower bounds (docs/contract.md §13: 优秀 ≥ 90, 良好 75–89, 合格 60–74, 不合格 &lt; 60).</summary>
public sealed class AssessmentBands
{
    public decimal Excellent { get; set; } = 90;

    public decimal Good { get; set; } = 75;

    public decimal Pass { get; set; } = 60;
}

public enum Rating
{
    /// <summary>不合格.</summary>
    Fail = 0,

    /// <summary>合格.</summary>
    Pass = 1,

    /// <summary>良好.</summary>
    Good = 2,

    /// <summary>优秀.</summary>
    Excellent = 3,
}

/// <summary>The default template: docs/contract.md §13's typical deductions, the engineer's score and goal completion as weighted inputs.</summary>
public static class AssessmentDefaults
{
    public static IReadOnlyList<AssessmentItem> Items() =>
    [
        Deduct("fault-l1", "一级故障未按时修复", AssessmentMetric.FaultMissedLevel1, 1),
        Deduct("fault-l2", "二级故障未按时修复", AssessmentMetric.FaultMissedLevel2, 1),
        Deduct("fault-l3", "三级故障未按时修复", AssessmentMetric.FaultMissedLevel3, 1),
        Deduct("late-arrival", "未按时到场", AssessmentMetric.LateArrival, 1),
        Deduct("slow-classification", "故障定级超过 10 分钟", AssessmentMetric.SlowClassification, 0.5m),
        Deduct("inspection-missed", "未按时巡检（缺巡）", AssessmentMetric.InspectionMissed, 5),
        Deduct("inspection-late", "巡检延误", AssessmentMetric.InspectionLate, 1),
        Deduct("report-missing", "巡检报告缺少或未签字（每周）", AssessmentMetric.InspectionReportMissing, 1),
        Deduct("list-missing", "工作量清单缺少或未签字（每周）", AssessmentMetric.WorkloadListMissing, 1),
        Deduct("complaint-reply", "投诉未按时答复", AssessmentMetric.ComplaintReplyLate, 1),
        Deduct("complaint-close", "投诉未按时办结", AssessmentMetric.ComplaintCloseLate, 1),
        Deduct("complaint-escalated", "投诉升级至主管领导", AssessmentMetric.ComplaintEscalated, 5),
        Deduct("paperwork", "应急更换未补签字", AssessmentMetric.PaperworkDebt, 1),
        Deduct("low-satisfaction", "用户评价不满意", AssessmentMetric.LowSatisfaction, 1),
        new() { Key = "consultations", Name = "技术咨询解答", Kind = AssessmentItemKind.Bonus, Metric = AssessmentMetric.Consultations, Points = 0 },
        new() { Key = "out-of-scope", Name = "完成合同外交办任务", Kind = AssessmentItemKind.Bonus, Metric = AssessmentMetric.OutOfScopeTasks, Points = 2, Cap = 10 },
        new() { Key = "bonus", Name = "其他加分", Kind = AssessmentItemKind.Bonus, Metric = AssessmentMetric.Manual, Points = 1, Cap = 10 },
        new() { Key = "engineer", Name = "驻点工程师考核（甲方评分）", Kind = AssessmentItemKind.WeightedScore, Weight = 10, Source = ScoreSource.Client },
        new() { Key = "goals", Name = "季度目标完成情况", Kind = AssessmentItemKind.WeightedScore, Weight = 10, Source = ScoreSource.Goals },
    ];

    private static AssessmentItem Deduct(string key, string name, AssessmentMetric metric, decimal points) =>
        new() { Key = key, Name = name, Kind = AssessmentItemKind.Deduction, Metric = metric, Points = points };
}
