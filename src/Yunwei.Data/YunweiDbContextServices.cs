using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Yunwei.Data;

/// <summary>
/// Registers the app's contexts: taken from EF Core's context pool (creating a context and its internal
/// services was ~5 % of a fault report's CPU), each lease serving the tenant and clock of the scope that
/// asks (see ADR-016). Needs <see cref="ITenantContext"/> and <see cref="TimeProvider"/> registered.
/// </summary>
public static class YunweiDbContextServices
{
    public static IServiceCollection AddYunweiDbContext(this IServiceCollection services, Action<IServiceProvider, DbContextOptionsBuilder<YunweiDbContext>> configure)
    {
        // The options are built once for the process (built per request they re-ran the provider's set-up).
        services.AddSingleton(sp =>
        {
            var options = new DbContextOptionsBuilder<YunweiDbContext>();
            configure(sp, options);
            return options.Options;
        });
        services.AddSingleton<DbContextOptions>(sp => sp.GetRequiredService<DbContextOptions<YunweiDbContext>>());
        services.AddSingleton(sp => new PooledDbContextFactory<YunweiDbContext>(sp.GetRequiredService<DbContextOptions<YunweiDbContext>>()));
        services.AddScoped<IDbContextFactory<YunweiDbContext>, TenantDbContextFactory>();

        // For Identity's stores, Data Protection's key ring and the health check: one lease per scope, returned with it.
        services.AddScoped(sp => sp.GetRequiredService<IDbContextFactory<YunweiDbContext>>().CreateDbContext());
        return services;
    }

    private sealed class TenantDbContextFactory(PooledDbContextFactory<YunweiDbContext> pool, ITenantContext tenant, TimeProvider time)
        : IDbContextFactory<YunweiDbContext>
    {
        public YunweiDbContext CreateDbContext() => pool.CreateDbContext().Serve(tenant, time);

        public async Task<YunweiDbContext> CreateDbContextAsync(CancellationToken cancellationToken = default) =>
            (await pool.CreateDbContextAsync(cancellationToken)).Serve(tenant, time);
    }
}
