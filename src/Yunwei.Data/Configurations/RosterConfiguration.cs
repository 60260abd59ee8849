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
        builder.Property(d => d.Revision).IsConcurrencyToken();
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

public sealed class DutyRosterConfiguration : IEntityTypeConfiguration<DutyRoster>
{
    public void Configure(EntityTypeBuilder<DutyRoster> builder)
    {
        builder.ToTable("DutyRosters");
        builder.Property(r => r.PublishedBy).HasMaxLength(256);
        builder.Property(r => r.GapsAcknowledgement).HasMaxLength(500);
        builder.Property(r => r.Revision).IsConcurrencyToken();
        builder.HasOne<ClientUnit>().WithMany().HasForeignKey(r => r.ClientUnitId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(r => new { r.ClientUnitId, r.Month }).IsUnique();
    }
}

public sealed class ShiftConfiguration : IEntityTypeConfiguration<Shift>
{
    public void Configure(EntityTypeBuilder<Shift> builder)
    {
        builder.ToTable("Shifts");
        builder.Property(s => s.EngineerName).HasMaxLength(256);
        builder.Property(s => s.Phone).HasMaxLength(30);
        builder.Property(s => s.Note).HasMaxLength(200);
        builder.Ignore(s => s.Span);
        builder.HasOne<DutyRoster>().WithMany().HasForeignKey(s => s.RosterId).OnDelete(DeleteBehavior.Cascade);

        // "Who is on duty now" and an engineer's own shifts: both ask by time.
        builder.HasIndex(s => new { s.ClientUnitId, s.StartsAt });
        builder.HasIndex(s => new { s.EngineerId, s.StartsAt });
        builder.HasIndex(s => s.RosterId);
    }
}

public sealed class ShiftSwapConfiguration : IEntityTypeConfiguration<ShiftSwap>
{
    public void Configure(EntityTypeBuilder<ShiftSwap> builder)
    {
        builder.ToTable("ShiftSwaps");
        builder.Property(s => s.FromEngineerName).HasMaxLength(256);
        builder.Property(s => s.ToEngineerName).HasMaxLength(256);
        builder.Property(s => s.Reason).HasMaxLength(500);
        builder.Property(s => s.By).HasMaxLength(256);
        builder.HasOne<Shift>().WithMany().HasForeignKey(s => s.ShiftId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(s => new { s.ShiftId, s.At });
    }
}

public sealed class CalendarFeedConfiguration : IEntityTypeConfiguration<CalendarFeed>
{
    public void Configure(EntityTypeBuilder<CalendarFeed> builder)
    {
        builder.ToTable("CalendarFeeds");
        builder.Property(f => f.TokenHash).HasMaxLength(64);
        builder.Property(f => f.Prefix).HasMaxLength(12);
        builder.HasIndex(f => f.TokenHash).IsUnique();
        builder.HasIndex(f => f.UserId);
    }
}
