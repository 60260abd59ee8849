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

public sealed class NotificationChannelConfiguration : IEntityTypeConfiguration<NotificationChannel>
{
    public void Configure(EntityTypeBuilder<NotificationChannel> builder)
    {
        builder.ToTable("NotificationChannels");
        builder.Property(c => c.Name).HasMaxLength(100);
        builder.Property(c => c.Url).HasMaxLength(1000);
        builder.Property(c => c.ProtectedSecret).HasMaxLength(2000);
        builder.Property(c => c.Events).AsJson();
        builder.Property(c => c.MentionMobiles).AsJson();
        builder.Property(c => c.Revision).IsConcurrencyToken();
        builder.HasOne<ClientUnit>().WithMany().HasForeignKey(c => c.ClientUnitId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(c => c.ClientUnitId);
    }
}

public sealed class ChannelDeliveryConfiguration : IEntityTypeConfiguration<ChannelDelivery>
{
    public void Configure(EntityTypeBuilder<ChannelDelivery> builder)
    {
        builder.ToTable("ChannelDeliveries");
        builder.Property(d => d.EventKey).HasMaxLength(200);
        builder.Property(d => d.Title).HasMaxLength(200);
        builder.Property(d => d.Text).HasMaxLength(4000);
        builder.Property(d => d.Link).HasMaxLength(500);
        builder.Property(d => d.LastError).HasMaxLength(1000);
        builder.HasOne<NotificationChannel>().WithMany().HasForeignKey(d => d.ChannelId).OnDelete(DeleteBehavior.Cascade);
        // Exactly once per channel and event, however many recipients or dispatcher hosts.
        builder.HasIndex(d => new { d.ChannelId, d.EventKey }).IsUnique();
        builder.HasIndex(d => new { d.State, d.NextAttemptAt });
    }
}
