using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Yunwei.Domain.Faults;
using Yunwei.Domain.Notifications;
using Yunwei.Domain.Units;

namespace Yunwei.Data.Configurations;

public sealed class MonitoringAlertConfiguration : IEntityTypeConfiguration<MonitoringAlert>
{
    public void Configure(EntityTypeBuilder<MonitoringAlert> builder)
    {
        builder.ToTable("MonitoringAlerts");
        builder.Property(a => a.Fingerprint).HasMaxLength(200);
        builder.Property(a => a.Name).HasMaxLength(200);
        builder.HasOne<ClientUnit>().WithMany().HasForeignKey(a => a.ClientUnitId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Fault>().WithMany().HasForeignKey(a => a.FaultId).OnDelete(DeleteBehavior.Cascade);
        // One alert (by fingerprint) per fault; the latest one of a fingerprint is looked up on every firing.
        builder.HasIndex(a => new { a.ClientUnitId, a.Source, a.Fingerprint, a.FaultId }).IsUnique();
    }
}

public sealed class IntegrationTokenConfiguration : IEntityTypeConfiguration<IntegrationToken>
{
    public void Configure(EntityTypeBuilder<IntegrationToken> builder)
    {
        builder.ToTable("IntegrationTokens");
        builder.Property(t => t.Purpose).HasMaxLength(20);
        builder.Property(t => t.Name).HasMaxLength(100);
        builder.Property(t => t.TokenHash).HasMaxLength(64);
        builder.Property(t => t.Hint).HasMaxLength(12);
        builder.Property(t => t.CreatedBy).HasMaxLength(256);
        builder.HasOne<ClientUnit>().WithMany().HasForeignKey(t => t.ClientUnitId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(t => t.TokenHash).IsUnique();
    }
}
