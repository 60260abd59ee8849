using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Yunwei.Domain.Assessment;
using Yunwei.Domain.Complaints;
using Yunwei.Domain.Units;

namespace Yunwei.Data.Configurations;

public sealed class ComplaintConfiguration : IEntityTypeConfiguration<Complaint>
{
    public void Configure(EntityTypeBuilder<Complaint> builder)
    {
        builder.ToTable("Complaints");
        builder.Property(c => c.Number).HasMaxLength(30);
        builder.Property(c => c.Subject).HasMaxLength(200);
        builder.Property(c => c.Description).HasMaxLength(Complaint.MaxText);
        builder.Property(c => c.Concerning).HasMaxLength(200);
        builder.Property(c => c.ComplainantName).HasMaxLength(100);
        builder.Property(c => c.ComplainantPhone).HasMaxLength(30);
        builder.Property(c => c.RecordedBy).HasMaxLength(256);
        builder.Property(c => c.ClosedBy).HasMaxLength(256);
        builder.Property(c => c.Revision).IsConcurrencyToken();
        builder.HasOne<ClientUnit>().WithMany().HasForeignKey(c => c.ClientUnitId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(c => c.Number).IsUnique();
        builder.HasIndex(c => new { c.ClientUnitId, c.State, c.ReceivedAt });
        builder.HasIndex(c => new { c.ClientUnitId, c.ReceivedAt });
        // The monitor asks "what is due now", never scans the table.
        builder.HasIndex(c => c.NextDueAt);
    }
}

public sealed class ComplaintEventConfiguration : IEntityTypeConfiguration<ComplaintEvent>
{
    public void Configure(EntityTypeBuilder<ComplaintEvent> builder)
    {
        builder.ToTable("ComplaintEvents");
        builder.Property(e => e.ActorName).HasMaxLength(256);
        builder.Property(e => e.Text).HasMaxLength(Complaint.MaxText);
        builder.HasOne<Complaint>().WithMany().HasForeignKey(e => e.ComplaintId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(e => new { e.ComplaintId, e.At });
    }
}

public sealed class QuarterlyGoalConfiguration : IEntityTypeConfiguration<QuarterlyGoal>
{
    public void Configure(EntityTypeBuilder<QuarterlyGoal> builder)
    {
        builder.ToTable("QuarterlyGoals");
        builder.Property(g => g.Title).HasMaxLength(200);
        builder.Property(g => g.Target).HasMaxLength(QuarterlyGoal.MaxText);
        builder.Property(g => g.AssessmentComment).HasMaxLength(QuarterlyGoal.MaxText);
        builder.Property(g => g.AssessedBy).HasMaxLength(256);
        builder.Property(g => g.Completion).HasPrecision(5, 2);
        builder.Property(g => g.Progress).AsJson();
        builder.Property(g => g.Revision).IsConcurrencyToken();
        builder.HasOne<ClientUnit>().WithMany().HasForeignKey(g => g.ClientUnitId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(g => new { g.ClientUnitId, g.Year, g.Quarter, g.SortOrder });
    }
}

public sealed class QuarterlyAssessmentConfiguration : IEntityTypeConfiguration<QuarterlyAssessment>
{
    public void Configure(EntityTypeBuilder<QuarterlyAssessment> builder)
    {
        builder.ToTable("QuarterlyAssessments");
        builder.Property(a => a.Comment).HasMaxLength(QuarterlyGoal.MaxText);
        builder.Property(a => a.UpdatedBy).HasMaxLength(256);
        builder.Property(a => a.Inputs).AsJson();
        builder.Property(a => a.Revision).IsConcurrencyToken();
        builder.HasOne<ClientUnit>().WithMany().HasForeignKey(a => a.ClientUnitId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(a => new { a.ClientUnitId, a.Year, a.Quarter, a.Version }).IsUnique();
    }
}
