using System.Diagnostics;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Yunwei.Data;
using Yunwei.Data.Identity;
using Yunwei.Data.Seeding;
using Yunwei.Domain;
using Yunwei.Domain.Approvals;
using Yunwei.Domain.Assets;
using Yunwei.Domain.Faults;
using Yunwei.Domain.Inspections;
using Yunwei.Domain.Knowledge;
using Yunwei.Domain.Sla;
using Yunwei.Domain.Units;
using Yunwei.Domain.WorkLog;
using Yunwei.Web.Features.Faults;

namespace Yunwei.Bench;

/// <summary>What to generate; the same options and seed give the same rows.</summary>
internal sealed record GenerateOptions
{
    public int Units { get; init; } = 20;

    public int Faults { get; init; } = 1_000_000;

    public int Assets { get; init; } = 100_000;

    /// <summary>How many of the faults are still open (reported in the last two days).</summary>
    public int Open { get; init; } = 10_000;

    public int Years { get; init; } = 3;

    public int Seed { get; init; } = 20261127;

    /// <summary>The end of the generated history (default: now, rounded to the minute).</summary>
    public DateTime Until { get; init; }

    public string Password { get; init; } = "Bench-Pass-2026";
}

/// <summary>
/// The data generator: the demo unit and its users (as the app seeds them) plus N-1 more units, each
/// with the default subsystems, asset types and contract, a location tree, assets, and years of
/// faults with their timelines (answer, proposal, ruling, arrival, restore, resolve, confirm, close;
/// warnings, breaches and escalations as the SLA engine computes them), work-log entries, weekly
/// inspections, approvals and knowledge articles. Rows are written with <see cref="BulkWriter"/>.
/// </summary>
internal static class Generate
{
    private static readonly string[] Problems =
    [
        "摄像机画面黑屏", "门禁读卡器无响应", "庭审录音录像中断", "服务器磁盘告警", "交换机端口闪断", "打印机卡纸",
        "视频会议无声音", "大屏显示花屏", "UPS 电池告警", "机房空调高温", "安检机图像异常", "广播系统无输出",
        "网络访问缓慢", "数据库连接超时", "办公电脑无法开机", "信息发布屏离线",
    ];

    private static readonly string[] Callers = ["立案庭 陈书记员", "刑事审判庭 王法官", "执行局 李干警", "办公室 张主任", "法警队 赵队长", "信息技术处 李工"];

