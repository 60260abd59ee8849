using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Npgsql;
using Yunwei.Data;
using Yunwei.Domain.Faults;
using Yunwei.Web.Infrastructure;
using Yunwei.Web.Tests.Infrastructure;

namespace Yunwei.Web.Tests.Faults;

/// <summary>
/// Two app instances on one PostgreSQL database sweep at the same moment: every warning, breach and
/// escalation is written exactly once, and each person is notified once.
/// </summary>
public sealed class TwoMonitorsTests
{
    [SkippableFact]
    public async Task Two_instances_sweeping_one_postgres_database_act_on_each_threshold_once()
    {
        var connection = TestPostgres.NewDatabase("yunwei_monitors_");
        var clock = new FakeTimeProvider(new DateTimeOffset(FaultsFactory.Start, TimeSpan.Zero));
        try
        {
            await using var first = new FaultsFactory { Postgres = connection, Clock = clock };
            await using var second = new FaultsFactory { Postgres = connection, Clock = clock };
            var (unit, code) = await first.AssetAsync();
            _ = second.Services; // the second instance starts on the migrated, seeded database
            var duty = await first.ApiClientAsync("duty");
            var ids = new List<Guid>();
            foreach (var level in new[] { "Level1", "Level2", "Level3", "Level2", "Level1", "Level3" })
            {
                var created = await duty.PostAsJsonAsync($"/api/units/{unit}/faults", new { description = "并发监控 " + level, assetCode = code, callerName = "测试", proposedLevel = level, channel = "Hotline" });
                created.StatusCode.ShouldBe(HttpStatusCode.Created);
                ids.Add((await created.ReadJsonAsync()).GetProperty("id").GetGuid());
            }

            // Past several warnings and the level-3 and level-2 resolve deadlines: escalations too.
            foreach (var hours in new[] { 3.5, 7, 26, 50 })
            {
                clock.SetUtcNow(new DateTimeOffset(FaultsFactory.Start.AddHours(hours), TimeSpan.Zero));
                await Task.WhenAll(first.SweepAsync(), second.SweepAsync(), first.SweepAsync(), second.SweepAsync());
            }

            await using var scope = first.Services.CreateAsyncScope();
            scope.ServiceProvider.GetRequiredService<CurrentUser>().ActAsSystem();
            await using var db = await scope.ServiceProvider.GetRequiredService<IDbContextFactory<YunweiDbContext>>().CreateDbContextAsync();
            var acted = await db.FaultEvents.Where(e => ids.Contains(e.FaultId)
                    && (e.Type == FaultEventType.Warning || e.Type == FaultEventType.Breach || e.Type == FaultEventType.Escalated || e.Type == FaultEventType.LeadershipAlerted))
                .Select(e => new { e.FaultId, e.Type, e.Text, e.Level }).ToListAsync();
            acted.Count.ShouldBeGreaterThan(ids.Count, "the sweeps had work to do");
            acted.GroupBy(e => (e.FaultId, e.Type, e.Text, e.Level)).Where(g => g.Count() > 1).ShouldBeEmpty();
            acted.Count(e => e.Type == FaultEventType.Escalated).ShouldBeGreaterThanOrEqualTo(4);
            var notes = await db.Notifications.Where(n => n.Link != null && ids.Select(i => "/faults/" + i).Contains(n.Link)).Select(n => new { n.RecipientId, n.DedupKey }).ToListAsync();
            notes.GroupBy(n => n, n => n).Where(g => g.Count() > 1).ShouldBeEmpty();
            notes.ShouldNotBeEmpty();

            // Replayed afterwards, nothing is left to do.
            (await first.SweepAsync() + await second.SweepAsync()).ShouldBe(0);

            // Both instances seal the audit trail at once: one chain, every entry in it once, and
            // PostgreSQL refuses to change a sealed entry.
            async Task<int> SealAsync(FaultsFactory instance)
            {
                await using var s = instance.Services.CreateAsyncScope();
                s.ServiceProvider.GetRequiredService<CurrentUser>().ActAsSystem();
                return await s.ServiceProvider.GetRequiredService<Yunwei.Web.Features.Audit.AuditChainHandler>().SealAsync();
            }

            await Task.WhenAll(SealAsync(first), SealAsync(second), SealAsync(first), SealAsync(second));
            await SealAsync(first);
            var chain = await scope.ServiceProvider.GetRequiredService<Yunwei.Web.Features.Audit.AuditChainHandler>().VerifyAsync();
            chain.BrokenAt.ShouldBeNull(chain.Problem);
            chain.Pending.ShouldBe(0);
            chain.Entries.ShouldBe(await db.AuditEntries.IgnoreQueryFilters().LongCountAsync());
            await Should.ThrowAsync<PostgresException>(() => db.Database.ExecuteSqlRawAsync("UPDATE \"AuditEntries\" SET \"UserName\" = 'x' WHERE \"Sequence\" = 1"));
        }
        finally
        {
            await TestPostgres.DropAsync(connection);
        }
    }
}
