using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Yunwei.Data.Identity;
using Yunwei.Domain.Assets;
using Yunwei.Domain.Units;

namespace Yunwei.Data.Configurations;

public sealed class SubsystemConfiguration : IEntityTypeConfiguration<Subsystem>
{
    public void Configure(EntityTypeBuilder<Subsystem> builder)
    {
        builder.ToTable("Subsystems");
        builder.Property(s => s.Name).HasMaxLength(50);
        builder.Property(s => s.Revision).IsConcurrencyToken();
        builder.HasOne<ClientUnit>().WithMany().HasForeignKey(s => s.ClientUnitId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(s => new { s.ClientUnitId, s.Name }).IsUnique();
        builder.HasOne<AppUser>().WithMany().HasForeignKey(s => s.ClientOwnerId).OnDelete(DeleteBehavior.SetNull);
        builder.Property(s => s.RequiredDocuments).AsJson();
        builder.HasOne<AppUser>().WithMany().HasForeignKey(s => s.ProviderOwnerId).OnDelete(DeleteBehavior.SetNull);
    }
}

public sealed class LocationConfiguration : IEntityTypeConfiguration<Location>
{
    public void Configure(EntityTypeBuilder<Location> builder)
    {
        builder.ToTable("Locations");
        builder.Property(l => l.Revision).IsConcurrencyToken();
        builder.Property(l => l.Name).HasMaxLength(100);
        builder.HasOne<ClientUnit>().WithMany().HasForeignKey(l => l.ClientUnitId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Location>().WithMany().HasForeignKey(l => l.ParentId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(l => new { l.ClientUnitId, l.ParentId, l.Name }).IsUnique();
    }
}

public sealed class AssetTypeConfiguration : IEntityTypeConfiguration<AssetType>
{
    public void Configure(EntityTypeBuilder<AssetType> builder)
    {
        builder.ToTable("AssetTypes");
        builder.Property(t => t.Name).HasMaxLength(AssetType.NameMaxLength);
        builder.Property(t => t.Revision).IsConcurrencyToken();
        builder.Property(t => t.Attributes).AsJson();
        builder.HasOne<ClientUnit>().WithMany().HasForeignKey(t => t.ClientUnitId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Subsystem>().WithMany().HasForeignKey(t => t.SubsystemId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(t => new { t.ClientUnitId, t.Name }).IsUnique();
    }
}

public sealed class AssetConfiguration : IEntityTypeConfiguration<Asset>
{
    public void Configure(EntityTypeBuilder<Asset> builder)
    {
        builder.ToTable("Assets");
        builder.Property(a => a.Code).HasMaxLength(Asset.CodeMaxLength);
        builder.Property(a => a.Name).HasMaxLength(Asset.NameMaxLength);
        builder.Property(a => a.Brand).HasMaxLength(50);
        builder.Property(a => a.Model).HasMaxLength(100);
        builder.Property(a => a.SerialNumber).HasMaxLength(100);
        builder.Property(a => a.IpAddress).HasMaxLength(45);
        builder.Property(a => a.MacAddress).HasMaxLength(17);
        builder.Property(a => a.OwnerDepartment).HasMaxLength(100);
        builder.Property(a => a.Custodian).HasMaxLength(50);
        builder.Property(a => a.Notes).HasMaxLength(2000);
        builder.Property(a => a.Attributes).AsJson();
        builder.Property(a => a.Revision).IsConcurrencyToken();
        builder.HasOne<ClientUnit>().WithMany().HasForeignKey(a => a.ClientUnitId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<AssetType>().WithMany().HasForeignKey(a => a.AssetTypeId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Subsystem>().WithMany().HasForeignKey(a => a.SubsystemId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Location>().WithMany().HasForeignKey(a => a.LocationId).OnDelete(DeleteBehavior.Restrict);

        // Keyset pages are ordered by code within a unit; filters and searches narrow them.
        builder.HasIndex(a => new { a.ClientUnitId, a.Code }).IsUnique();
        builder.HasIndex(a => new { a.ClientUnitId, a.SubsystemId, a.Code });
        builder.HasIndex(a => new { a.ClientUnitId, a.AssetTypeId, a.Code });
        builder.HasIndex(a => new { a.ClientUnitId, a.LocationId, a.Code });
        builder.HasIndex(a => new { a.ClientUnitId, a.Status, a.Code });
        builder.HasIndex(a => new { a.ClientUnitId, a.WarrantyEnds });
        builder.HasIndex(a => new { a.ClientUnitId, a.IpAddress });
        builder.HasIndex(a => new { a.ClientUnitId, a.SerialNumber });

        // The search (code, IP and serial from their start, name anywhere) reads a unit's assets: from this
        // narrow index in code order, not from the wide rows (the count of a search: 2.8 -> 1.1 ms at 5 000).
        builder.HasIndex(a => new { a.ClientUnitId, a.Code, a.Name, a.IpAddress, a.SerialNumber }, "IX_Assets_Search");
    }
}

public sealed class AssetRelationConfiguration : IEntityTypeConfiguration<AssetRelation>
{
    public void Configure(EntityTypeBuilder<AssetRelation> builder)
    {
        builder.ToTable("AssetRelations");
        builder.Property(r => r.Note).HasMaxLength(200);
        builder.HasOne<ClientUnit>().WithMany().HasForeignKey(r => r.ClientUnitId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Asset>().WithMany().HasForeignKey(r => r.FromAssetId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Asset>().WithMany().HasForeignKey(r => r.ToAssetId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(r => new { r.FromAssetId, r.ToAssetId, r.Kind }).IsUnique();
        builder.HasIndex(r => r.ToAssetId);
        builder.HasIndex(r => r.ClientUnitId);
    }
}

public sealed class DocumentConfiguration : IEntityTypeConfiguration<Yunwei.Domain.Documents.Document>
{
    public void Configure(EntityTypeBuilder<Yunwei.Domain.Documents.Document> builder)
    {
        builder.ToTable("Documents");
        builder.Property(d => d.Title).HasMaxLength(Yunwei.Domain.Documents.Document.TitleMaxLength);
        builder.HasOne<ClientUnit>().WithMany().HasForeignKey(d => d.ClientUnitId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Subsystem>().WithMany().HasForeignKey(d => d.SubsystemId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Location>().WithMany().HasForeignKey(d => d.LocationId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Asset>().WithMany().HasForeignKey(d => d.AssetId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(d => new { d.ClientUnitId, d.Kind });
        builder.HasIndex(d => new { d.ClientUnitId, d.SubsystemId });
        builder.HasIndex(d => d.AssetId);
    }
}

public sealed class DocumentVersionConfiguration : IEntityTypeConfiguration<Yunwei.Domain.Documents.DocumentVersion>
{
    public void Configure(EntityTypeBuilder<Yunwei.Domain.Documents.DocumentVersion> builder)
    {
        builder.ToTable("DocumentVersions");
        builder.Property(v => v.FileName).HasMaxLength(200);
        builder.Property(v => v.ContentType).HasMaxLength(100);
        builder.Property(v => v.Sha256).HasMaxLength(64);
        builder.Property(v => v.StorageKey).HasMaxLength(200);
        builder.Property(v => v.Note).HasMaxLength(500);
        builder.Property(v => v.UploadedBy).HasMaxLength(256);
        builder.HasOne<Yunwei.Domain.Documents.Document>().WithMany().HasForeignKey(v => v.DocumentId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(v => new { v.DocumentId, v.Version }).IsUnique();
    }
}
