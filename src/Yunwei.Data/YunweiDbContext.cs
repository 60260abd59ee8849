using System.Linq.Expressions;
using System.Reflection;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Yunwei.Data.Identity;
using Yunwei.Domain;
using Yunwei.Domain.Assets;
using Yunwei.Domain.Audit;
using Yunwei.Domain.Units;

namespace Yunwei.Data;

/// <summary>
/// The one database of Yunwei. Unit-owned records are filtered to the units the current user may
/// see; every change is written to the audit trail in the same transaction.
/// </summary>
public sealed class YunweiDbContext : IdentityDbContext<AppUser, AppRole, Guid>, IDataProtectionKeyContext
{
    private ITenantContext _tenant = NoTenant.Instance;
    private TimeProvider _time = TimeProvider.System;

    /// <summary>
    /// A context that serves no one yet (it sees no unit's records) until <see cref="Serve"/> names whose
    /// request it serves. The one constructor, as EF Core's context pool requires; see <see cref="Create"/>
    /// and <see cref="YunweiDbContextServices"/>.
    /// </summary>
    public YunweiDbContext(DbContextOptions<YunweiDbContext> options)
        : base(options)
    {
        Options = options;
        _gate = options.FindExtension<Microsoft.EntityFrameworkCore.Infrastructure.CoreOptionsExtension>()?.Interceptors?.OfType<SqliteWriteGate>().FirstOrDefault();
    }

    // SQLite's in-process writer queue (ADR-020); null on PostgreSQL and on GroupCommit's contexts (their group holds it).
    private readonly SqliteWriteGate? _gate;

    /// <summary>A context of its own (not from the pool) for <paramref name="tenant"/>.</summary>
    public static YunweiDbContext Create(DbContextOptions<YunweiDbContext> options, ITenantContext tenant, TimeProvider time) =>
        new YunweiDbContext(options).Serve(tenant, time);

    internal DbContextOptions<YunweiDbContext> Options { get; }

    internal TimeProvider Time => _time;

    /// <summary>Whose request this context serves (query filters, audit trail) and its clock; set on every lease from the pool.</summary>
    internal YunweiDbContext Serve(ITenantContext tenant, TimeProvider time)
    {
        _tenant = tenant;
        _time = time;
        return this;
    }

    // Back in the pool a context serves no one again, so a lease that skipped Serve could never see another user's units.
    public override void Dispose()
    {
        _tenant = NoTenant.Instance;
        base.Dispose();
    }

    public override ValueTask DisposeAsync()
    {
        _tenant = NoTenant.Instance;
        return base.DisposeAsync();
    }

    public DbSet<ClientUnit> ClientUnits => Set<ClientUnit>();

    public DbSet<ServiceContract> ServiceContracts => Set<ServiceContract>();

    public DbSet<UnitMembership> UnitMemberships => Set<UnitMembership>();

    public DbSet<PersonalAccessToken> PersonalAccessTokens => Set<PersonalAccessToken>();

    public DbSet<EndedSession> EndedSessions => Set<EndedSession>();

    public DbSet<Subsystem> Subsystems => Set<Subsystem>();

    public DbSet<Location> Locations => Set<Location>();

    public DbSet<AssetType> AssetTypes => Set<AssetType>();

    public DbSet<Asset> Assets => Set<Asset>();

    public DbSet<AssetRelation> AssetRelations => Set<AssetRelation>();

    public DbSet<Domain.Approvals.ApprovalRequest> ApprovalRequests => Set<Domain.Approvals.ApprovalRequest>();

    public DbSet<Domain.Approvals.SparePart> SpareParts => Set<Domain.Approvals.SparePart>();

    public DbSet<Domain.Approvals.StockMovement> StockMovements => Set<Domain.Approvals.StockMovement>();

    public DbSet<Domain.Signatures.Signature> Signatures => Set<Domain.Signatures.Signature>();

    public DbSet<Domain.Documents.Document> Documents => Set<Domain.Documents.Document>();

    public DbSet<Domain.Documents.DocumentVersion> DocumentVersions => Set<Domain.Documents.DocumentVersion>();

    public DbSet<Domain.Faults.Fault> Faults => Set<Domain.Faults.Fault>();

    public DbSet<Domain.Faults.FaultEvent> FaultEvents => Set<Domain.Faults.FaultEvent>();

    public DbSet<Domain.Faults.FaultReport> FaultReports => Set<Domain.Faults.FaultReport>();

