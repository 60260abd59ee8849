using Yunwei.Domain.Assets;
using Yunwei.Domain.Documents;
using Yunwei.Domain.Inspections;
using Yunwei.Domain.Roster;
using Yunwei.Domain.Units;

namespace Yunwei.Data.Seeding;

/// <summary>What every new client unit starts with: the twelve subsystems, their asset types and a default contract.</summary>
public static class UnitDefaults
{
    public static ServiceContract AddTo(YunweiDbContext db, ClientUnit unit, DateOnly today)
    {
        var subsystems = new Dictionary<string, Subsystem>(StringComparer.Ordinal);
        for (var i = 0; i < Subsystem.DefaultNames.Count; i++)
        {
            var subsystem = new Subsystem
            {
                ClientUnitId = unit.Id,
                Name = Subsystem.DefaultNames[i],
                SortOrder = i + 1,
                RequiredDocuments = [.. DocumentCompleteness.DefaultRequired(Subsystem.DefaultNames[i])],
            };
            subsystems[subsystem.Name] = subsystem;
            db.Subsystems.Add(subsystem);
        }

        AddChecklists(db, unit.Id, subsystems.Values, unit.CreatedAt);
        var order = 0;
        foreach (var type in AssetTypeDefaults.All())
        {
            db.AssetTypes.Add(new AssetType
            {
                ClientUnitId = unit.Id,
                SubsystemId = subsystems[type.Subsystem].Id,
                Name = type.Name,
                SortOrder = ++order,
                Attributes = [.. type.Attributes],
            });
        }

        var contract = new ServiceContract
        {
            ClientUnitId = unit.Id,
            Title = "信息化系统驻点运维服务合同",
            StartsOn = new DateOnly(today.Year, 1, 1),
            EndsOn = new DateOnly(today.Year, 12, 31),
            SlaTargets = [.. SlaTarget.Defaults()],
        };
        db.ServiceContracts.Add(contract);

        foreach (var (year, days) in ShippedHolidays.Value)
        {
            db.CalendarDays.AddRange(days.Select(d => new CalendarDay { ClientUnitId = unit.Id, Date = d.Date, Kind = d.Kind, Name = d.Name, Source = $"holiday-cn {year}" }));
        }

        return contract;
    }

    /// <summary>
    /// Each subsystem's default checklist (docs/contract.md §13) and a weekly inspection due on Fridays (docs/contract.md §6);
    /// the unit edits both.
    /// </summary>
    public static void AddChecklists(YunweiDbContext db, Guid unitId, IEnumerable<Subsystem> subsystems, DateTime now)
    {
        ArgumentNullException.ThrowIfNull(db);
        foreach (var subsystem in subsystems)
        {
            db.ChecklistTemplates.Add(new ChecklistTemplate
            {
                ClientUnitId = unitId,
                SubsystemId = subsystem.Id,
                Name = $"{subsystem.Name}巡检表",
                Items = [.. ChecklistDefaults.For(subsystem.Name)],
                CreatedBy = "默认模板",
                CreatedAt = now,
            });
            db.InspectionSchedules.Add(new InspectionSchedule
            {
                ClientUnitId = unitId,
                SubsystemId = subsystem.Id,
                Name = $"{subsystem.Name}周巡检",
                Period = SchedulePeriod.Weekly,
                Weekday = DayOfWeek.Friday,
                CreatedAt = now,
            });
        }
    }

    /// <summary>The holiday-cn files shipped inside this assembly (2025, 2026), parsed once.</summary>
    public static readonly Lazy<IReadOnlyList<(int Year, IReadOnlyList<HolidayEntry> Days)>> ShippedHolidays = new(() =>
    {
        var assembly = typeof(UnitDefaults).Assembly;
        var years = new List<(int, IReadOnlyList<HolidayEntry>)>();
        foreach (var name in assembly.GetManifestResourceNames().Where(n => n.StartsWith("holiday-cn/", StringComparison.Ordinal)).Order(StringComparer.Ordinal))
        {
            using var stream = assembly.GetManifestResourceStream(name)!;
            using var reader = new StreamReader(stream);
            var (year, days, errors) = HolidayCnFile.Parse(reader.ReadToEnd());
            if (errors.Count > 0)
            {
                throw new InvalidOperationException($"The shipped holiday file {name} does not parse: {errors[0].Key}.");
            }

            years.Add((year, days));
        }

        return years;
    });
}
