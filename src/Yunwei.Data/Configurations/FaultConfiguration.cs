using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Yunwei.Domain.Assets;
using Yunwei.Domain.Faults;
using Yunwei.Domain.Notifications;
using Yunwei.Domain.Units;

namespace Yunwei.Data.Configurations;

public sealed class FaultConfiguration : IEntityTypeConfiguration<Fault>
{
    public void Configure(EntityTypeBuilder<Fault> builder)
    {
        builder.ToTable("Faults");
        builder.Property(f => f.Number).HasMaxLength(40);
        builder.Property(f => f.Title).HasMaxLength(200);
        builder.Property(f => f.Description).HasMaxLength(4000);
        builder.Property(f => f.CallerName).HasMaxLength(100);
        builder.Property(f => f.CallerPhone).HasMaxLength(30);
        builder.Property(f => f.CallerEmail).HasMaxLength(256);
        builder.Property(f => f.ProposedBy).HasMaxLength(256);
        builder.Property(f => f.RuledBy).HasMaxLength(256);
        builder.Property(f => f.AssigneeName).HasMaxLength(256);
        builder.Property(f => f.RatingComment).HasMaxLength(1000);
        builder.Property(f => f.IdempotencyKey).HasMaxLength(100);
        builder.Property(f => f.IdempotencyFingerprint).HasMaxLength(64);
        builder.Property(f => f.DoneThresholds).AsJson();
        builder.Property(f => f.Revision).IsConcurrencyToken();
        builder.Ignore(f => f.IsOpen);
        builder.HasOne<ClientUnit>().WithMany().HasForeignKey(f => f.ClientUnitId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Asset>().WithMany().HasForeignKey(f => f.AssetId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Location>().WithMany().HasForeignKey(f => f.LocationId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Subsystem>().WithMany().HasForeignKey(f => f.SubsystemId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(f => new { f.ClientUnitId, f.Number }).IsUnique();

        // The open-fault list of a unit, nearest deadline first (keyset on deadline, id): a range in index
        // order, however many faults are open. The full list, newest first, likewise.
        builder.Property(f => f.OpenDeadline).UsePropertyAccessMode(PropertyAccessMode.Property);
        builder.HasIndex(f => new { f.ClientUnitId, f.OpenDeadline, f.Id });

        // The open list's common filters (level, subsystem, breached) read their own range in order too.
        builder.HasIndex(f => new { f.ClientUnitId, f.Level, f.OpenDeadline, f.Id });
        builder.HasIndex(f => new { f.ClientUnitId, f.SubsystemId, f.OpenDeadline, f.Id });
        builder.HasIndex(f => new { f.ClientUnitId, f.Breached, f.OpenDeadline, f.Id });
        builder.HasIndex(f => new { f.ClientUnitId, f.ReportedAt, f.Id });

        // The SLA monitor asks only for what is due: a range scan on this column.
        builder.HasIndex(f => f.NextDueAt);
        builder.HasIndex(f => new { f.AssigneeId, f.State });
        builder.HasIndex(f => new { f.AssetId, f.ReportedAt });
        builder.HasIndex(f => f.CallerUserId);
        builder.HasIndex(f => new { f.CreatedById, f.IdempotencyKey }).IsUnique();
    }
}

public sealed class FaultEventConfiguration : IEntityTypeConfiguration<FaultEvent>
{
    public void Configure(EntityTypeBuilder<FaultEvent> builder)
    {
        builder.ToTable("FaultEvents");
        builder.Property(e => e.ActorName).HasMaxLength(256);
        builder.Property(e => e.Text).HasMaxLength(2000);
        builder.Ignore(e => e.MovesClocks);
        builder.HasOne<Fault>().WithMany().HasForeignKey(e => e.FaultId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(e => new { e.FaultId, e.At });
        builder.HasIndex(e => e.ApprovalId);
    }
}

public sealed class NotificationConfiguration : IEntityTypeConfiguration<Notification>
{
    public void Configure(EntityTypeBuilder<Notification> builder)
    {
        builder.ToTable("Notifications");
        builder.Property(n => n.MessageKey).HasMaxLength(100);
        builder.Property(n => n.Args).AsJson();
        builder.Property(n => n.Link).HasMaxLength(300);
        builder.Property(n => n.DedupKey).HasMaxLength(200);
        builder.HasIndex(n => new { n.RecipientId, n.DedupKey }).IsUnique();

        // The unread badge and the notification centre: newest first per person.
        builder.HasIndex(n => new { n.RecipientId, n.ReadAt, n.CreatedAt });

        // The dispatcher asks for what is not yet handed to the channels.
        builder.HasIndex(n => n.Queued);
        builder.Property(n => n.MailError).HasMaxLength(1000);
        // The mail sender reads what is pending and due.
        builder.HasIndex(n => new { n.Mail, n.MailDueAt });
    }
}

public sealed class FaultReportConfiguration : IEntityTypeConfiguration<FaultReport>
{
    public void Configure(EntityTypeBuilder<FaultReport> builder)
    {
        builder.ToTable("FaultReports");
        foreach (var text in new[] { nameof(FaultReport.Diagnosis), nameof(FaultReport.RootCause), nameof(FaultReport.EmergencyMeasures), nameof(FaultReport.Fix), nameof(FaultReport.Prevention) })
        {
            builder.Property(text).HasMaxLength(FaultReport.MaxText);
        }

        builder.Property(r => r.UpdatedBy).HasMaxLength(256);
        builder.Property(r => r.Revision).IsConcurrencyToken();
        builder.HasOne<Fault>().WithMany().HasForeignKey(r => r.FaultId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(r => r.FaultId).IsUnique();
    }
}

public sealed class KnowledgeArticleConfiguration : IEntityTypeConfiguration<Yunwei.Domain.Knowledge.KnowledgeArticle>
{
    public void Configure(EntityTypeBuilder<Yunwei.Domain.Knowledge.KnowledgeArticle> builder)
    {
        builder.ToTable("KnowledgeArticles");
        builder.Property(a => a.Title).HasMaxLength(200);
        builder.Property(a => a.Symptom).HasMaxLength(4000);
        builder.Property(a => a.Cause).HasMaxLength(4000);
        builder.Property(a => a.Fix).HasMaxLength(4000);
        builder.Property(a => a.Prevention).HasMaxLength(4000);
        builder.Property(a => a.SearchText).HasMaxLength(20000);
        builder.Property(a => a.CreatedBy).HasMaxLength(256);
        builder.HasOne<ClientUnit>().WithMany().HasForeignKey(a => a.ClientUnitId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(a => new { a.ClientUnitId, a.CreatedAt });
        builder.HasIndex(a => a.SourceFaultId).IsUnique();
    }
}
