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

public sealed class UnitMailboxConfiguration : IEntityTypeConfiguration<UnitMailbox>
{
    public void Configure(EntityTypeBuilder<UnitMailbox> builder)
    {
        builder.ToTable("UnitMailboxes");
        builder.Property(m => m.Host).HasMaxLength(200);
        builder.Property(m => m.UserName).HasMaxLength(200);
        builder.Property(m => m.ProtectedPassword).HasMaxLength(2000);
        builder.Property(m => m.Folder).HasMaxLength(200);
        builder.Property(m => m.Address).HasMaxLength(256);
        builder.Property(m => m.LastError).HasMaxLength(1000);
        builder.Property(m => m.Revision).IsConcurrencyToken();
        builder.HasOne<ClientUnit>().WithMany().HasForeignKey(m => m.ClientUnitId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(m => m.ClientUnitId).IsUnique();
    }
}

public sealed class InboundMailConfiguration : IEntityTypeConfiguration<InboundMail>
{
    public void Configure(EntityTypeBuilder<InboundMail> builder)
    {
        builder.ToTable("InboundMails");
        builder.Property(m => m.MessageId).HasMaxLength(500);
        builder.Property(m => m.From).HasMaxLength(300);
        builder.Property(m => m.Subject).HasMaxLength(300);
        builder.Property(m => m.Reason).HasMaxLength(500);
        builder.HasOne<UnitMailbox>().WithMany().HasForeignKey(m => m.MailboxId).OnDelete(DeleteBehavior.Cascade);
        // A mail is handled once, however often it is read (a crash before the UID was saved, a new UIDVALIDITY).
        builder.HasIndex(m => new { m.MailboxId, m.MessageId }).IsUnique();
        builder.HasIndex(m => new { m.ClientUnitId, m.ReceivedAt });
    }
}

public sealed class FaultAttachmentConfiguration : IEntityTypeConfiguration<FaultAttachment>
{
    public void Configure(EntityTypeBuilder<FaultAttachment> builder)
    {
        builder.ToTable("FaultAttachments");
        builder.Property(a => a.FileName).HasMaxLength(120);
        builder.Property(a => a.ContentType).HasMaxLength(120);
        builder.Property(a => a.Sha256).HasMaxLength(64);
        builder.Property(a => a.StorageKey).HasMaxLength(200);
        builder.Property(a => a.CreatedBy).HasMaxLength(256);
        builder.HasOne<Fault>().WithMany().HasForeignKey(a => a.FaultId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(a => a.FaultId);
    }
}

public sealed class NotificationRuleConfiguration : IEntityTypeConfiguration<NotificationRule>
{
    public void Configure(EntityTypeBuilder<NotificationRule> builder)
    {
        builder.ToTable("NotificationRules");
        builder.Property(r => r.Event).HasMaxLength(100);
        builder.Property(r => r.Role).HasMaxLength(50);
        builder.HasOne<ClientUnit>().WithMany().HasForeignKey(r => r.ClientUnitId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(r => r.ClientUnitId);
    }
}

public sealed class MessageTemplateConfiguration : IEntityTypeConfiguration<MessageTemplate>
{
    public void Configure(EntityTypeBuilder<MessageTemplate> builder)
    {
        builder.ToTable("MessageTemplates");
        builder.Property(t => t.MessageKey).HasMaxLength(100);
        builder.Property(t => t.Culture).HasMaxLength(10);
        builder.Property(t => t.Text).HasMaxLength(1000);
        builder.Property(t => t.Revision).IsConcurrencyToken();
        builder.Property(t => t.UpdatedBy).HasMaxLength(256);
        builder.HasIndex(t => new { t.MessageKey, t.Culture }).IsUnique();
    }
}