    public static async Task<int> RunAsync(DatabaseSettings settings, GenerateOptions options)
    {
        var total = Stopwatch.StartNew();
        await using var provider = Services(settings);
        var until = options.Until == default
            ? new DateTime(TimeProvider.System.GetUtcNow().UtcDateTime.Ticks / TimeSpan.TicksPerMinute * TimeSpan.TicksPerMinute, DateTimeKind.Utc)
            : options.Until;

        await using (var scope = provider.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<YunweiDbContext>();
            await db.Database.MigrateAsync();
            if (await db.Faults.IgnoreQueryFilters().AnyAsync())
            {
                Console.Error.WriteLine("generate: the database already holds faults; generate into an empty database.");
                return 1;
            }

            await scope.ServiceProvider.GetRequiredService<Seeder>().SeedAsync(new SeedOptions { Demo = true, DemoPassword = options.Password });
        }

        var random = new Random(options.Seed);
        var ids = new IdSource(random);
        var units = new List<UnitPlan>();
        var step = Stopwatch.StartNew();
        await using (var scope = provider.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<YunweiDbContext>();
            var demo = await db.ClientUnits.FirstAsync(u => u.Code == Seeder.DemoUnitCode);
            var today = ChinaTime.Today(new DateTimeOffset(until, TimeSpan.Zero));
            for (var u = 1; u < options.Units; u++)
            {
                var unit = new ClientUnit { Id = ids.Next(until), Code = $"U{u:D3}", Name = $"第{u}基层人民法院", CreatedAt = until.AddYears(-options.Years) };
                db.ClientUnits.Add(unit);
                UnitDefaults.AddTo(db, unit, today);
            }

            await db.SaveChangesAsync();
            var engineers = await db.Users.Where(x => x.UserName == "resident" || x.UserName == "duty").Select(x => new { x.Id, x.DisplayName }).ToListAsync();
            foreach (var unit in await db.ClientUnits.OrderBy(x => x.Code == demo.Code ? "" : x.Code).ToListAsync())
            {
                var policy = await FaultClocks.PolicyAsync(db, unit.Id, until, CancellationToken.None);
                var subsystems = await db.Subsystems.Where(s => s.ClientUnitId == unit.Id).ToListAsync();
                var types = await db.AssetTypes.Where(t => t.ClientUnitId == unit.Id).ToListAsync();
                units.Add(new UnitPlan(unit, policy, subsystems, types, [.. engineers.Select(e => (e.Id, e.DisplayName!))]));
            }
        }

        Console.WriteLine($"units: {units.Count} with defaults in {step.ElapsedMilliseconds} ms");
        var counts = new Dictionary<string, long>();
        await using (var scope = provider.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<YunweiDbContext>();
            var writer = new BulkWriter(db);
            for (var u = 0; u < units.Count; u++)
            {
                var plan = units[u];
                var assets = Share(options.Assets, units.Count, u);
                var faults = Share(options.Faults, units.Count, u);
                var open = Share(options.Open, units.Count, u);
                await GenerateUnitAsync(writer, plan, assets, faults, open, options, until, random, ids, counts);
                Console.WriteLine($"unit {plan.Unit.Code}: {assets} assets, {faults} faults ({open} open) at {total.Elapsed.TotalSeconds:F0} s");
            }

            step.Restart();
            // Fresh statistics, so both planners pick the indexes the app's queries are written for.
            await db.Database.ExecuteSqlRawAsync("ANALYZE;");
            Console.WriteLine($"analyze: {step.ElapsedMilliseconds} ms");
        }

        foreach (var (name, count) in counts.OrderBy(c => c.Key, StringComparer.Ordinal))
        {
            Console.WriteLine($"{name}: {count}");
        }

        Console.WriteLine($"generated in {total.Elapsed.TotalSeconds:F1} s (seed {options.Seed}, until {until:yyyy-MM-ddTHH:mm}Z); sign in as resident / {options.Password}");
        return 0;
    }

    private static ServiceProvider Services(DatabaseSettings settings)
    {
        var services = BenchServices.For(settings, TimeProvider.System);
        services.AddIdentityCore<AppUser>().AddRoles<AppRole>().AddEntityFrameworkStores<YunweiDbContext>();
        services.AddScoped<Seeder>();
        return services.BuildServiceProvider();
    }

    /// <summary>The share of unit <paramref name="index"/> of <paramref name="total"/> (the first units take the remainder).</summary>
    private static int Share(int total, int parts, int index) => total / parts + (index < total % parts ? 1 : 0);

    private sealed record UnitPlan(ClientUnit Unit, SlaPolicy Policy, List<Subsystem> Subsystems, List<AssetType> Types, List<(Guid Id, string Name)> Engineers);

