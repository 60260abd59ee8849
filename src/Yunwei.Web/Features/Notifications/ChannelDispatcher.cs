using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Yunwei.Data;
using Yunwei.Web.Platform;

namespace Yunwei.Web.Features.Notifications;

/// <summary>
/// Hands the outbox (notification rows) to the units' robots and webhooks: each event once per
/// channel (a unique delivery row), in Chinese, at most 20 a minute per channel (the rest wait),
/// retried with exponential backoff and finally marked failed with the reason.
/// </summary>
public sealed partial class ChannelDispatchHandler(
    IDbContextFactory<YunweiDbContext> dbFactory, IHttpClientFactory httpFactory, EmailSender email, IDataProtectionProvider protection,
    MessageTexts texts, IConfiguration configuration, TimeProvider time, ILogger<ChannelDispatchHandler> logger)
{
    public const string Protector = "Yunwei.Notifications.ChannelSecret";

    /// <summary>Queues what is new (the rules' extra recipients, personal mail, channel messages), then sends what is due; returns the messages sent.</summary>
    public async Task<int> RunAsync(CancellationToken cancellationToken = default)
    {
        await texts.EnsureLoadedAsync(cancellationToken);
        await QueueAsync(cancellationToken);
        return await SendAsync(cancellationToken) + await SendMailAsync(cancellationToken);
    }
}

/// <summary>Runs the channel dispatcher every few seconds (Notifications:Dispatcher, by default with the SLA monitor's switch).</summary>
public sealed class ChannelDispatcherService(IServiceScopeFactory scopes, IConfiguration configuration, TimeProvider time, ILogger<ChannelDispatcherService> logger)
    : PeriodicJob(scopes, time, logger)
{
    protected override bool Enabled => configuration.GetValue("Notifications:Dispatcher", configuration.GetValue("Sla:Monitor", true));

    protected override TimeSpan Interval => TimeSpan.FromSeconds(5);

    protected override Task RunOnceAsync(IServiceProvider services, CancellationToken cancellationToken) =>
        services.GetRequiredService<ChannelDispatchHandler>().RunAsync(cancellationToken);
}
