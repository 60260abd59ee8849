using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using Microsoft.Playwright;
using Yunwei.Data;
using Yunwei.Domain.Assets;
using Yunwei.Web.Features.Faults;
using Yunwei.Web.Infrastructure;

// One browser journey at a time: two apps and two Chromiums on two cores only make both slow.
[assembly: CollectionBehavior(DisableTestParallelization = true)]

namespace Yunwei.E2E;

/// <summary>
/// The real app on 127.0.0.1 (Kestrel, fresh SQLite, demo data with a known password) and Debian's
/// Chromium driven by Playwright. Without Chromium the tests skip with the reason, except when
/// <c>CI=true</c>, where they fail. The app runs on a test clock (starting at the real time) that
/// journeys advance; the SLA monitor is off and journeys sweep when they want it to act.
/// </summary>
public class BrowserFixture : IAsyncLifetime
{
    public const string DemoPassword = "Demo-Pass-2026";
    public const string ChromiumPath = "/usr/bin/chromium";

    private readonly string _folder = Path.Combine(Path.GetTempPath(), "yunwei-e2e", Guid.NewGuid().ToString("N"));
    private AppFactory? _factory;
    private JourneyLog? _log;
    private IPlaywright? _playwright;

    public IBrowser Browser { get; private set; } = default!;

    public string BaseUrl { get; private set; } = string.Empty;

    public string? SkipReason { get; private set; }

    public FakeTimeProvider Clock { get; } = new(TimeProvider.System.GetUtcNow());

    /// <summary>
    /// Blazor moves between pages inside the document (history.pushState): no load event follows, so
    /// waiting for one races with the page; wait for the address, then for the content.
    /// </summary>
    public static PageWaitForURLOptions InAppNavigation { get; } = new() { WaitUntil = WaitUntilState.Commit };

    /// <summary>A fault's own page (not /faults/new).</summary>
    public static System.Text.RegularExpressions.Regex FaultPage { get; } = new("/faults/[0-9a-f]{8}-[0-9a-f-]{27}$");

    public static string ScreenshotFolder { get; } = Path.Combine(FindRoot(), "artifacts", "screenshots");

    public async Task InitializeAsync()
    {
        if (!File.Exists(ChromiumPath))
        {
            if (string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase))
            {
                throw new InvalidOperationException($"CI=true but {ChromiumPath} is missing: install Debian's chromium package.");
            }

            SkipReason = $"Browser tests skipped: {ChromiumPath} not found (apt-get install chromium).";
            return;
        }

