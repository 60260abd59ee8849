using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Yunwei.Data.Migrations.Sqlite;

/// <summary>Used by <c>dotnet ef</c> only (see eng/add-migration.sh).</summary>
public sealed class DesignTimeFactory : IDesignTimeDbContextFactory<YunweiDbContext>
{
    public YunweiDbContext CreateDbContext(string[] args)
    {
        var options = new DbContextOptionsBuilder<YunweiDbContext>();
        new DatabaseSettings(DatabaseProviderKind.Sqlite, "Data Source=design-time.db").Configure(options);
        return YunweiDbContext.Create(options.Options, SystemTenantContext.Instance, TimeProvider.System);
    }
}