    private static async Task GenerateUnitAsync(
        BulkWriter writer, UnitPlan plan, int assetCount, int faultCount, int openCount, GenerateOptions options, DateTime until, Random random, IdSource ids, Dictionary<string, long> counts)
    {
        var unit = plan.Unit;
        var start = until.AddYears(-options.Years);

        // Locations: buildings, floors, rooms.
        var locations = new List<Location>();
        var rooms = new List<Location>();
        for (var b = 1; b <= 3; b++)
        {
            var building = new Location { Id = ids.Next(start), ClientUnitId = unit.Id, Name = $"{b}号楼", Kind = LocationKind.Building, SortOrder = b };
            locations.Add(building);
            for (var f = 1; f <= 6; f++)
            {
                var floor = new Location { Id = ids.Next(start), ClientUnitId = unit.Id, ParentId = building.Id, Name = $"{f}层", Kind = LocationKind.Floor, SortOrder = f };
                locations.Add(floor);
                for (var r = 1; r <= 8; r++)
                {
                    var room = new Location { Id = ids.Next(start), ClientUnitId = unit.Id, ParentId = floor.Id, Name = $"{b}{f}{r:D2}室", Kind = LocationKind.Room, SortOrder = r };
                    locations.Add(room);
                    rooms.Add(room);
                }
            }
        }

        await writer.WriteAsync(locations);
        Count(counts, "locations", locations.Count);

        var assets = new List<Asset>(assetCount);
        for (var i = 1; i <= assetCount; i++)
        {
            var type = plan.Types[random.Next(plan.Types.Count)];
            var bought = start.AddDays(random.Next(0, 365 * options.Years));
            assets.Add(new Asset
            {
                Id = ids.Next(bought),
                ClientUnitId = unit.Id,
                Code = $"{unit.Code}-{i:D6}",
                Name = $"{type.Name} {i}",
                AssetTypeId = type.Id,
                SubsystemId = type.SubsystemId ?? plan.Subsystems[0].Id,
                LocationId = rooms[random.Next(rooms.Count)].Id,
                Brand = random.Next(3) switch { 0 => "海康威视", 1 => "华为", _ => "大华" },
                Model = $"M-{random.Next(100, 999)}",
                SerialNumber = $"SN{unit.Code}{i:D8}",
                IpAddress = $"10.{random.Next(256)}.{i / 256 % 256}.{i % 256}",
                PurchaseDate = DateOnly.FromDateTime(bought),
                WarrantyEnds = DateOnly.FromDateTime(bought.AddYears(3)),
                Status = random.Next(20) == 0 ? AssetStatus.UnderRepair : AssetStatus.InUse,
                CreatedAt = bought,
                UpdatedAt = bought,
            });
        }

        await writer.WriteAsync(assets);
        Count(counts, "assets", assets.Count);

        // Faults in chunks, oldest first; numbers count per unit and China day.
        var closedCount = faultCount - openCount;
        var perDay = new Dictionary<DateOnly, int>();
        const int Chunk = 20_000;
        for (var done = 0; done < faultCount; done += Chunk)
        {
            var size = Math.Min(Chunk, faultCount - done);
            var reported = new List<DateTime>(size);
            for (var i = 0; i < size; i++)
            {
                var index = done + i;
                reported.Add(index < closedCount
                    ? ReportTime(random, start.AddTicks((until.AddDays(-3) - start).Ticks / Math.Max(1, closedCount) * index))
                    : until.AddMinutes(-random.Next(5, 2 * 24 * 60)));
            }

            reported.Sort();
            var faults = new List<Fault>(size);
            var events = new List<FaultEvent>(size * 9);
            var work = new List<WorkEntry>(size);
            var approvals = new List<ApprovalRequest>();
            for (var i = 0; i < size; i++)
            {
                var open = done + i >= closedCount;
                var asset = assets.Count > 0 && random.Next(10) > 0 ? assets[random.Next(assets.Count)] : null;
                var fault = Fault(plan, asset, rooms, reported[i], open, until, random, ids, perDay, events, approvals);
                faults.Add(fault);
                if (!open)
                {
                    work.Add(new WorkEntry
                    {
                        Id = ids.Next(fault.ResolvedAt!.Value),
                        ClientUnitId = unit.Id,
                        Date = DateOnly.FromDateTime(ChinaTime.ToLocal(fault.ResolvedAt.Value)),
                        Type = WorkType.FaultHandling,
                        SubsystemId = fault.SubsystemId,
                        Reference = fault.Number,
                        Source = WorkSource.Fault,
                        SourceId = fault.Id,
                        Content = fault.Title,
                        HandlerId = fault.AssigneeId,
                        HandlerName = fault.AssigneeName ?? "",
                        Hours = Math.Round((decimal)(fault.ResolvedAt.Value - fault.ReportedAt).TotalHours, 1),
                        Result = "已解决",
                        CreatedAt = fault.ResolvedAt.Value,
                        CreatedBy = fault.AssigneeName,
                    });
                }
            }

            await writer.WriteAsync(faults);
            await writer.WriteAsync(events);
            await writer.WriteAsync(work);
            await writer.WriteAsync(approvals);
            Count(counts, "faults", faults.Count);
            Count(counts, "fault events", events.Count);
            Count(counts, "work entries", work.Count);
            Count(counts, "approvals", approvals.Count);
        }

        // Weekly inspections, one per subsystem and week, done by the resident engineer.
        var inspections = new List<Inspection>();
        var inspectionNumbers = 0;
        // Weeks run Monday to Sunday (the weekly report's week); each subsystem's inspection is due on Friday.
        var first = DateOnly.FromDateTime(ChinaTime.ToLocal(start));
        first = first.AddDays(-(((int)first.DayOfWeek + 6) % 7));
        for (var week = first; week.AddDays(7) <= DateOnly.FromDateTime(ChinaTime.ToLocal(until)); week = week.AddDays(7))
        {
            foreach (var subsystem in plan.Subsystems)
            {
                var finished = week.AddDays(4).ToDateTime(new TimeOnly(7, 30), DateTimeKind.Utc).AddMinutes(random.Next(0, 480));
                inspections.Add(new Inspection
                {
                    Id = ids.Next(finished),
                    ClientUnitId = unit.Id,
                    Number = $"XJ-{unit.Code}-{week:yyyyMMdd}-{++inspectionNumbers:D4}",
                    SubsystemId = subsystem.Id,
                    PeriodStart = week,
                    DueOn = week.AddDays(4),
                    State = InspectionState.Done,
                    Items = [.. ChecklistDefaults.For(subsystem.Name)],
                    AssigneeId = plan.Engineers[0].Id,
                    InspectorId = plan.Engineers[0].Id,
                    InspectorName = plan.Engineers[0].Name,
                    StartedAt = finished.AddMinutes(-40),
                    FinishedAt = finished,
                    Summary = "运行正常",
                    Hours = 0.5m,
                });
            }
        }

        // Each inspection's answers: the items answered once (per-asset items need targets, which these have none of).
        var entries = new List<InspectionEntry>();
        foreach (var inspection in inspections)
        {
            foreach (var (item, _) in InspectionRules.Pairs(inspection.Items, []))
            {
                // Answers as the inspection form stores them ("pass"/"fail", readings, choices), judged by the checklist's rules.
                var value = item.Kind switch
                {
                    ChecklistItemKind.Reading => (item.NormalMin ?? 20m).ToString(System.Globalization.CultureInfo.InvariantCulture),
                    ChecklistItemKind.Choice => item.Choices.FirstOrDefault()?.Label ?? "正常",
                    ChecklistItemKind.Text => "运行正常",
                    _ => random.Next(50) == 0 ? "fail" : "pass",
                };
                entries.Add(new InspectionEntry
                {
                    Id = ids.Next(inspection.FinishedAt!.Value),
                    ClientUnitId = unit.Id,
                    InspectionId = inspection.Id,
                    ItemKey = item.Key,
                    AssetId = Guid.Empty,
                    Value = value,
                    Result = ChecklistRules.Evaluate(item, value).Result ?? ItemResult.Normal,
                    RecordedAt = inspection.FinishedAt.Value,
                    RecordedBy = plan.Engineers[0].Name,
                });
            }
        }

        await writer.WriteAsync(inspections);
        await writer.WriteAsync(entries);
        Count(counts, "inspections", inspections.Count);
        Count(counts, "inspection answers", entries.Count);

        // Knowledge: articles written from faults (what the fault report's "to knowledge" makes).
        var articles = new List<KnowledgeArticle>();
        for (var i = 0; i < 300; i++)
        {
            var problem = Problems[random.Next(Problems.Length)];
            var created = start.AddDays(random.Next(0, 365 * options.Years));
            var article = new KnowledgeArticle
            {
                Id = ids.Next(created),
                ClientUnitId = unit.Id,
                Title = $"{problem}的处理（{i + 1}）",
                Symptom = $"{problem}，用户报修，现场确认。",
                Cause = random.Next(2) == 0 ? "供电模块老化" : "网络配置变更后未同步",
                Fix = "检查供电与网络，更换故障部件后恢复。",
                Prevention = "纳入周巡检项目。",
                SubsystemId = plan.Subsystems[random.Next(plan.Subsystems.Count)].Id,
                CreatedBy = plan.Engineers[0].Name,
                CreatedAt = created,
            };
            article.Index();
            articles.Add(article);
        }

        await writer.WriteAsync(articles);
        Count(counts, "knowledge articles", articles.Count);
    }

