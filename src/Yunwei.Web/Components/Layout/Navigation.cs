using Yunwei.Domain.Administration;

namespace Yunwei.Web.Components.Layout;

/// <summary>A module in the side menu, shown to users holding its permission.</summary>
public sealed record NavItem(string Href, string TextKey, string Icon, string Permission);

/// <summary>
/// The side menu. Only modules that exist are listed: a module of the contract that is not built yet
/// is absent, never a dead link.
/// </summary>
public static class Navigation
{
    public static readonly IReadOnlyList<NavItem> Items =
    [
        new("/", "Nav.Home", "home", Permissions.UnitsView),
        new("/dashboard", "Nav.Dashboard", "dashboard", Permissions.WorkView),
        new("/faults", "Nav.Faults", "alert", Permissions.FaultsView),
        new("/inspections", "Nav.Inspections", "check-square", Permissions.WorkView),
        new("/risks", "Nav.Risks", "warning", Permissions.WorkView),
        new("/worklog", "Nav.WorkLog", "profile", Permissions.WorkView),
        new("/weekly", "Nav.Weekly", "file-done", Permissions.WorkView),
        new("/complaints", "Nav.Complaints", "message", Permissions.ComplaintsView),
        new("/assessment", "Nav.Assessment", "trophy", Permissions.WorkView),
        new("/knowledge", "Nav.Knowledge", "book", Permissions.KnowledgeView),
        new("/assets", "Nav.Assets", "database", Permissions.AssetsView),
        new("/documents", "Nav.Documents", "folder-open", Permissions.AssetsView),
        new("/approvals", "Nav.Approvals", "audit", Permissions.ApprovalsView),
        new("/roster", "Nav.Roster", "schedule", Permissions.RosterView),
        new("/staff", "Nav.Staff", "idcard", Permissions.StaffView),
        new("/attendance", "Nav.Attendance", "field-time", Permissions.StaffView),
        new("/training", "Nav.Training", "read", Permissions.WorkView),
        new("/stock", "Nav.Stock", "inbox", Permissions.AssetsView),
        new("/units", "Nav.Units", "bank", Permissions.UnitsView),
        new("/admin/users", "Nav.Users", "team", Permissions.UsersManage),
        new("/admin/channels", "Nav.Channels", "notification", Permissions.ContractsManage),
        new("/admin/intake", "Nav.Intake", "import", Permissions.ContractsManage),
        new("/admin/templates", "Nav.Templates", "file-text", Permissions.UnitsManage),
        new("/audit", "Nav.Audit", "audit", Permissions.AuditRead),
    ];
}
