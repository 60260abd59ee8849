using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Yunwei.Data.Migrations.Postgres;

/// <summary>Used by <c>dotnet ef</c> only (see eng/add-migration.sh); no connection is opened to add a migration.</summary>
public sealed class DesignTimeFactory : IDesignTimeDbContextFactory<YunweiDbContext>
{
    public YunweiDbContext CreateDbContext(string[] args)
    {
        var options = new DbContextOptionsBuilder<YunweiDbContext>();
        new DatabaseSettings(DatabaseProviderKind.Postgres, "Host=127.0.0.1;Database=yunwei_design;Username=yunwei").Configure(options);
        return YunweiDbContext.Create(options.Options, SystemTenantContext.Instance, TimeProvider.System);
    }
}