    private static void Count(Dictionary<string, long> counts, string name, long n) =>
        counts[name] = counts.GetValueOrDefault(name) + n;

    /// <summary>Most faults are reported in office hours (China time).</summary>
    private static DateTime ReportTime(Random random, DateTime day)
    {
        var date = DateOnly.FromDateTime(ChinaTime.ToLocal(day));
        var hour = random.Next(10) < 8 ? random.Next(8, 18) : random.Next(0, 24);
        return ChinaTime.ToUtc(date.ToDateTime(new TimeOnly(hour, random.Next(60), random.Next(60))));
    }

    private static Fault Fault(
        UnitPlan plan, Asset? asset, List<Location> rooms, DateTime reportedAt, bool open, DateTime until, Random random, IdSource ids,
        Dictionary<DateOnly, int> perDay, List<FaultEvent> events, List<ApprovalRequest> approvals)
    {
        var unit = plan.Unit;
        var day = DateOnly.FromDateTime(ChinaTime.ToLocal(reportedAt));
        perDay[day] = perDay.GetValueOrDefault(day) + 1;
        var level = random.Next(100) switch { < 5 => FaultLevel.Level1, < 30 => FaultLevel.Level2, _ => FaultLevel.Level3 };
        var (engineerId, engineerName) = plan.Engineers[random.Next(plan.Engineers.Count)];
        var problem = Problems[random.Next(Problems.Length)];
        var fault = new Fault
        {
            Id = ids.Next(reportedAt),
            ClientUnitId = unit.Id,
            Number = $"{unit.Code}-{day:yyyyMMdd}-{perDay[day]:D3}",
            Title = asset is null ? problem : $"{asset.Code} {problem}",
            Description = $"{problem}，请尽快处理。",
            Channel = (FaultChannel)random.Next(0, 6),
            AssetId = asset?.Id,
            LocationId = asset?.LocationId ?? rooms[random.Next(rooms.Count)].Id,
            SubsystemId = asset?.SubsystemId ?? plan.Subsystems[random.Next(plan.Subsystems.Count)].Id,
            CallerName = Callers[random.Next(Callers.Length)],
            CallerPhone = $"0{random.Next(10, 99)}-{random.Next(1000000, 9999999)}",
            ReportedAt = reportedAt,
            SuggestedLevel = random.Next(3) == 0 ? level : null,
            AssigneeId = engineerId,
            AssigneeName = engineerName,
        };
        var mine = new List<FaultEvent>();
        FaultEvent Add(FaultEventType type, DateTime at, string? actor, Action<FaultEvent>? fill = null)
        {
            var e = FaultEvent.Create(fault.Id, unit.Id, type, at, at, actor is null ? null : engineerId, actor ?? "system");
            e.Id = ids.Next(at);
            fill?.Invoke(e);
            mine.Add(e);
            return e;
        }

        // The timeline: answer within (mostly) the response limit, then a proposal, sometimes the client's ruling.
        Add(FaultEventType.Reported, reportedAt, null, e => e.Level = fault.SuggestedLevel);
        var responseLimit = level switch { FaultLevel.Level1 => 10, FaultLevel.Level2 => 30, _ => 60 };
        var steps = open ? random.Next(0, 3) : 9;
        var at = reportedAt.AddMinutes(random.Next(1, random.Next(50) == 0 ? responseLimit * 3 : responseLimit));
        if (steps >= 1)
        {
            Add(FaultEventType.Answered, at, engineerName);
            fault.AnsweredAt = at;
            fault.State = FaultState.InProgress;
            at = at.AddMinutes(random.Next(1, 10));
            Add(FaultEventType.Proposed, at, engineerName, e => e.Level = level);
            fault.ProposedLevel = level;
            fault.ProposedBy = engineerName;
            fault.ProposedAt = at;
            if (random.Next(10) < 3)
            {
                at = at.AddMinutes(random.Next(5, 60));
                var ruled = random.Next(4) == 0 && level > FaultLevel.Level1 ? level - 1 : level;
                Add(FaultEventType.Ruled, at, "信息技术处 李工", e => e.Level = ruled);
                fault.RuledLevel = ruled;
                fault.RuledBy = "信息技术处 李工";
                fault.RuledAt = at;
            }

            at = at.AddMinutes(random.Next(5, 40));
            Add(FaultEventType.ArrivedOnSite, at, engineerName);
            fault.ArrivedAt = at;
        }

        if (steps >= 2)
        {
            at = at.AddMinutes(random.Next(20, 240));
            Add(FaultEventType.Restored, at, engineerName);
            fault.RestoredAt = at;
            fault.State = FaultState.Restored;
        }

        if (!open)
        {
            if (random.Next(10) == 0)
            {
                // A part needed the client's approval first (docs/contract.md §5).
                var asked = at.AddMinutes(10);
                var approval = new ApprovalRequest
                {
                    Id = ids.Next(asked),
                    ClientUnitId = unit.Id,
                    Kind = ApprovalKind.PartReplacement,
                    Title = $"{fault.Number} 更换配件",
                    Description = "更换故障部件",
                    GatedType = GatedRecordType.Fault,
                    GatedId = fault.Id,
                    RequestedById = engineerId,
                    RequestedByName = engineerName,
                    RequestedAt = asked,
                    State = ApprovalState.Approved,
                    DecidedByName = "信息技术处 王主任",
                    DecidedAt = asked.AddMinutes(random.Next(10, 120)),
                };
                approvals.Add(approval);
                Add(FaultEventType.ApprovalRequested, asked, engineerName, e => e.ApprovalId = approval.Id);
                Add(FaultEventType.ApprovalDecided, approval.DecidedAt.Value, "信息技术处 王主任", e => e.ApprovalId = approval.Id);
                at = approval.DecidedAt.Value;
            }

            at = at.AddMinutes(random.Next(10, random.Next(30) == 0 ? 72 * 60 : 600));
            Add(FaultEventType.Resolved, at, engineerName);
            fault.ResolvedAt = at;
            at = at.AddHours(random.Next(1, 48));
            Add(FaultEventType.Confirmed, at, "信息技术处 李工");
            fault.ConfirmedAt = at;
            Add(FaultEventType.Closed, at, "信息技术处 李工");
            fault.ClosedAt = at;
            fault.State = FaultState.Closed;
            fault.Rating = random.Next(10) == 0 ? 3 : 5;
        }

        // What the monitor would have recorded by the end: escalations, warnings, breaches.
        var now = open ? until : fault.ClosedAt!.Value;
        var outcome = FaultClocks.Compute(plan.Policy, mine, now);
        var escalations = outcome.PendingEscalations.ToList();
        foreach (var escalation in escalations)
        {
            Add(FaultEventType.Escalated, escalation.At, null, e => { e.Level = escalation.To; e.Text = $"{escalation.From}"; });
        }

        if (escalations.Count > 0)
        {
            outcome = FaultClocks.Compute(plan.Policy, mine, now);
        }

        foreach (var threshold in outcome.Thresholds.Where(t => t.At <= now))
        {
            fault.DoneThresholds.Add(threshold.Key);
            if (threshold is { Clock: SlaClock.Resolve, Percent: 100 } && outcome.Escalations.Any(e => e.At == threshold.At))
            {
                continue;
            }

            var type = threshold.Percent < 100 ? FaultEventType.Warning
                : threshold is { Clock: SlaClock.Resolve, Level: FaultLevel.Level1 } ? FaultEventType.LeadershipAlerted
                : FaultEventType.Breach;
            Add(type, threshold.At, null, e => { e.Level = threshold.Level; e.Text = threshold.Key; });
        }

        FaultRules.Project(fault, outcome);
        fault.Revision = mine.Count;
        events.AddRange(mine);
        return fault;
    }

    /// <summary>Version-7-shaped ids from the row's time and the seeded generator: same seed, same ids.</summary>
    private sealed class IdSource(Random random)
    {
        private readonly byte[] _bytes = new byte[16];

        public Guid Next(DateTime at)
        {
            random.NextBytes(_bytes);
            var ms = (ulong)new DateTimeOffset(at, TimeSpan.Zero).ToUnixTimeMilliseconds();
            for (var i = 0; i < 6; i++)
            {
                _bytes[i] = (byte)(ms >> (8 * (5 - i)));
            }

            _bytes[6] = (byte)((_bytes[6] & 0x0F) | 0x70);
            _bytes[8] = (byte)((_bytes[8] & 0x3F) | 0x80);
            return new Guid(_bytes, bigEndian: true);
        }
    }
}