    public DbSet<Domain.Knowledge.KnowledgeArticle> KnowledgeArticles => Set<Domain.Knowledge.KnowledgeArticle>();

    public DbSet<Domain.Roster.CalendarDay> CalendarDays => Set<Domain.Roster.CalendarDay>();

    public DbSet<Domain.Roster.SpecialPeriod> SpecialPeriods => Set<Domain.Roster.SpecialPeriod>();

    public DbSet<Domain.Roster.DutyRoster> DutyRosters => Set<Domain.Roster.DutyRoster>();

    public DbSet<Domain.Roster.Shift> Shifts => Set<Domain.Roster.Shift>();

    public DbSet<Domain.Roster.ShiftSwap> ShiftSwaps => Set<Domain.Roster.ShiftSwap>();

    public DbSet<Domain.Roster.CalendarFeed> CalendarFeeds => Set<Domain.Roster.CalendarFeed>();

    public DbSet<Domain.Staff.EngineerProfile> EngineerProfiles => Set<Domain.Staff.EngineerProfile>();

    public DbSet<Domain.Staff.Assignment> Assignments => Set<Domain.Staff.Assignment>();

    public DbSet<Domain.Attendance.AttendanceRecord> AttendanceRecords => Set<Domain.Attendance.AttendanceRecord>();

    public DbSet<Domain.Attendance.AttendanceSheet> AttendanceSheets => Set<Domain.Attendance.AttendanceSheet>();

    public DbSet<Domain.Notifications.Notification> Notifications => Set<Domain.Notifications.Notification>();

    public DbSet<Domain.Inspections.ChecklistTemplate> ChecklistTemplates => Set<Domain.Inspections.ChecklistTemplate>();

    public DbSet<Domain.Inspections.InspectionSchedule> InspectionSchedules => Set<Domain.Inspections.InspectionSchedule>();

    public DbSet<Domain.Inspections.Inspection> Inspections => Set<Domain.Inspections.Inspection>();

    public DbSet<Domain.Inspections.InspectionEntry> InspectionEntries => Set<Domain.Inspections.InspectionEntry>();

    public DbSet<Domain.Inspections.Risk> Risks => Set<Domain.Inspections.Risk>();

    public DbSet<Domain.WorkLog.WorkEntry> WorkEntries => Set<Domain.WorkLog.WorkEntry>();

    public DbSet<Domain.WeeklyReports.WeeklyReport> WeeklyReports => Set<Domain.WeeklyReports.WeeklyReport>();

    public DbSet<Domain.Training.TrainingSession> TrainingSessions => Set<Domain.Training.TrainingSession>();

    public DbSet<Domain.Complaints.Complaint> Complaints => Set<Domain.Complaints.Complaint>();

    public DbSet<Domain.Complaints.ComplaintEvent> ComplaintEvents => Set<Domain.Complaints.ComplaintEvent>();

    public DbSet<Domain.Assessment.QuarterlyGoal> QuarterlyGoals => Set<Domain.Assessment.QuarterlyGoal>();

    public DbSet<Domain.Assessment.QuarterlyAssessment> QuarterlyAssessments => Set<Domain.Assessment.QuarterlyAssessment>();

    public DbSet<Domain.Notifications.MonitoringAlert> MonitoringAlerts => Set<Domain.Notifications.MonitoringAlert>();

    public DbSet<Domain.Notifications.IntegrationToken> IntegrationTokens => Set<Domain.Notifications.IntegrationToken>();

    public DbSet<Domain.Notifications.NotificationChannel> NotificationChannels => Set<Domain.Notifications.NotificationChannel>();

    public DbSet<Domain.Notifications.ChannelDelivery> ChannelDeliveries => Set<Domain.Notifications.ChannelDelivery>();

    public DbSet<Domain.Notifications.UnitMailbox> UnitMailboxes => Set<Domain.Notifications.UnitMailbox>();

    public DbSet<Domain.Notifications.InboundMail> InboundMails => Set<Domain.Notifications.InboundMail>();

    public DbSet<Domain.Notifications.FaultAttachment> FaultAttachments => Set<Domain.Notifications.FaultAttachment>();

    public DbSet<Domain.Notifications.NotificationRule> NotificationRules => Set<Domain.Notifications.NotificationRule>();

    public DbSet<Domain.Notifications.MessageTemplate> MessageTemplates => Set<Domain.Notifications.MessageTemplate>();

