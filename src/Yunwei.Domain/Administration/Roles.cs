namespace Yunwei.Domain.Administration;

/// <summary>Which side of the contract a person works for.</summary>
public enum Party
{
    /// <summary>System operators and auditors: not bound to a unit.</summary>
    System = 0,

    /// <summary>甲方: the client unit.</summary>
    Client = 1,

    /// <summary>乙方: the service provider.</summary>
    Provider = 2,
}

/// <summary>The roles of the contract. Names are stable identifiers stored in the database.</summary>
public static class Roles
{
    public const string SystemAdministrator = "SystemAdministrator";
    public const string Auditor = "Auditor";
    public const string ClientAdministrator = "ClientAdministrator";
    public const string ClientMaintenance = "ClientMaintenance";
    public const string ClientRepresentative = "ClientRepresentative";
    public const string EndUser = "EndUser";
    public const string ResidentEngineer = "ResidentEngineer";
    public const string DutyEngineer = "DutyEngineer";
    public const string SupportEngineer = "SupportEngineer";
    public const string AccountManager = "AccountManager";
    public const string Leadership = "Leadership";

    public static readonly IReadOnlyList<string> All =
    [
        SystemAdministrator, Auditor,
        ClientAdministrator, ClientMaintenance, ClientRepresentative, EndUser,
        ResidentEngineer, DutyEngineer, SupportEngineer, AccountManager, Leadership,
    ];

    public static Party PartyOf(string role) => role switch
    {
        SystemAdministrator or Auditor => Party.System,
        ClientAdministrator or ClientMaintenance or ClientRepresentative or EndUser => Party.Client,
        ResidentEngineer or DutyEngineer or SupportEngineer or AccountManager or Leadership => Party.Provider,
        _ => throw new ArgumentOutOfRangeException(nameof(role), role, "Unknown role."),
    };

    /// <summary>Roles that see every unit without a membership.</summary>
    public static bool SeesAllUnits(string role) => PartyOf(role) == Party.System;
}
