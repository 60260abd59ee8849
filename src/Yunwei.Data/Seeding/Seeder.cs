using System.Security.Cryptography;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Yunwei.Data.Identity;
using Yunwei.Domain;
using Yunwei.Domain.Administration;
using Yunwei.Domain.Assets;
using Yunwei.Domain.Units;

namespace Yunwei.Data.Seeding;

/// <summary>What to create in an empty database.</summary>
public sealed record SeedOptions
{
    /// <summary>Create the demo unit and one user per role (the default).</summary>
    public bool Demo { get; init; } = true;

    /// <summary>Password for every demo user; generated per user when empty (tests set it).</summary>
    public string? DemoPassword { get; init; }

    /// <summary>Password of the administrator created without demo data; generated when empty.</summary>
    public string? AdminPassword { get; init; }
}

/// <summary>A user created by the seeder, with the password to print once.</summary>
public sealed record SeededLogin(string UserName, string Password, string Role, bool PasswordGenerated);

/// <summary>
/// First run: creates the roles, then, only when there are no users yet, either the demo unit with one
/// user per role, or a lone administrator.
/// </summary>
public sealed class Seeder(YunweiDbContext db, UserManager<AppUser> users, RoleManager<AppRole> roles, TimeProvider time)
{
    public const string DemoUnitCode = "DEMO";
    public const string DemoUnitName = "示例人民法院";
    public const string AdminUserName = "admin";

    /// <summary>Demo users: user name, display name, role.</summary>
    public static readonly IReadOnlyList<(string UserName, string DisplayName, string Role)> DemoUsers =
    [
        (AdminUserName, "系统管理员", Roles.SystemAdministrator),
        ("auditor", "审计员 周敏", Roles.Auditor),
        ("client.admin", "信息技术处 王主任", Roles.ClientAdministrator),
        ("client.maint", "信息技术处 李工", Roles.ClientMaintenance),
        ("client.rep", "甲方代表 赵科长", Roles.ClientRepresentative),
        ("enduser", "立案庭 陈书记员", Roles.EndUser),
        ("resident", "驻点工程师 刘工", Roles.ResidentEngineer),
        ("duty", "值班工程师 孙工", Roles.DutyEngineer),
        ("support", "支持工程师 吴工", Roles.SupportEngineer),
        ("account", "客户经理 郑经理", Roles.AccountManager),
        ("leader", "乙方主管领导 冯总", Roles.Leadership),
    ];

    public async Task<IReadOnlyList<SeededLogin>> SeedAsync(SeedOptions options, CancellationToken cancellationToken = default)
    {
        await EnsureRolesAsync();
        if (await db.Users.AnyAsync(cancellationToken))
        {
            await EnsureCalendarsAsync(cancellationToken);
            await EnsureChecklistsAsync(cancellationToken);
            return [];
        }

        if (!options.Demo)
        {
            return [await CreateUserAsync(AdminUserName, "系统管理员", Roles.SystemAdministrator, options.AdminPassword, unit: null)];
        }

        var unit = await CreateDemoUnitAsync(cancellationToken);
        var logins = new List<SeededLogin>();
        foreach (var (userName, displayName, role) in DemoUsers)
        {
            logins.Add(await CreateUserAsync(userName, displayName, role, options.DemoPassword, unit));
        }

        await AddDemoStaffAsync(unit, cancellationToken);
        return logins;
    }

    /// <summary>
    /// Units created before calendars existed get the shipped statutory holidays once: a unit with no
    /// calendar day at all. (A unit whose days were all removed on purpose gets them back; remove a
    /// year's days and keep one manual day to opt out.)
    /// </summary>
    private async Task EnsureCalendarsAsync(CancellationToken cancellationToken)
    {
        var bare = await db.ClientUnits.Where(u => !db.CalendarDays.Any(d => d.ClientUnitId == u.Id)).Select(u => u.Id).ToListAsync(cancellationToken);
        foreach (var unitId in bare)
        {
            foreach (var (year, days) in UnitDefaults.ShippedHolidays.Value)
            {
                db.CalendarDays.AddRange(days.Select(d => new Domain.Roster.CalendarDay { ClientUnitId = unitId, Date = d.Date, Kind = d.Kind, Name = d.Name, Source = $"holiday-cn {year}" }));
            }
        }

        if (bare.Count > 0)
        {
            await db.SaveChangesAsync(cancellationToken);
        }
    }

    /// <summary>Units created before inspections existed get the default checklists and weekly schedules once.</summary>
    private async Task EnsureChecklistsAsync(CancellationToken cancellationToken)
    {
        var bare = await db.ClientUnits.Where(u => !db.ChecklistTemplates.Any(t => t.ClientUnitId == u.Id)).Select(u => u.Id).ToListAsync(cancellationToken);
        foreach (var unitId in bare)
        {
            UnitDefaults.AddChecklists(db, unitId, await db.Subsystems.Where(s => s.ClientUnitId == unitId).ToListAsync(cancellationToken), time.GetUtcNow().UtcDateTime);
        }

        if (bare.Count > 0)
        {
            await db.SaveChangesAsync(cancellationToken);
        }
    }

    private async Task EnsureRolesAsync()
    {
        foreach (var role in Roles.All)
        {
            if (!await roles.RoleExistsAsync(role))
            {
                Check(await roles.CreateAsync(new AppRole { Name = role }));
            }
        }
    }

