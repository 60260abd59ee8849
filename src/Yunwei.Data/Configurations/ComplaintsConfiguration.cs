using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
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
