using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Yunwei.Domain.Roster;
using Yunwei.Domain.Units;

namespace Yunwei.Data.Configurations;

public sealed class CalendarDayConfiguration : IEntityTypeConfiguration<CalendarDay>
{
    public void Configure(EntityTypeBuilder<CalendarDay> builder)
    {
        builder.ToTable("CalendarDays");
        builder.Property(d => d.Name).HasMaxLength(CalendarDay.NameMaxLength);
        builder.Property(d => d.Source).HasMaxLength(50);
        builder.HasOne<ClientUnit>().WithMany().HasForeignKey(d => d.ClientUnitId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(d => new { d.ClientUnitId, d.Date }).IsUnique();
    }
}

public sealed class SpecialPeriodConfiguration : IEntityTypeConfiguration<SpecialPeriod>
{
    public void Configure(EntityTypeBuilder<SpecialPeriod> builder)
    {
        builder.ToTable("SpecialPeriods");
        builder.Property(p => p.Name).HasMaxLength(100);
        builder.Property(p => p.Note).HasMaxLength(500);
        builder.HasOne<ClientUnit>().WithMany().HasForeignKey(p => p.ClientUnitId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(p => new { p.ClientUnitId, p.StartsOn });
    }
}