    private async Task<ClientUnit> CreateDemoUnitAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var unit = new ClientUnit { Code = DemoUnitCode, Name = DemoUnitName, Address = "示例市人民路 1 号", CreatedAt = now };
        db.ClientUnits.Add(unit);
        var today = ChinaTime.Today(time.GetUtcNow());
        var contract = UnitDefaults.AddTo(db, unit, today);
        contract.LeadershipContacts =
        [
            new LeadershipContact { Name = "冯总", Title = "运维服务部总经理", Phone = "138-0000-0001", Email = "leader@example.com" },
        ];

        var building = new Location { ClientUnitId = unit.Id, Name = "审判综合楼", Kind = LocationKind.Building };
        db.Locations.Add(building);
        db.Locations.Add(new Location { ClientUnitId = unit.Id, ParentId = building.Id, Name = "核心机房", Kind = LocationKind.ServerRoom, SortOrder = 0 });
        for (var floor = 1; floor <= 6; floor++)
        {
            db.Locations.Add(new Location
            {
                ClientUnitId = unit.Id,
                ParentId = building.Id,
                Name = $"{floor}楼配线间",
                Kind = LocationKind.WiringCloset,
                SortOrder = floor,
            });
        }

        await db.SaveChangesAsync(cancellationToken);
        return unit;
    }

    /// <summary>The demo engineers' profiles (phones, skills, training) and the resident engineer's assignment to the demo court.</summary>
    private async Task AddDemoStaffAsync(ClientUnit unit, CancellationToken cancellationToken)
    {
        var today = ChinaTimeToday();
        var engineers = new[] { ("resident", "13800000101", new[] { "计算机网络", "机房", "办公自动化", "科技法庭" }), ("duty", "13800000102", new[] { "计算机网络", "安防" }), ("support", "13800000103", new[] { "信息安全", "视频会议", "电子会议" }) };
        foreach (var (userName, phone, skills) in engineers)
        {
            var user = await db.Users.SingleAsync(u => u.UserName == userName, cancellationToken);
            user.PhoneNumber = phone;
            db.EngineerProfiles.Add(new Domain.Staff.EngineerProfile
            {
                UserId = user.Id,
                Phone = phone,
                Skills = [.. skills],
                Certificates = [new Domain.Staff.Certificate { Name = "信息系统运行管理员", Number = "2024-XT-0" + phone[^3..], ExpiresOn = today.AddYears(2) }],
                ConfidentialityTrainedOn = new DateOnly(today.Year, 1, 5),
                UpdatedAt = time.GetUtcNow().UtcDateTime,
            });
            if (userName == "resident")
            {
                db.Assignments.Add(new Domain.Staff.Assignment { ClientUnitId = unit.Id, UserId = user.Id, EngineerName = user.DisplayName, StartsOn = new DateOnly(today.Year, 1, 1), Note = "合同约定的驻点工程师" });
            }
        }

        await db.SaveChangesAsync(cancellationToken);
    }

    private DateOnly ChinaTimeToday() => Domain.ChinaTime.Today(time.GetUtcNow());

    private async Task<SeededLogin> CreateUserAsync(string userName, string displayName, string role, string? password, ClientUnit? unit)
    {
        var generated = string.IsNullOrEmpty(password);
        password = generated ? GeneratePassword() : password!;
        var party = Roles.PartyOf(role);
        var user = new AppUser
        {
            UserName = userName,
            DisplayName = displayName,
            Email = $"{userName}@example.com",
            EmailConfirmed = true,
            Party = party,
            CreatedAt = time.GetUtcNow().UtcDateTime,
        };
        if (unit is not null && party != Party.System)
        {
            user.Memberships.Add(new UnitMembership { ClientUnitId = unit.Id });
        }

        Check(await users.CreateAsync(user, password));
        Check(await users.AddToRoleAsync(user, role));
        return new SeededLogin(userName, password, role, generated);
    }

    /// <summary>A password that meets the policy: four groups of four from an unambiguous alphabet.</summary>
    public static string GeneratePassword()
    {
        const string upper = "ABCDEFGHJKLMNPQRSTUVWXYZ";
        const string lower = "abcdefghijkmnopqrstuvwxyz";
        const string digits = "23456789";
        const string all = upper + lower + digits;
        var chars = new char[16];
        for (var i = 0; i < chars.Length; i++)
        {
            chars[i] = all[RandomNumberGenerator.GetInt32(all.Length)];
        }

        // Guarantee each class at fixed random positions of different groups.
        chars[RandomNumberGenerator.GetInt32(0, 4)] = upper[RandomNumberGenerator.GetInt32(upper.Length)];
        chars[RandomNumberGenerator.GetInt32(4, 8)] = lower[RandomNumberGenerator.GetInt32(lower.Length)];
        chars[RandomNumberGenerator.GetInt32(8, 16)] = digits[RandomNumberGenerator.GetInt32(digits.Length)];
        var s = new string(chars);
        return $"{s[..4]}-{s[4..8]}-{s[8..12]}-{s[12..]}";
    }

    private static void Check(IdentityResult result)
    {
        if (!result.Succeeded)
        {
            throw new InvalidOperationException("Seeding failed: " + string.Join("; ", result.Errors.Select(e => e.Description)));
        }
    }
}
