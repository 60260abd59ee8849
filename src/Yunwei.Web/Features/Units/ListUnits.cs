using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Yunwei.Data;
using Yunwei.Web.Platform;

namespace Yunwei.Web.Features.Units;


/// <summary>The units the current user may see, sorted by name in Chinese (pinyin) order.</summary>
public sealed class ListUnitsHandler(IDbContextFactory<YunweiDbContext> dbFactory)
{
    private static readonly StringComparer Chinese = StringComparer.Create(new CultureInfo("zh-CN"), ignoreCase: true);

    public async Task<IReadOnlyList<UnitSummary>> HandleAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var units = await db.ClientUnits.AsNoTracking()
            .Select(u => new UnitSummary(u.Id, u.Code, u.Name, u.Address, u.IsActive, u.Revision))
            .ToListAsync(cancellationToken);
        return [.. units.OrderBy(u => u.Name, Chinese)];
    }
}
