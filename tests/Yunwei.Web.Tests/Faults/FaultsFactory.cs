using System.Net.Http.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Yunwei.Domain;
using Yunwei.Web.Features.Faults;
using Yunwei.Web.Infrastructure;
using Yunwei.Web.Tests.Infrastructure;

namespace Yunwei.Web.Tests.Faults;

/// <summary>The real host on a test clock: Monday 2 March 2026, 10:00 China time. The background monitor is off; tests sweep.</summary>
public sealed class FaultsFactory : YunweiFactory
{
    public static readonly DateTime Start = ChinaTime.ToUtc(new DateTime(2026, 3, 2, 10, 0, 0));

    public FakeTimeProvider Clock { get; init; } = new(new DateTimeOffset(Start, TimeSpan.Zero));

    /// <summary>More settings for this host (e.g. an SMTP server).</summary>
    public Dictionary<string, string> Settings { get; init; } = [];

    /// <summary>Run on this PostgreSQL database instead of a SQLite file (two instances may share one).</summary>
    public string? Postgres { get; init; }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        if (Postgres is not null)
        {
            builder.UseSetting("Database:Provider", "Postgres");
            builder.UseSetting("ConnectionStrings:Postgres", Postgres);
        }

        builder.UseSetting("Sla:Monitor", "false");
        foreach (var (key, value) in Settings)
        {
            builder.UseSetting(key, value);
        }

        builder.ConfigureServices(s => s.AddSingleton<TimeProvider>(Clock));
    }

    /// <summary>One pass of the SLA monitor, as the system.</summary>
    public async Task<int> SweepAsync()
    {
        await using var scope = Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<CurrentUser>().ActAsSystem();
        return await scope.ServiceProvider.GetRequiredService<SlaSweepHandler>().SweepAsync();
    }

    /// <summary>The demo unit and a fresh asset in it.</summary>
    /// <summary>Runs a test on a host of its own, on a fresh SQLite file or a fresh PostgreSQL database (skipped without one; dropped afterwards).</summary>
    public static async Task OnAsync(bool postgres, Func<FaultsFactory, Task> test)
    {
        var connection = postgres ? TestPostgres.NewDatabase("yunwei_faults_") : null;
        try
        {
            await using var factory = new FaultsFactory { Postgres = connection };
            await test(factory);
        }
        finally
        {
            if (connection is not null)
            {
                await TestPostgres.DropAsync(connection);
            }
        }
    }

    public async Task<(Guid Unit, string AssetCode)> AssetAsync(string typeName = "服务器")
    {
        var resident = await ApiClientAsync("resident");
        var unit = (await (await resident.GetAsync("/api/units")).ReadJsonAsync())[0].GetProperty("id").GetGuid();
        var type = (await (await resident.GetAsync($"/api/units/{unit}/asset-options")).ReadJsonAsync()).GetProperty("types").EnumerateArray()
            .Single(t => t.GetProperty("name").GetString() == typeName).GetProperty("id").GetGuid();
        var code = "SRV-" + Guid.NewGuid().ToString("N")[..6].ToUpperInvariant();
        var response = await resident.PostAsJsonAsync($"/api/units/{unit}/assets", new { code, name = "审判业务服务器", assetTypeId = type, status = "InUse" });
        response.EnsureSuccessStatusCode();
        return (unit, code);
    }
}
