using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Yunwei.Domain.Attendance;
using Yunwei.Domain.Staff;
using Yunwei.Domain.Units;

namespace Yunwei.Data.Configurations;

public sealed class EngineerProfileConfiguration : IEntityTypeConfiguration<EngineerProfile>
{
    public void Configure(EntityTypeBuilder<EngineerProfile> builder)
    {
        builder.ToTable("EngineerProfiles");
        builder.Property(p => p.Phone).HasMaxLength(30);
        builder.Property(p => p.BackupPhone).HasMaxLength(30);
        builder.Property(p => p.Note).HasMaxLength(500);
        builder.Property(p => p.Skills).AsJson();
        builder.Property(p => p.Certificates).AsJson();
        builder.Property(p => p.Revision).IsConcurrencyToken();
        builder.HasOne<Identity.AppUser>().WithMany().HasForeignKey(p => p.UserId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(p => p.UserId).IsUnique();
    }
}

public sealed class AssignmentConfiguration : IEntityTypeConfiguration<Assignment>
{
    public void Configure(EntityTypeBuilder<Assignment> builder)
    {
        builder.ToTable("Assignments");
        builder.Property(a => a.EngineerName).HasMaxLength(256);
        builder.Property(a => a.Note).HasMaxLength(500);
        builder.HasOne<ClientUnit>().WithMany().HasForeignKey(a => a.ClientUnitId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(a => new { a.ClientUnitId, a.StartsOn });
        builder.HasIndex(a => a.UserId);
    }
}

public sealed class AttendanceRecordConfiguration : IEntityTypeConfiguration<AttendanceRecord>
{
    public void Configure(EntityTypeBuilder<AttendanceRecord> builder)
    {
        builder.ToTable("AttendanceRecords");
        builder.HasOne<ClientUnit>().WithMany().HasForeignKey(r => r.ClientUnitId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(r => new { r.UserId, r.Date }).IsUnique();
        builder.HasIndex(r => new { r.ClientUnitId, r.Date });
    }
}

public sealed class AttendanceSheetConfiguration : IEntityTypeConfiguration<AttendanceSheet>
{
    public void Configure(EntityTypeBuilder<AttendanceSheet> builder)
    {
        builder.ToTable("AttendanceSheets");
        builder.HasOne<ClientUnit>().WithMany().HasForeignKey(s => s.ClientUnitId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(s => new { s.ClientUnitId, s.UserId, s.Month }).IsUnique();
    }
}
