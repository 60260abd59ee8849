using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Yunwei.Domain.Audit;

namespace Yunwei.Data.Configurations;

public sealed class AuditEntryConfiguration : IEntityTypeConfiguration<AuditEntry>
{
    public void Configure(EntityTypeBuilder<AuditEntry> builder)
    {
        builder.ToTable("AuditEntries");
        builder.Property(a => a.UserName).HasMaxLength(256);
        builder.Property(a => a.Entity).HasMaxLength(100);
        builder.Property(a => a.EntityKey).HasMaxLength(200);
        // Keyset paging newest first, by unit, by user, by record.
        builder.HasIndex(a => a.At);
        builder.HasIndex(a => new { a.ClientUnitId, a.At });
        builder.HasIndex(a => new { a.UserId, a.At });
        builder.HasIndex(a => new { a.Entity, a.EntityKey });
        builder.Property(a => a.Hash).HasMaxLength(64);
        // One entry per place in the chain: two sealers can never fork it.
        builder.HasIndex(a => a.Sequence).IsUnique();
    }
}
