using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Yunwei.Domain.Assets;
using Yunwei.Domain.Units;

namespace Yunwei.Data.Configurations;

public sealed class SubsystemConfiguration : IEntityTypeConfiguration<Subsystem>
{
    public void Configure(EntityTypeBuilder<Subsystem> builder)
    {
        builder.ToTable("Subsystems");
        builder.Property(s => s.Name).HasMaxLength(50);
        builder.HasOne<ClientUnit>().WithMany().HasForeignKey(s => s.ClientUnitId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(s => new { s.ClientUnitId, s.Name }).IsUnique();
    }
}

public sealed class LocationConfiguration : IEntityTypeConfiguration<Location>
{
    public void Configure(EntityTypeBuilder<Location> builder)
    {
        builder.ToTable("Locations");
        builder.Property(l => l.Name).HasMaxLength(100);
        builder.HasOne<ClientUnit>().WithMany().HasForeignKey(l => l.ClientUnitId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Location>().WithMany().HasForeignKey(l => l.ParentId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(l => new { l.ClientUnitId, l.ParentId, l.Name }).IsUnique();
    }
}
