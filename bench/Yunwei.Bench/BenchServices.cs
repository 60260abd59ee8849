using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Yunwei.Data;

namespace Yunwei.Bench;

/// <summary>What every benchmark runs on: the app's DbContext on the given database, acting as the system.</summary>
internal static class BenchServices
{
    public static ServiceCollection For(DatabaseSettings database, TimeProvider time)
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton(time);
        services.AddSingleton<ITenantContext>(SystemTenantContext.Instance);
        services.AddYunweiDbContext((_, options) => database.Configure(options));
        return services;
    }
}
