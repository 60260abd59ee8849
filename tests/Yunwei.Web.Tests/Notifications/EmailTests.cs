using System.Buffers;
using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;
using SmtpServer;
using SmtpServer.Protocol;
using SmtpServer.Storage;
using Yunwei.Web.Features.Notifications;
using Yunwei.Web.Infrastructure;
using Yunwei.Web.Tests.Infrastructure;

namespace Yunwei.Web.Tests.Notifications;

/// <summary>The host with a real SMTP server on 127.0.0.1 (the SmtpServer library), keeping every message it receives.</summary>
public class MailFactory : YunweiFactory
{
    private readonly CancellationTokenSource _stop = new();
    private int _stopped;

    public MailFactory()
    {
        var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        Port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        var options = new SmtpServerOptionsBuilder().ServerName("localhost").Endpoint(e => e.Endpoint(new IPEndPoint(IPAddress.Loopback, Port))).Build();
        var services = new SmtpServer.ComponentModel.ServiceProvider();
        services.Add(new Store(Messages));
        _ = new SmtpServer.SmtpServer(options, services).StartAsync(_stop.Token);
    }

    public int Port { get; }

    public ConcurrentQueue<MimeMessage> Messages { get; } = new();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Smtp:Host", "127.0.0.1");
        builder.UseSetting("Smtp:Port", Port.ToString(System.Globalization.CultureInfo.InvariantCulture));
        builder.UseSetting("Smtp:Security", "None");
        builder.UseSetting("Smtp:From", "运维服务管理平台 <noreply@yunwei.test>");
        builder.UseSetting("Notifications:Dispatcher", "false");
    }

    public override async ValueTask DisposeAsync()
    {
        StopSmtp();
        await base.DisposeAsync();
    }

    protected override void Dispose(bool disposing)
    {
        // The factory is disposed asynchronously and finalized later: stop the server once, and never from the finalizer.
        if (disposing)
        {
            StopSmtp();
        }

        base.Dispose(disposing);
    }

    private void StopSmtp()
    {
        if (Interlocked.Exchange(ref _stopped, 1) == 0)
        {
            _stop.Cancel();
            _stop.Dispose();
        }
    }

    private sealed class Store(ConcurrentQueue<MimeMessage> messages) : MessageStore
    {
        public override async Task<SmtpResponse> SaveAsync(ISessionContext context, IMessageTransaction transaction, ReadOnlySequence<byte> buffer, CancellationToken cancellationToken)
        {
            using var stream = new MemoryStream(buffer.ToArray());
            messages.Enqueue(await MimeMessage.LoadAsync(stream, cancellationToken));
            return SmtpResponse.Ok;
        }
    }
}

/// <summary>Email out through a real SMTP server: the Chinese subject survives encoding, text and HTML parts.</summary>
public sealed class EmailTests(MailFactory factory) : IClassFixture<MailFactory>
{
    [Fact]
    public async Task A_complaint_reaches_the_email_channel_once_with_its_chinese_subject_and_both_parts()
    {
        var admin = await factory.ApiClientAsync("client.admin");
        var rep = await factory.ApiClientAsync("client.rep");
        var unit = (await (await admin.GetAsync("/api/units")).ReadJsonAsync())[0].GetProperty("id").GetGuid();
        (await (await admin.PostAsJsonAsync($"/api/units/{unit}/channels", new { kind = "Email", name = "运维邮箱", url = "mailto:not-an-address" })).ShouldBeProblemAsync(400))
            .GetProperty("errors").GetProperty("Url")[0].GetString().ShouldBe("邮件渠道请填写 mailto:地址，多个用逗号分隔");
        (await admin.PostAsJsonAsync($"/api/units/{unit}/channels", new { kind = "Email", name = "运维邮箱", url = "mailto:ops@court.test,leader@provider.test", events = new[] { "Notify.Complaint." } }))
            .StatusCode.ShouldBe(HttpStatusCode.Created);
        (await rep.PostAsJsonAsync($"/api/units/{unit}/complaints", new { category = "Attitude", subject = "值班电话无人接听", description = "晚上八点拨打值班电话无人接听" })).StatusCode.ShouldBe(HttpStatusCode.Created);

        await using (var scope = factory.Services.CreateAsyncScope())
        {
            scope.ServiceProvider.GetRequiredService<CurrentUser>().ActAsSystem();
            var dispatcher = scope.ServiceProvider.GetRequiredService<ChannelDispatchHandler>();
            // The channel's one mail, and each recipient's own copy (the demo people have addresses).
            (await dispatcher.RunAsync()).ShouldBeGreaterThan(1);
            (await dispatcher.RunAsync()).ShouldBe(0);
        }

        var message = factory.Messages.Where(m => m.To.Mailboxes.Any(a => a.Address == "ops@court.test")).ShouldHaveSingleItem();
        message.Subject.ShouldStartWith("【紧急】运维通知：");
        message.Subject.ShouldContain("值班电话无人接听");
        message.To.Mailboxes.Select(m => m.Address).ShouldBe(["ops@court.test", "leader@provider.test"]);
        message.From.Mailboxes.Single().Name.ShouldBe("运维服务管理平台");
        message.TextBody!.ShouldContain("值班电话无人接听");
        message.HtmlBody!.ShouldContain("值班电话无人接听");
        message.HtmlBody!.ShouldContain("/complaints/");
    }
}
