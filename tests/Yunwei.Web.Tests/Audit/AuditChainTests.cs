using System.Net.Http.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Yunwei.Data;
using Yunwei.Web.Features.Audit;
using Yunwei.Web.Infrastructure;
using Yunwei.Web.Tests.Infrastructure;

namespace Yunwei.Web.Tests.Audit;

/// <summary>The host with the background sealer off: the test seals when it wants to.</summary>
public sealed class SealerOffFactory : YunweiFactory
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Audit:Sealer", "false");
    }
}

/// <summary>Tamper evidence: the sealed audit trail is a hash chain; changing or removing an entry is found, at the first broken link.</summary>
public sealed class AuditChainTests(SealerOffFactory factory) : IClassFixture<SealerOffFactory>
{
    [Fact]
    public async Task The_chain_holds_and_the_verifier_finds_a_changed_or_removed_entry()
    {
        var resident = await factory.ApiClientAsync("resident");
        var unit = (await (await resident.GetAsync("/api/units")).ReadJsonAsync())[0].GetProperty("id").GetGuid();
        var location = (await (await resident.GetAsync($"/api/units/{unit}/asset-options")).ReadJsonAsync()).GetProperty("locations")[0].GetProperty("id").GetGuid();
        await resident.PostAsJsonAsync($"/api/units/{unit}/faults", new { description = "审计链：打印机卡纸", locationId = location, callerName = "办公室", channel = "Hotline" });

        await using var scope = factory.Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<CurrentUser>().ActAsSystem();
        var chain = scope.ServiceProvider.GetRequiredService<AuditChainHandler>();
        var db = scope.ServiceProvider.GetRequiredService<YunweiDbContext>();
        var total = await db.AuditEntries.IgnoreQueryFilters().LongCountAsync();
        (await chain.SealAsync()).ShouldBe((int)total);
        var intact = await chain.VerifyAsync();
        (intact.BrokenAt, intact.Entries, intact.Pending).ShouldBe((null, total, 0L));
        intact.HeadHash.ShouldNotBeNull().Length.ShouldBe(64);

        // Two sealers at once (two instances): no fork, nothing sealed twice.
        await resident.PostAsJsonAsync($"/api/units/{unit}/faults", new { description = "审计链：两个封存者", locationId = location, callerName = "办公室", channel = "Hotline" });
        await using (var other = factory.Services.CreateAsyncScope())
        {
            other.ServiceProvider.GetRequiredService<CurrentUser>().ActAsSystem();
            await Task.WhenAll(chain.SealAsync(), other.ServiceProvider.GetRequiredService<AuditChainHandler>().SealAsync());
        }

        await chain.SealAsync();
        var after = await chain.VerifyAsync();
        after.BrokenAt.ShouldBeNull();
        after.Pending.ShouldBe(0);
        after.Entries.ShouldBe(await db.AuditEntries.IgnoreQueryFilters().LongCountAsync());

        // The database refuses changes to sealed entries through the app's connection…
        await Should.ThrowAsync<Microsoft.Data.Sqlite.SqliteException>(() => db.Database.ExecuteSqlRawAsync("UPDATE AuditEntries SET UserName = 'x' WHERE Sequence = 5"));
        await Should.ThrowAsync<Microsoft.Data.Sqlite.SqliteException>(() => db.Database.ExecuteSqlRawAsync("DELETE FROM AuditEntries WHERE Sequence = 5"));

        // … so someone with the file drops the guards and edits an entry: found at that entry.
        await db.Database.ExecuteSqlRawAsync("DROP TRIGGER AuditEntries_no_update; DROP TRIGGER AuditEntries_no_delete;");
        var original = await db.AuditEntries.IgnoreQueryFilters().AsNoTracking().SingleAsync(a => a.Sequence == 5);
        await db.Database.ExecuteSqlRawAsync("UPDATE AuditEntries SET UserName = 'someone-else' WHERE Sequence = 5");
        var changed = await chain.VerifyAsync();
        changed.BrokenAt.ShouldBe(5);
        changed.BrokenEntryId.ShouldBe(original.Id);
        changed.Entries.ShouldBe(4);
        await db.Database.ExecuteSqlRawAsync("UPDATE AuditEntries SET UserName = {0} WHERE Sequence = 5", original.UserName!);
        (await chain.VerifyAsync()).BrokenAt.ShouldBeNull();

        // Someone removes an entry: found where it is missing.
        await db.Database.ExecuteSqlRawAsync("DELETE FROM AuditEntries WHERE Sequence = 3");
        var removed = await chain.VerifyAsync();
        removed.BrokenAt.ShouldBe(3);
        removed.Problem!.ShouldContain("missing");
    }
}