    /// <summary>ASP.NET Data Protection's key ring: in the database, so every instance reads the same keys.</summary>
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    public DbSet<AuditEntry> AuditEntries => Set<AuditEntry>();

    /// <summary>Record-number counters (not audited: the numbered records are).</summary>
    public DbSet<NumberCounter> NumberCounters => Set<NumberCounter>();

    /// <summary>The tenant this context filters by; read by the query filters on every query.</summary>
    public ITenantContext Tenant => _tenant;

    // The query filters reference these members so EF Core re-reads them for every query.
    private bool AllUnitsVisible => _tenant.SeesAllUnits;

    private Guid[] VisibleUnitIds => [.. _tenant.UnitIds];

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.ApplyConfigurationsFromAssembly(typeof(YunweiDbContext).Assembly);

        builder.Entity<ClientUnit>().HasQueryFilter(u => AllUnitsVisible || VisibleUnitIds.Contains(u.Id));
        builder.Entity<AuditEntry>().HasQueryFilter(a =>
            AllUnitsVisible || (a.ClientUnitId != null && VisibleUnitIds.Contains(a.ClientUnitId.Value)));

        var apply = typeof(YunweiDbContext).GetMethod(nameof(ApplyUnitFilter), BindingFlags.NonPublic | BindingFlags.Instance)!;
        foreach (var type in builder.Model.GetEntityTypes()
                     .Where(t => !t.IsOwned() && t.BaseType is null && typeof(IUnitOwned).IsAssignableFrom(t.ClrType)))
        {
            apply.MakeGenericMethod(type.ClrType).Invoke(this, [builder]);
        }
    }

    private void ApplyUnitFilter<T>(ModelBuilder builder)
        where T : class, IUnitOwned
    {
        Expression<Func<T, bool>> filter = e => AllUnitsVisible || VisibleUnitIds.Contains(e.ClientUnitId);
        builder.Entity<T>().HasQueryFilter(filter);
    }

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        // Storage is UTC; SQLite gives back "unspecified" kinds, which this converter marks as UTC.
        configurationBuilder.Properties<DateTime>().HaveConversion<UtcDateTimeConverter>();
        configurationBuilder.Properties<DateTime?>().HaveConversion<NullableUtcDateTimeConverter>();
    }

    // On SQLite a save outside a transaction holds the write gate for exactly its own length: released in
    // the finally whatever the save does (a stale revision's DbUpdateConcurrencyException included).
    public override int SaveChanges(bool acceptAllChangesOnSuccess)
    {
        AddAuditEntries();
        if (_gate is null || Database.CurrentTransaction is not null)
        {
            return base.SaveChanges(acceptAllChangesOnSuccess);
        }

        using var hold = _gate.Enter(Database.GetDbConnection(), Describe("save"), _time);
        return base.SaveChanges(acceptAllChangesOnSuccess);
    }

    public override async Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        AddAuditEntries();
        if (_gate is null || Database.CurrentTransaction is not null)
        {
            return await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
        }

        using var hold = await _gate.EnterAsync(Database.GetDbConnection(), Describe("save"), _time, cancellationToken);
        return await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
    }

    /// <summary>
    /// Begins a transaction for a write of several statements. On SQLite it holds the write gate from
    /// before its first statement until it is disposed (committed or not); on PostgreSQL it is a plain
    /// transaction. The only way the app begins a transaction (BannedSymbols.txt).
    /// </summary>
    public async Task<WriteTransaction> BeginWriteAsync(CancellationToken cancellationToken = default)
    {
        var hold = _gate is null ? null : await _gate.EnterAsync(Database.GetDbConnection(), Describe("transaction"), _time, cancellationToken);
        try
        {
#pragma warning disable RS0030 // The one sanctioned call.
            return new WriteTransaction(await Database.BeginTransactionAsync(cancellationToken), hold);
#pragma warning restore RS0030
        }
        catch
        {
            hold?.Dispose();
            throw;
        }
    }

    /// <summary>Who writes through this context, for the write gate's watchdog.</summary>
    internal string Describe(string what = "statement") =>
        $"{what} by {_tenant.UserName ?? "nobody"}{(WriteHold.Operation is { } operation ? " in " + operation : "")}";

    private void AddAuditEntries()
    {
        ChangeTracker.DetectChanges();
        var entries = AuditRecorder.Record(ChangeTracker.Entries(), _tenant, _time.GetUtcNow().UtcDateTime);
        if (entries.Count > 0)
        {
            AuditEntries.AddRange(entries);
        }
    }
}
