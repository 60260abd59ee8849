using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Yunwei.Domain.Units;

namespace Yunwei.Data.Configurations;

public sealed class ClientUnitConfiguration : IEntityTypeConfiguration<ClientUnit>
{
    public void Configure(EntityTypeBuilder<ClientUnit> builder)
    {
        builder.ToTable("ClientUnits");
        builder.Property(u => u.Code).HasMaxLength(ClientUnit.CodeMaxLength);
        builder.Property(u => u.Name).HasMaxLength(ClientUnit.NameMaxLength);
        builder.Property(u => u.Address).HasMaxLength(200);
        builder.Property(u => u.Revision).IsConcurrencyToken();
        builder.HasIndex(u => u.Code).IsUnique();
        builder.HasIndex(u => u.Name);
    }
}

public sealed class ServiceContractConfiguration : IEntityTypeConfiguration<ServiceContract>
{
    public void Configure(EntityTypeBuilder<ServiceContract> builder)
    {
        builder.ToTable("ServiceContracts");
        builder.Property(c => c.Title).HasMaxLength(200);
        builder.Property(c => c.WorkingHours).HasMaxLength(100);
        builder.Property(c => c.SlaTargets).AsJson();
        builder.Property(c => c.LeadershipContacts).AsJson();
        builder.Property(c => c.AssessmentItems).AsJson();
        builder.Property(c => c.BandExcellent).HasPrecision(5, 2);
        builder.Property(c => c.BandGood).HasPrecision(5, 2);
        builder.Property(c => c.BandPass).HasPrecision(5, 2);
        builder.Property(c => c.WarningPercents).AsJson();
        builder.Property(c => c.Revision).IsConcurrencyToken();
        builder.HasOne<ClientUnit>().WithMany().HasForeignKey(c => c.ClientUnitId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(c => new { c.ClientUnitId, c.StartsOn });
    }
}
