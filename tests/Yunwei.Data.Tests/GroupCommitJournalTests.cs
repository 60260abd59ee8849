using Microsoft.EntityFrameworkCore;
using Yunwei.Domain.Assets;

namespace Yunwei.Data.Tests;

/// <summary>
/// Runs alone (no other test opens SQLite files meanwhile): it looks at the process's open files.
/// </summary>
[CollectionDefinition(nameof(GroupCommitJournalTests), DisableParallelization = true)]
public sealed class GroupCommitJournalRunsAlone;

[Collection(nameof(GroupCommitJournalTests))]
public sealed class GroupCommitJournalTests(SqliteFixture fixture) : DataTest<SqliteFixture>(fixture)
{
    [SkippableFact]
    public async Task A_write_that_changes_many_pages_keeps_its_savepoint_journal_in_memory()
    {
        Skip.IfNot(OperatingSystem.IsLinux(), "Reads the open files from /proc/self/fd.");
        var unit = await TestData.NewUnitAsync(Fixture, "日志内存法院");
        var factory = new TenantContextFactory(Fixture, TestTenant.System);

        var temporaryFiles = await GroupCommit.RunAsync(factory, async (db, ct) =>
        {
            // 600 rooms and their audit entries change far more than the 16 pages a journal holds before it spills.
            for (var i = 0; i < 600; i++)
            {
                db.Locations.Add(new Location { ClientUnitId = unit.Id, Name = $"机房{i:000}-{new string('间', 40)}", Kind = LocationKind.ServerRoom });
            }

            await db.SaveChangesAsync(ct);

            // SQLite names its temporary files etilqs_*, and removes them from the folder as it opens them.
            return Directory.GetFiles("/proc/self/fd")
                .Select(Target)
                .Where(target => target is not null && target.Contains("etilqs_", StringComparison.Ordinal))
                .ToList();
        });

        temporaryFiles.ShouldBeEmpty();
        await using var read = Fixture.CreateContext();
        (await read.Locations.CountAsync(l => l.ClientUnitId == unit.Id)).ShouldBe(600);
    }

    /// <summary>What an open file descriptor points at; null when it was closed meanwhile.</summary>
    private static string? Target(string fd)
    {
        try
        {
            return new FileInfo(fd).LinkTarget;
        }
        catch (IOException)
        {
            return null;
        }
    }
}
