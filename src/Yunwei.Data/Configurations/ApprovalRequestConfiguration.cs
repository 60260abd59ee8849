using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Yunwei.Domain.Approvals;
using Yunwei.Domain.Units;

namespace Yunwei.Data.Configurations;

public sealed class ApprovalRequestConfiguration : IEntityTypeConfiguration<ApprovalRequest>
{
    public void Configure(EntityTypeBuilder<ApprovalRequest> builder)
    {
        builder.ToTable("ApprovalRequests");
        builder.Property(a => a.Title).HasMaxLength(200);
        builder.Property(a => a.Description).HasMaxLength(4000);
        builder.Property(a => a.Fields).AsJson();
        builder.Property(a => a.RequestedByName).HasMaxLength(256);
        builder.Property(a => a.DecidedByName).HasMaxLength(256);
        builder.Property(a => a.DecisionComment).HasMaxLength(1000);
        builder.Property(a => a.VerbalConfirmedBy).HasMaxLength(100);
        builder.Property(a => a.VerbalChannel).HasMaxLength(20);
        builder.Property(a => a.Revision).IsConcurrencyToken();
        builder.HasOne<ClientUnit>().WithMany().HasForeignKey(a => a.ClientUnitId).OnDelete(DeleteBehavior.Restrict);
        // "My pending approvals" asks for the pending requests of a unit; records show their own.
        builder.HasIndex(a => new { a.ClientUnitId, a.State, a.RequestedAt });
        builder.HasIndex(a => new { a.GatedType, a.GatedId });
        builder.HasIndex(a => a.RequestedById);
    }
}

public sealed class SignatureConfiguration : IEntityTypeConfiguration<Yunwei.Domain.Signatures.Signature>
{
    public void Configure(EntityTypeBuilder<Yunwei.Domain.Signatures.Signature> builder)
    {
        builder.ToTable("Signatures");
        builder.Property(s => s.SubjectType).HasMaxLength(50);
        builder.Property(s => s.SignerName).HasMaxLength(256);
        builder.Property(s => s.SignerRole).HasMaxLength(50);
        builder.Property(s => s.ContentHash).HasMaxLength(64);
        builder.Property(s => s.Strokes).AsJson();
        builder.HasOne<ClientUnit>().WithMany().HasForeignKey(s => s.ClientUnitId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(s => new { s.SubjectType, s.SubjectId });
    }
}

public sealed class SparePartConfiguration : IEntityTypeConfiguration<SparePart>
{
    public void Configure(EntityTypeBuilder<SparePart> builder)
    {
        builder.ToTable("SpareParts");
        builder.Property(p => p.Name).HasMaxLength(100);
        builder.Property(p => p.Model).HasMaxLength(100);
        builder.Property(p => p.Notes).HasMaxLength(500);
        builder.Property(p => p.Revision).IsConcurrencyToken();
        builder.HasOne<ClientUnit>().WithMany().HasForeignKey(p => p.ClientUnitId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Yunwei.Domain.Assets.Location>().WithMany().HasForeignKey(p => p.LocationId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(p => new { p.ClientUnitId, p.Name, p.Model }).IsUnique();
    }
}

public sealed class StockMovementConfiguration : IEntityTypeConfiguration<StockMovement>
{
    public void Configure(EntityTypeBuilder<StockMovement> builder)
    {
        builder.ToTable("StockMovements");
        builder.Property(m => m.Note).HasMaxLength(500);
        builder.Property(m => m.By).HasMaxLength(256);
        builder.HasOne<SparePart>().WithMany().HasForeignKey(m => m.SparePartId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(m => new { m.SparePartId, m.At });
        builder.HasIndex(m => m.ApprovalId);
    }
}
