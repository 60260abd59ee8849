using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Yunwei.Web.Tests.Notifications;

public sealed record ReceivedMessage(string Path, string Query, string Body, IReadOnlyDictionary<string, string> Headers, byte[] Raw);

/// <summary>
/// A real HTTP server on 127.0.0.1 standing in for the WeCom and DingTalk robots and a webhook
/// receiver: it keeps what it gets and answers as the robots do; "/refusing" answers an error code.
/// </summary>
public sealed class RobotReceiver : IAsyncDisposable
{
    private readonly WebApplication _app;

    private RobotReceiver(WebApplication app, string baseUrl) => (_app, BaseUrl) = (app, baseUrl);

    public string BaseUrl { get; }

    public ConcurrentQueue<ReceivedMessage> Received { get; } = new();

    public static async Task<RobotReceiver> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        RobotReceiver? receiver = null;
        app.MapPost("/{name}", async (HttpContext context, string name) =>
        {
            using var buffer = new MemoryStream();
            await context.Request.Body.CopyToAsync(buffer);
            var raw = buffer.ToArray();
            receiver!.Received.Enqueue(new ReceivedMessage(
                "/" + name, context.Request.QueryString.Value ?? "", System.Text.Encoding.UTF8.GetString(raw),
                context.Request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase), raw));
            return name == "refusing"
                ? Results.Json(new { errcode = 93000, errmsg = "invalid webhook url" })
                : Results.Json(new { errcode = 0, errmsg = "ok" });
        });
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        receiver = new RobotReceiver(app, address.TrimEnd('/'));
        return receiver;
    }

    public IReadOnlyList<ReceivedMessage> At(string path) => [.. Received.Where(r => r.Path == path)];

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