        Directory.CreateDirectory(_folder);
        Directory.CreateDirectory(ScreenshotFolder);
        _log = new JourneyLog(Path.Combine(FindRoot(), "artifacts", "e2e-logs"), GetType().Name);
        _factory = new AppFactory(Path.Combine(_folder, "yunwei.db"), Clock, _log);
        _factory.UseKestrel();
        _factory.StartServer();
        var addresses = _factory.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!;
        BaseUrl = addresses.Addresses.First().TrimEnd('/');

        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args =
            [
                "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--no-first-run", "--disable-quic",
            ],
        });
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.DisposeAsync();
        }

        _playwright?.Dispose();
        if (_factory is not null)
        {
            await _factory.DisposeAsync();
        }

        _log?.Dispose();

        if (Directory.Exists(_folder))
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(_folder, recursive: true);
        }
    }

    /// <summary>One pass of the SLA monitor, as the system.</summary>
    public async Task<int> SweepAsync()
    {
        await using var scope = _factory!.Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<CurrentUser>().ActAsSystem();
        return await scope.ServiceProvider.GetRequiredService<SlaSweepHandler>().SweepAsync();
    }

    /// <summary>Runs a feature handler as the system (setup that is not the journey under test).</summary>
    public async Task RunAsync<THandler>(Func<THandler, IServiceProvider, Task> action)
        where THandler : notnull
    {
        await using var scope = _factory!.Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<CurrentUser>().ActAsSystem();
        await action(scope.ServiceProvider.GetRequiredService<THandler>(), scope.ServiceProvider);
    }

    /// <summary>Adds an asset of the given type to the demo unit (setup that is not the journey under test).</summary>
    public async Task<string> CreateAssetAsync(string name, string typeName)
    {
        await using var scope = _factory!.Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<CurrentUser>().ActAsSystem();
        await using var db = await scope.ServiceProvider.GetRequiredService<IDbContextFactory<YunweiDbContext>>().CreateDbContextAsync();
        var unit = await db.ClientUnits.SingleAsync(u => u.Code == "DEMO");
        var type = await db.AssetTypes.FirstAsync(t => t.ClientUnitId == unit.Id && t.Name == typeName);
        var code = "E2E-" + Guid.NewGuid().ToString("N")[..6].ToUpperInvariant();
        db.Assets.Add(new Asset { ClientUnitId = unit.Id, Code = code, Name = name, AssetTypeId = type.Id, SubsystemId = type.SubsystemId ?? (await db.Subsystems.FirstAsync(s => s.ClientUnitId == unit.Id)).Id });
        await db.SaveChangesAsync();
        return code;
    }

    /// <summary>The id of an asset by its code (for its QR scan page, /scan/{id}).</summary>
    public async Task<Guid> AssetIdAsync(string code)
    {
        await using var scope = _factory!.Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<CurrentUser>().ActAsSystem();
        await using var db = await scope.ServiceProvider.GetRequiredService<IDbContextFactory<YunweiDbContext>>().CreateDbContextAsync();
        return await db.Assets.Where(a => a.Code == code).Select(a => a.Id).SingleAsync();
    }

    /// <summary>A fresh browser context (own cookies) with the given viewport width.</summary>
    public async Task<IPage> NewPageAsync(int width = 1366, int height = 860)
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = BaseUrl,
            ViewportSize = new ViewportSize { Width = width, Height = height },
            Locale = "en-US",
        });
        // A ceiling, not a pause: waits end as soon as their condition holds. CI shares two cores with the
        // app, the browser and other test assemblies; a load average of 16 once made 15 s too short.
        context.SetDefaultTimeout(60_000);
        var page = await context.NewPageAsync();
        // Browser-side errors go to the journey log, beside the app's warnings.
        page.Console += (_, m) =>
        {
            if (m.Type == "error")
            {
                _log?.Write("browser console error", m.Text);
            }
        };
        page.PageError += (_, e) => _log?.Write("browser page error", e);
        return page;
    }

    /// <summary>Signs in through the login form and waits until the Blazor circuit is interactive.</summary>
    public static async Task SignInAsync(IPage page, string userName, string password = DemoPassword)
    {
        await page.GotoAsync("/account/login");
        await page.Locator("#username").FillAsync(userName);
        await page.Locator("#password").FillAsync(password);
        await page.GetByTestId("login-submit").ClickAsync();
        await WaitInteractiveAsync(page);
    }

    /// <summary>
    /// Waits until a form has taken the page to the fault it created; when it does not, says where the page
    /// is and what it shows (a validation message, an error) instead of only "timeout".
    /// </summary>
    public static Task WaitForFaultPageAsync(IPage page) => WaitForPageAsync(page, FaultPage, "fault page");

    /// <summary>Waits until the page is at <paramref name="url"/>; when it is not, says where it is and what it shows.</summary>
    public static async Task WaitForPageAsync(IPage page, System.Text.RegularExpressions.Regex url, string what)
    {
        try
        {
            await page.WaitForURLAsync(url, InAppNavigation);
        }
        catch (TimeoutException e)
        {
            throw await NotThereAsync(page, what, e);
        }
    }

    /// <inheritdoc cref="WaitForPageAsync(IPage, System.Text.RegularExpressions.Regex, string)"/>
    public static async Task WaitForPageAsync(IPage page, string url, string what)
    {
        try
        {
            await page.WaitForURLAsync(url, InAppNavigation);
        }
        catch (TimeoutException e)
        {
            throw await NotThereAsync(page, what, e);
        }
    }

    private static async Task<TimeoutException> NotThereAsync(IPage page, string what, TimeoutException e)
    {
        var alerts = await page.Locator(".ant-alert, .ant-message, .validation-message, #blazor-error-ui, #components-reconnect-modal").AllInnerTextsAsync();
        return new TimeoutException($"No {what}: still on {page.Url}, showing [{string.Join(" | ", alerts.Select(a => a.Trim()).Where(a => a.Length > 0))}] (see artifacts/e2e-logs).", e);
    }

    public static async Task WaitInteractiveAsync(IPage page) =>
        await page.Locator("[data-testid=interactive][data-ready=true]").WaitForAsync(new() { State = WaitForSelectorState.Attached });

    /// <summary>Draws a zigzag signature with the mouse (or a finger: the pad takes pointer events) on a signature pad.</summary>
    public static async Task SignAsync(IPage page, ILocator pad)
    {
        await pad.ScrollIntoViewIfNeededAsync();
        var box = await pad.BoundingBoxAsync() ?? throw new InvalidOperationException("The signature pad is not visible.");
        await page.Mouse.MoveAsync(box.X + 20, box.Y + 40);
        await page.Mouse.DownAsync();
        foreach (var (dx, dy) in new[] { (60, 15), (100, 60), (140, 15), (180, 60), (220, 25), (260, 55) })
        {
            await page.Mouse.MoveAsync(box.X + dx, box.Y + dy, new() { Steps = 4 });
        }

        await page.Mouse.UpAsync();
    }

    public static Task ScreenshotAsync(IPage page, string name) =>
        page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(ScreenshotFolder, name + ".png"), FullPage = true });

    private static string FindRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Yunwei.slnx")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName ?? Path.GetTempPath();
    }

    private sealed class AppFactory(string database, TimeProvider clock, JourneyLog log) : WebApplicationFactory<Program>
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            builder.UseEnvironment("Testing");
            builder.UseUrls("http://127.0.0.1:0");
            builder.UseSetting("Database:Provider", "Sqlite");
            builder.UseSetting("ConnectionStrings:Sqlite", $"Data Source={database}");
            builder.UseSetting("Seed:DemoPassword", DemoPassword);
            builder.UseSetting("Files:Root", Path.Combine(Path.GetDirectoryName(database)!, "files"));
            builder.UseSetting("Sla:Monitor", "false");
            // Every journey signs in from 127.0.0.1: the per-address throttle is tested on its own (SecurityTests).
            builder.UseSetting("Security:SignInsPerMinute", "10000");
            builder.ConfigureServices(s => s.AddSingleton(clock));
            builder.ConfigureLogging(l => l.AddProvider(log));
        }
    }
}

[CollectionDefinition(Name)]
public sealed class BrowserGroup : ICollectionFixture<BrowserFixture>
{
    public const string Name = "browser";
}

/// <summary>
/// Its own app and clock for journeys that move time by a day or more, so every other journey runs
/// on a clock only it moves (sign-ins and deadlines there never meet a jump made elsewhere).
/// </summary>
public sealed class TimeTravelFixture : BrowserFixture;

[CollectionDefinition(Name)]
public sealed class TimeTravelGroup : ICollectionFixture<TimeTravelFixture>
{
    public const string Name = "browser-time-travel";
}
