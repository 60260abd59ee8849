using Microsoft.EntityFrameworkCore;

namespace Yunwei.Data.Tests;

public abstract class CompiledQueryTests<TFixture>(TFixture fixture) : DataTest<TFixture>(fixture)
    where TFixture : DatabaseFixture
{
    private static readonly CompiledQuery<Func<YunweiDbContext, string, IAsyncEnumerable<Guid>>> UnitsNamed =
        new(() => EF.CompileAsyncQuery((YunweiDbContext db, string name) => db.ClientUnits.Where(u => u.Name == name).Select(u => u.Id)));

    [SkippableFact]
    public async Task A_compiled_query_runs_on_contexts_of_different_models_and_keeps_the_units_filter()
    {
        RequireDatabase();
        var a = await TestData.NewUnitAsync(Fixture, "编译查询法院");
        var b = await TestData.NewUnitAsync(Fixture, "编译查询法院");

        // Two sets of options make two models (as two test hosts, or the group commit's contexts, do):
        // EF would refuse a compiled query made for one on the other.
        await using var first = Fixture.CreateContext(TestTenant.Of("a-user", a.Id));
        var options = new DbContextOptionsBuilder<YunweiDbContext>();
        Fixture.Settings.Configure(options);
        await using var second = YunweiDbContext.Create(options.EnableSensitiveDataLogging().Options, TestTenant.Of("b-user", b.Id), TimeProvider.System);
        second.Model.ShouldNotBeSameAs(first.Model);

        (await UnitsNamed.For(first)(first, "编译查询法院").ToListAsync()).ShouldBe([a.Id]);
        (await UnitsNamed.For(second)(second, "编译查询法院").ToListAsync()).ShouldBe([b.Id]);
        await using var system = Fixture.CreateContext();
        (await UnitsNamed.For(system)(system, "编译查询法院").ToListAsync()).ShouldBe([a.Id, b.Id], ignoreOrder: true);
    }
}

public sealed class CompiledQueryTests_Sqlite(SqliteFixture fixture) : CompiledQueryTests<SqliteFixture>(fixture);

public sealed class CompiledQueryTests_Postgres(PostgresFixture fixture) : CompiledQueryTests<PostgresFixture>(fixture);
