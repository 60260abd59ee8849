namespace Yunwei.Domain.Administration;

/// <summary>
/// Actions guarded by authorisation policies. Pages and endpoints ask for a permission, never for a
/// role name; this table is the one place that says which roles hold which permission.
/// </summary>
public static class Permissions
{
    public const string UnitsView = "units.view";
    public const string UnitsManage = "units.manage";
    public const string ContractsManage = "contracts.manage";
    public const string UsersManage = "users.manage";
    public const string AuditRead = "audit.read";
    public const string AssetsView = "assets.view";
    public const string AssetsManage = "assets.manage";
    public const string AssetTypesManage = "asset-types.manage";
    public const string AssetsScan = "assets.scan";
    public const string ApprovalsView = "approvals.view";
    public const string ApprovalsRequest = "approvals.request";
    public const string ApiTokensOwn = "api-tokens.own";
    public const string FaultsReport = "faults.report";
    public const string FaultsView = "faults.view";
    public const string FaultsHandle = "faults.handle";
    public const string FaultsRule = "faults.rule";
    public const string KnowledgeView = "knowledge.view";
    public const string RosterView = "roster.view";
    public const string RosterManage = "roster.manage";
    public const string StaffView = "staff.view";
    public const string StaffManage = "staff.manage";
    public const string WorkView = "work.view";
    public const string InspectionsPerform = "inspections.perform";
    public const string InspectionsPlan = "inspections.plan";
    public const string RisksManage = "risks.manage";
    public const string ReportsSign = "reports.sign";
    public const string TrainingRecord = "training.record";
    public const string ComplaintsView = "complaints.view";
    public const string ComplaintsFile = "complaints.file";
    public const string ComplaintsHandle = "complaints.handle";
    public const string AssessmentAssess = "assessment.assess";
    public const string AssessmentReport = "assessment.report";

    private static readonly string[] Everyone = [.. Roles.All];

    private static readonly Dictionary<string, string[]> Map = new(StringComparer.Ordinal)
    {
        [UnitsView] = Everyone,
        [UnitsManage] = [Roles.SystemAdministrator],
        [ContractsManage] = [Roles.SystemAdministrator, Roles.ClientAdministrator, Roles.AccountManager],
        [UsersManage] = [Roles.SystemAdministrator, Roles.ClientAdministrator],
        [AuditRead] = [Roles.SystemAdministrator, Roles.Auditor, Roles.ClientAdministrator, Roles.Leadership],
        // End users report faults; the inventory (with IP addresses) is for the people who run it.
        [AssetsView] = [.. Roles.All.Where(r => r != Roles.EndUser)],
        [AssetsManage] = [Roles.SystemAdministrator, Roles.ClientAdministrator, Roles.ClientMaintenance, Roles.ResidentEngineer],
        [AssetTypesManage] = [Roles.SystemAdministrator, Roles.ClientAdministrator],
        // The QR scan page: a short asset card anyone of the unit may open, end users included.
        [AssetsScan] = Everyone,
        [ApprovalsView] = [.. Roles.All.Where(r => r != Roles.EndUser)],
        // The provider asks; the client decides (who exactly depends on the kind: ApprovalRules.DeciderRoles).
        [ApprovalsRequest] = [Roles.ResidentEngineer, Roles.DutyEngineer, Roles.SupportEngineer, Roles.AccountManager, Roles.Leadership],
        [ApiTokensOwn] = Everyone,
        // Anyone of a unit may report a fault and follow it; end users see only the faults they reported.
        [FaultsReport] = [.. Roles.All.Where(r => r != Roles.Auditor)],
        [FaultsView] = Everyone,
        // The provider's engineers record the handling: answer, propose a level, arrive, restore, resolve, pause.
        [FaultsHandle] = [Roles.ResidentEngineer, Roles.DutyEngineer, Roles.SupportEngineer],
        // The client side rules the level (its level stands), confirms, reopens and closes.
        [FaultsRule] = [Roles.ClientAdministrator, Roles.ClientMaintenance, Roles.ClientRepresentative],
        // The fault database: the people who run the systems (not end users).
        [KnowledgeView] = [.. Roles.All.Where(r => r != Roles.EndUser)],
        // Calendars and duty rosters: both sides' staff (changing a calendar is ContractsManage).
        [RosterView] = [.. Roles.All.Where(r => r != Roles.EndUser)],
        // The provider staffs the hotline: its account manager, leadership and resident engineer plan the roster.
        [RosterManage] = [Roles.SystemAdministrator, Roles.AccountManager, Roles.Leadership, Roles.ResidentEngineer],
        // Who serves the unit: both sides see it; the provider's management keeps the profiles (engineers edit their own).
        [StaffView] = [.. Roles.All.Where(r => r != Roles.EndUser)],
        [StaffManage] = [Roles.SystemAdministrator, Roles.AccountManager, Roles.Leadership],
        // The work itself (inspections, risks, the work log, weekly deliverables, training): both sides' staff.
        [WorkView] = [.. Roles.All.Where(r => r != Roles.EndUser)],
        // The provider's engineers inspect, log their work and write the weekly deliverables.
        [InspectionsPerform] = [Roles.ResidentEngineer, Roles.DutyEngineer, Roles.SupportEngineer],
        // Checklists and schedules: the client's maintenance side and the resident engineer who runs them.
        [InspectionsPlan] = [Roles.SystemAdministrator, Roles.ClientAdministrator, Roles.ClientMaintenance, Roles.ResidentEngineer],
        // Hidden risks: found by the engineers, followed up and closed by either side.
        [RisksManage] = [Roles.ResidentEngineer, Roles.DutyEngineer, Roles.SupportEngineer, Roles.ClientAdministrator, Roles.ClientMaintenance],
        // The client signs (or returns) the weekly inspection report and workload list.
        [ReportsSign] = [Roles.ClientAdministrator, Roles.ClientMaintenance, Roles.ClientRepresentative],
        // Training given at the unit: the provider records it.
        [TrainingRecord] = [Roles.ResidentEngineer, Roles.DutyEngineer, Roles.SupportEngineer, Roles.AccountManager, Roles.Leadership],
        // Complaints (docs/contract.md §10): everyone of a unit may follow them (end users only their own).
        [ComplaintsView] = Everyone,
        // The client's people complain; the provider's staff record one received by phone.
        [ComplaintsFile] = [Roles.ClientAdministrator, Roles.ClientMaintenance, Roles.ClientRepresentative, Roles.EndUser, Roles.AccountManager, Roles.Leadership, Roles.ResidentEngineer, Roles.DutyEngineer],
        // The provider answers: its account manager, leadership and resident engineer.
        [ComplaintsHandle] = [Roles.AccountManager, Roles.Leadership, Roles.ResidentEngineer],
        // The client sets quarterly goals and rates the provider (docs/contract.md §12); the provider reports progress and acknowledges the rating.
        [AssessmentAssess] = [Roles.ClientAdministrator, Roles.ClientRepresentative],
        [AssessmentReport] = [Roles.AccountManager, Roles.Leadership, Roles.ResidentEngineer],
    };

    public static IReadOnlyCollection<string> All => Map.Keys;

    public static IReadOnlyList<string> RolesFor(string permission) =>
        Map.TryGetValue(permission, out var roles)
            ? roles
            : throw new ArgumentOutOfRangeException(nameof(permission), permission, "Unknown permission.");

    public static bool Grants(IEnumerable<string> roles, string permission) =>
        roles.Any(r => RolesFor(permission).Contains(r, StringComparer.Ordinal));
}
