using Yunwei.Domain.Administration;

namespace Yunwei.Domain.Tests.Administration;

public class PermissionsTests
{
    [Fact]
    public void Every_role_belongs_to_exactly_one_party_and_only_system_roles_see_all_units()
    {
        foreach (var role in Roles.All)
        {
            var party = Roles.PartyOf(role);
            Roles.SeesAllUnits(role).ShouldBe(party == Party.System, role);
        }

        Roles.All.Count(r => Roles.PartyOf(r) == Party.Client).ShouldBe(4);
        Roles.All.Count(r => Roles.PartyOf(r) == Party.Provider).ShouldBe(5);
    }

    [Fact]
    public void Every_permission_names_known_roles_and_the_system_administrator_holds_all_but_the_contract_parties_own()
    {
        // Asking the client's consent, handling a fault and ruling its level are the parties' acts;
        // the operator of the system is neither party.
        string[] partiesOnly = [Permissions.ApprovalsRequest, Permissions.FaultsHandle, Permissions.FaultsRule, Permissions.InspectionsPerform, Permissions.RisksManage, Permissions.ReportsSign, Permissions.TrainingRecord, Permissions.ComplaintsFile, Permissions.ComplaintsHandle, Permissions.AssessmentAssess, Permissions.AssessmentReport];
        foreach (var permission in Permissions.All)
        {
            Permissions.RolesFor(permission).ShouldAllBe(r => Roles.All.Contains(r));
            Permissions.Grants([Roles.SystemAdministrator], permission).ShouldBe(!partiesOnly.Contains(permission), permission);
        }
    }

    [Theory]
    [InlineData(Roles.Auditor, Permissions.AuditRead, true)]
    [InlineData(Roles.Auditor, Permissions.FaultsReport, false)]
    [InlineData(Roles.EndUser, Permissions.FaultsReport, true)]
    [InlineData(Roles.EndUser, Permissions.FaultsHandle, false)]
    [InlineData(Roles.EndUser, Permissions.FaultsRule, false)]
    [InlineData(Roles.DutyEngineer, Permissions.FaultsHandle, true)]
    [InlineData(Roles.DutyEngineer, Permissions.FaultsRule, false)]
    [InlineData(Roles.ClientMaintenance, Permissions.FaultsRule, true)]
    [InlineData(Roles.ClientMaintenance, Permissions.FaultsHandle, false)]
    [InlineData(Roles.Auditor, Permissions.UsersManage, false)]
    [InlineData(Roles.Auditor, Permissions.UnitsManage, false)]
    [InlineData(Roles.ClientAdministrator, Permissions.UsersManage, true)]
    [InlineData(Roles.ClientAdministrator, Permissions.UnitsManage, false)]
    [InlineData(Roles.EndUser, Permissions.AuditRead, false)]
    [InlineData(Roles.EndUser, Permissions.ContractsManage, false)]
    [InlineData(Roles.ResidentEngineer, Permissions.UsersManage, false)]
    [InlineData(Roles.AccountManager, Permissions.ContractsManage, true)]
    [InlineData(Roles.Leadership, Permissions.AuditRead, true)]
    public void Least_privilege_per_role(string role, string permission, bool granted) =>
        Permissions.Grants([role], permission).ShouldBe(granted);

    [Fact]
    public void Unknown_permissions_and_roles_are_errors_not_silent_denials()
    {
        Should.Throw<ArgumentOutOfRangeException>(() => Permissions.RolesFor("nope"));
        Should.Throw<ArgumentOutOfRangeException>(() => Roles.PartyOf("nope"));
    }
}
