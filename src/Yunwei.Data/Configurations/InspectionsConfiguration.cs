using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Yunwei.Domain.Assets;
using Yunwei.Domain.Inspections;
using Yunwei.Domain.Training;
using Yunwei.Domain.Units;
using Yunwei.Domain.WeeklyReports;
using Yunwei.Domain.WorkLog;

namespace Yunwei.Data.Configurations;

public sealed class ChecklistTemplateConfiguration : IEntityTypeConfiguration<ChecklistTemplate>
{
    public void Configure(EntityTypeBuilder<ChecklistTemplate> builder)
    {
        builder.ToTable("ChecklistTemplates");
        builder.Property(t => t.Name).HasMaxLength(200);
        builder.Property(t => t.CreatedBy).HasMaxLength(256);
        builder.Property(t => t.Items).AsJson();
        builder.HasOne<ClientUnit>().WithMany().HasForeignKey(t => t.ClientUnitId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Subsystem>().WithMany().HasForeignKey(t => t.SubsystemId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(t => new { t.SubsystemId, t.Version }).IsUnique();
        builder.HasIndex(t => new { t.ClientUnitId, t.IsCurrent });
    }
}

public sealed class InspectionScheduleConfiguration : IEntityTypeConfiguration<InspectionSchedule>
{
    public void Configure(EntityTypeBuilder<InspectionSchedule> builder)
    {
        builder.ToTable("InspectionSchedules");
        builder.Property(s => s.Name).HasMaxLength(200);
        builder.Property(s => s.AssetIds).AsJson();
        builder.Property(s => s.Revision).IsConcurrencyToken();
        builder.HasOne<ClientUnit>().WithMany().HasForeignKey(s => s.ClientUnitId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Subsystem>().WithMany().HasForeignKey(s => s.SubsystemId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(s => new { s.ClientUnitId, s.Active });
    }
}

public sealed class InspectionConfiguration : IEntityTypeConfiguration<Inspection>
{
    public void Configure(EntityTypeBuilder<Inspection> builder)
    {
        builder.ToTable("Inspections");
        builder.Property(i => i.Number).HasMaxLength(30);
        builder.Property(i => i.InspectorName).HasMaxLength(256);
        builder.Property(i => i.Summary).HasMaxLength(Risk.MaxText);
        builder.Property(i => i.Hours).HasPrecision(5, 1);
        builder.Property(i => i.Items).AsJson();
        builder.Property(i => i.Targets).AsJson();
        builder.Property(i => i.Revision).IsConcurrencyToken();
        builder.HasOne<ClientUnit>().WithMany().HasForeignKey(i => i.ClientUnitId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Subsystem>().WithMany().HasForeignKey(i => i.SubsystemId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(i => i.Number).IsUnique();
        // One inspection per schedule and period, however often the planner runs and on however many hosts.
        builder.HasIndex(i => new { i.ScheduleId, i.PeriodStart }).IsUnique();
        // The list: a unit's inspections by due date; overdue ones are "not done and due before today".
        builder.HasIndex(i => new { i.ClientUnitId, i.State, i.DueOn });
        builder.HasIndex(i => new { i.ClientUnitId, i.DueOn });
    }
}

public sealed class InspectionEntryConfiguration : IEntityTypeConfiguration<InspectionEntry>
{
    public void Configure(EntityTypeBuilder<InspectionEntry> builder)
    {
        builder.ToTable("InspectionEntries");
        builder.Property(e => e.ItemKey).HasMaxLength(20);
        builder.Property(e => e.Value).HasMaxLength(1000);
        builder.Property(e => e.Note).HasMaxLength(1000);
        builder.Property(e => e.RecordedBy).HasMaxLength(256);
        builder.Property(e => e.Photos).AsJson();
        builder.HasOne<Inspection>().WithMany().HasForeignKey(e => e.InspectionId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(e => new { e.InspectionId, e.ItemKey, e.AssetId }).IsUnique();
    }
}

public sealed class RiskConfiguration : IEntityTypeConfiguration<Risk>
{
    public void Configure(EntityTypeBuilder<Risk> builder)
    {
        builder.ToTable("Risks");
        builder.Property(r => r.Number).HasMaxLength(30);
        builder.Property(r => r.Description).HasMaxLength(Risk.MaxText);
        builder.Property(r => r.Solution).HasMaxLength(Risk.MaxText);
        builder.Property(r => r.Owner).HasMaxLength(100);
        builder.Property(r => r.Closure).HasMaxLength(Risk.MaxText);
        builder.Property(r => r.ClosedBy).HasMaxLength(256);
        builder.Property(r => r.CreatedBy).HasMaxLength(256);
        builder.Property(r => r.Notes).AsJson();
        builder.Property(r => r.Revision).IsConcurrencyToken();
        builder.HasOne<ClientUnit>().WithMany().HasForeignKey(r => r.ClientUnitId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(r => r.Number).IsUnique();
        builder.HasIndex(r => new { r.ClientUnitId, r.State, r.CreatedAt });
    }
}

public sealed class WorkEntryConfiguration : IEntityTypeConfiguration<WorkEntry>
{
    public void Configure(EntityTypeBuilder<WorkEntry> builder)
    {
        builder.ToTable("WorkEntries");
        builder.Property(w => w.Reference).HasMaxLength(50);
        builder.Property(w => w.Content).HasMaxLength(WorkEntry.MaxText);
        builder.Property(w => w.HandlerName).HasMaxLength(256);
        builder.Property(w => w.Hours).HasPrecision(5, 1);
        builder.Property(w => w.Result).HasMaxLength(500);
        builder.Property(w => w.RequestedBy).HasMaxLength(100);
        builder.Property(w => w.AskedBy).HasMaxLength(100);
        builder.Property(w => w.Question).HasMaxLength(WorkEntry.MaxText);
        builder.Property(w => w.Answer).HasMaxLength(WorkEntry.MaxText);
        builder.Property(w => w.CreatedBy).HasMaxLength(256);
        builder.Property(w => w.Revision).IsConcurrencyToken();
        builder.HasOne<ClientUnit>().WithMany().HasForeignKey(w => w.ClientUnitId).OnDelete(DeleteBehavior.Restrict);
        // The week's list and the log are read by unit and date.
        builder.HasIndex(w => new { w.ClientUnitId, w.Date });
        // A fault, an inspection or a training writes one entry, whatever retries happen.
        builder.HasIndex(w => new { w.Source, w.SourceId }).IsUnique();
    }
}

public sealed class WeeklyReportConfiguration : IEntityTypeConfiguration<WeeklyReport>
{
    public void Configure(EntityTypeBuilder<WeeklyReport> builder)
    {
        builder.ToTable("WeeklyReports");
        builder.Property(r => r.Summary).HasMaxLength(WeeklyReport.MaxText);
        builder.Property(r => r.Advice).HasMaxLength(WeeklyReport.MaxText);
        builder.Property(r => r.Optimisation).HasMaxLength(WeeklyReport.MaxText);
        builder.Property(r => r.ReturnReason).HasMaxLength(1000);
        builder.Property(r => r.UpdatedBy).HasMaxLength(256);
        builder.Property(r => r.Revision).IsConcurrencyToken();
        builder.HasOne<ClientUnit>().WithMany().HasForeignKey(r => r.ClientUnitId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(r => new { r.ClientUnitId, r.Kind, r.WeekStart, r.Version }).IsUnique();
        builder.HasIndex(r => new { r.ClientUnitId, r.Kind, r.IsCurrent, r.WeekStart });
    }
}

public sealed class TrainingSessionConfiguration : IEntityTypeConfiguration<TrainingSession>
{
    public void Configure(EntityTypeBuilder<TrainingSession> builder)
    {
        builder.ToTable("TrainingSessions");
        builder.Property(t => t.Topic).HasMaxLength(200);
        builder.Property(t => t.Trainer).HasMaxLength(100);
        builder.Property(t => t.Note).HasMaxLength(TrainingSession.MaxText);
        builder.Property(t => t.CreatedBy).HasMaxLength(256);
        builder.Property(t => t.Hours).HasPrecision(5, 1);
        builder.Property(t => t.Attendees).AsJson();
        builder.Property(t => t.DocumentIds).AsJson();
        builder.HasOne<ClientUnit>().WithMany().HasForeignKey(t => t.ClientUnitId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(t => new { t.ClientUnitId, t.At });
    }
}
