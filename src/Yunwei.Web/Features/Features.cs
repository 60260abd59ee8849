using System.Reflection;
using Yunwei.Web.Features.Account;
using Yunwei.Web.Features.Administration;
using Yunwei.Web.Features.Approvals;
using Yunwei.Web.Features.Assessment;
using Yunwei.Web.Features.Assets;
using Yunwei.Web.Features.Attendance;
using Yunwei.Web.Features.Audit;
using Yunwei.Web.Features.Complaints;
using Yunwei.Web.Features.Dashboards;
using Yunwei.Web.Features.Documents;
using Yunwei.Web.Features.Faults;
using Yunwei.Web.Features.Faults.Intake;
using Yunwei.Web.Features.Inspections;
using Yunwei.Web.Features.Knowledge;
using Yunwei.Web.Features.Notifications;
using Yunwei.Web.Features.Profile;
using Yunwei.Web.Features.Roster;
using Yunwei.Web.Features.Staff;
using Yunwei.Web.Features.Training;
using Yunwei.Web.Features.Units;
using Yunwei.Web.Features.WeeklyReports;
using Yunwei.Web.Features.WorkLog;
using Yunwei.Web.Platform;

namespace Yunwei.Web.Features;

/// <summary>Registers every feature's handlers and maps every feature's endpoints.</summary>
public static class FeatureRegistration
{
    /// <summary>Each use case is a class named *Handler in a feature folder, resolved per scope.</summary>
    public static IServiceCollection AddFeatures(this IServiceCollection services)
    {
        var handlers = Assembly.GetExecutingAssembly().GetTypes()
            .Where(t => t is { IsClass: true, IsAbstract: false }
                        && t.Namespace?.StartsWith("Yunwei.Web.Features", StringComparison.Ordinal) == true
                        && t.Name.EndsWith("Handler", StringComparison.Ordinal));
        foreach (var handler in handlers)
        {
            services.AddScoped(handler);
        }

        // Every background job of the features, each a PeriodicJob in its feature's *Monitor / *Service file.
        services.AddHostedService<Faults.SlaMonitorService>();
        services.AddHostedService<Complaints.ComplaintsMonitorService>();
        services.AddHostedService<Inspections.InspectionPlannerService>();
        services.AddHostedService<Notifications.ChannelDispatcherService>();
        services.AddHttpClient(nameof(Notifications.ChannelDispatchHandler), c => c.Timeout = TimeSpan.FromSeconds(10));
        services.AddSingleton<EmailSender>();
        services.AddScoped<Notifications.MessageTexts>();
        services.AddSingleton<Notifications.MessageTemplateCache>();
        services.AddHostedService<Faults.Intake.MailboxPollerService>();
        services.AddHostedService<Audit.AuditSealerService>();

        return services;
    }

    public static void MapFeatures(this IEndpointRouteBuilder app)
    {
        app.MapAccountEndpoints();
        app.MapUnitsApi();
        app.MapAssetsApi();
        app.MapDocumentsApi();
        app.MapApprovalsApi();
        app.MapFaultsApi();
        app.MapNotificationsApi();
        app.MapKnowledgeApi();
        app.MapCalendarsApi();
        app.MapDutyRostersApi();
        app.MapCalendarFeedsApi();
        app.MapStaffApi();
        app.MapAttendanceApi();
        app.MapUsersApi();
        app.MapAuditApi();
        app.MapProfileApi();
        app.MapInspectionsApi();
        app.MapWorkLogApi();
        app.MapWeeklyReportsApi();
        app.MapTrainingApi();
        app.MapComplaintsApi();
        app.MapAssessmentApi();
        app.MapDashboardApi();
        app.MapIntakeApi();
        app.MapChannelsApi();
        app.MapNotificationSettingsApi();
        app.MapFaultAttachmentsApi();
    }
}
