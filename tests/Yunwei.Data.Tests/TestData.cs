using Yunwei.Data.Seeding;
using Yunwei.Domain.Units;

namespace Yunwei.Data.Tests;

internal static class TestData
{
    /// <summary>Adds a unit with its default subsystems and contract, as the system.</summary>
    public static async Task<ClientUnit> NewUnitAsync(DatabaseFixture fixture, string name)
    {
        await using var db = fixture.CreateContext();
        var unit = new ClientUnit { Code = "U" + Guid.NewGuid().ToString("N")[..8].ToUpperInvariant(), Name = name, CreatedAt = DateTime.UnixEpoch };
        db.ClientUnits.Add(unit);
        UnitDefaults.AddTo(db, unit, new DateOnly(2026, 11, 27));
        await db.SaveChangesAsync();
        return unit;
    }
}
