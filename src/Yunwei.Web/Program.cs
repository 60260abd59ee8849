using AntDesign;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server.Circuits;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Scalar.AspNetCore;
using Yunwei.Data;
using Yunwei.Data.Identity;
using Yunwei.Data.Seeding;
using Yunwei.Web.Components;
using Yunwei.Web.Features;
using Yunwei.Web.Infrastructure;
using Yunwei.Web.Platform;

// "backup FOLDER" / "restore FOLDER": the SQLite installation's backup (docs/backup.md), then exit.
if (args is [("backup" or "restore") and var command, ..])
{
    var tool = WebApplication.CreateBuilder(args.Skip(2).ToArray());
    AddShippedSettings(tool.Configuration);
    tool.Configuration.AddEnvironmentVariables("YUNWEI_");
    return await Backup.RunAsync(command, args.Length > 1 ? args[1] : null, tool.Configuration, Console.Out, TimeProvider.System);
}

// "--no-demo" is a plain switch; the configuration command line wants key/value pairs.
var noDemo = args.Contains("--no-demo", StringComparer.Ordinal);
// A published app serves its files from the wwwroot beside it, whatever folder it is started in (the
// working folder holds the data); the build output has none and uses the static web assets manifest.
var publishedWebRoot = Path.Combine(AppContext.BaseDirectory, "wwwroot");
var builder = WebApplication.CreateBuilder(new WebApplicationOptions
{
    Args = args.Where(a => a != "--no-demo" && a != "verify-audit").ToArray(),
    WebRootPath = Directory.Exists(publishedWebRoot) ? publishedWebRoot : null,
});
AddShippedSettings(builder.Configuration);
builder.Configuration.AddEnvironmentVariables("YUNWEI_");
if (noDemo)
{
    builder.Configuration["Seed:NoDemo"] = "true";
}

// Serves the static files of packages (AntDesign, the Blazor script) when run from source in any
// environment; a no-op for a published app, whose files are in wwwroot.
builder.WebHost.UseStaticWebAssets();

var services = builder.Services;
services.AddSingleton(TimeProvider.System);

// Data: one DbContext, provider from configuration, filtered by the current user's units.
DatabaseSettings database;
try
{
    database = DatabaseSettings.From(builder.Configuration);
}
catch (InvalidOperationException ex)
{
    Console.Error.WriteLine($"Yunwei cannot start: {ex.Message}");
    return 2;
}

services.AddSingleton(database);

// A small server footprint (ADR-018): SQLite's page caches share a limit; glibc returns freed pages.
database.LimitSqliteMemory();
services.AddHostedService<NativeMemoryTrim>();

services.AddScoped<CurrentUser>();
services.AddScoped<UserScope>();
services.AddSingleton<FileStore>();
services.AddScoped<ITenantContext>(sp => sp.GetRequiredService<CurrentUser>());

// Contexts come from EF Core's pool; each lease serves the tenant and clock of the scope that asks for it.
// Outside production, a query that takes rows in no defined order or multiplies the rows of two collections
// fails instead of warning: the tests run every page and endpoint this way. Production logs the warning.
var strictQueries = !builder.Environment.IsProduction();
services.AddYunweiDbContext((sp, options) =>
{
    database.Configure(options.UseApplicationServiceProvider(sp));
    if (strictQueries)
    {
        options.ConfigureWarnings(w => w.Throw(CoreEventId.RowLimitingOperationWithoutOrderByWarning, RelationalEventId.MultipleCollectionIncludeWarning));
    }
});
services.AddScoped<Seeder>();

// Data Protection (cookies, anti-forgery, stored channel and mailbox secrets): the key ring lives in the
// database, so several instances on one PostgreSQL read and write the same keys.
services.AddDataProtection().SetApplicationName("Yunwei").PersistKeysToDbContext<YunweiDbContext>();

// Identity: cookie sign-in for pages, personal access tokens for the API.
services.AddIdentityCore<AppUser>(o =>
    {
        o.Password.RequiredLength = 10;
        o.Password.RequireDigit = true;
        o.Password.RequireLowercase = true;
        o.Password.RequireUppercase = true;
        o.Password.RequireNonAlphanumeric = false;
        o.Lockout.MaxFailedAccessAttempts = 5;
        o.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(15);
        o.Lockout.AllowedForNewUsers = true;
        o.User.RequireUniqueEmail = false;
    })
    .AddRoles<AppRole>()
    .AddEntityFrameworkStores<YunweiDbContext>()
    .AddUserManager<YunweiUserManager>()
    .AddSignInManager<YunweiSignInManager>()
    .AddDefaultTokenProviders()
    .AddClaimsPrincipalFactory<YunweiClaimsFactory>();
services.Configure<SecurityStampValidatorOptions>(o =>
{
    o.ValidationInterval = TimeSpan.FromMinutes(1);
    o.OnRefreshingPrincipal = SignInSessions.KeepSessionOnRefresh;
});
services.AddAuthentication(o =>
    {
        o.DefaultScheme = AuthSchemes.Smart;
        o.DefaultSignInScheme = IdentityConstants.ExternalScheme;
    })
    .AddPolicyScheme(AuthSchemes.Smart, AuthSchemes.Smart, o => o.ForwardDefaultSelector = context =>
        AuthSchemes.IsBearer(context.Request)
            ? AuthSchemes.Bearer
            : IdentityConstants.ApplicationScheme)
    .AddScheme<Microsoft.AspNetCore.Authentication.AuthenticationSchemeOptions, AccessTokenHandler>(AuthSchemes.Bearer, null)
    .AddIdentityCookies();
services.ConfigureApplicationCookie(o =>
{
    o.LoginPath = "/account/login";
    o.LogoutPath = "/account/logout";
    o.AccessDeniedPath = "/account/denied";
    o.Cookie.Name = Security.CookieName;
    o.Cookie.HttpOnly = true;
    o.Cookie.SameSite = SameSiteMode.Lax;
    o.ExpireTimeSpan = TimeSpan.FromHours(12);
    o.SlidingExpiration = true;
    // The API answers 401/403 problem details instead of redirecting to the login page.
    o.Events.OnRedirectToLogin = context => ApiOr(context, StatusCodes.Status401Unauthorized);
    o.Events.OnRedirectToAccessDenied = context => ApiOr(context, StatusCodes.Status403Forbidden);
    // Every request: is the session still on (not signed out, same stamp, active, not locked)? Then Identity's own check.
    var identityCheck = o.Events.OnValidatePrincipal;
    o.Events.OnValidatePrincipal = async context =>
    {
        await SignInSessions.ValidateAsync(context);
        if (context.Principal is not null)
        {
            await identityCheck(context);
        }
    };
});
services.AddAuthorization(AuthorizationSetup.AddPermissionPolicies);
services.AddSignInThrottle(builder.Configuration);
services.AddCascadingAuthenticationState();
services.AddScoped<AuthenticationStateProvider, RevalidatingIdentityStateProvider>();
services.AddScoped<CircuitHandler, CurrentUserCircuitHandler>();

// UI: Blazor interactive server with AntDesign, zh-CN by default, English switchable.
services.AddRazorComponents().AddInteractiveServerComponents();
services.AddAntDesign();
services.AddLocalization(o => o.ResourcesPath = "Resources");
services.Configure<Microsoft.AspNetCore.Builder.RequestLocalizationOptions>(Cultures.Configure);
services.AddHttpContextAccessor();
// Chinese text in pages as characters, not &#x...; entities (a third of the bytes, readable source).
services.AddWebEncoders(o => o.TextEncoderSettings = new System.Text.Encodings.Web.TextEncoderSettings(System.Text.Unicode.UnicodeRanges.All));

// API: problem details everywhere, OpenAPI document with a Scalar reference page.
services.AddProblemDetails(o => o.CustomizeProblemDetails = Problems.Customize);
services.AddExceptionHandler<Problems.BadRequestExceptionHandler>();
services.AddExceptionHandler<Problems.MissingCjkFontExceptionHandler>();
// Throw on unreadable bodies so the handler above can name the failing field.
services.Configure<Microsoft.AspNetCore.Routing.RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
services.ConfigureHttpJsonOptions(o => o.SerializerOptions.Converters.Add(new System.Text.Json.Serialization.JsonStringEnumConverter()));
services.AddOpenApi(OpenApiSetup.Configure);
services.AddSingleton<WriteGateWatchdog>();
services.AddHostedService(sp => sp.GetRequiredService<WriteGateWatchdog>());
services.AddHealthChecks().AddDbContextCheck<YunweiDbContext>("database", tags: ["ready"])
    .AddCheck<WriteGateWatchdog>("write-gate", tags: ["ready"]);
services.AddFeatures();

var app = builder.Build();

// Culture first, so error responses written on the way out are localized too.
app.UseRequestLocalization();
app.UseSecurityHeaders();
app.UseExceptionHandler();
app.Use(WriteGateWatchdog.NameOperation);
app.UseWhen(c => c.Request.Path.StartsWithSegments("/api"), api => api.UseStatusCodePages());
if (!app.Environment.IsDevelopment())
{
    app.UseHsts();
}

app.UseAuthentication();
// After authentication: an antiforgery token belongs to the signed-in user.
app.UseCookieForgeryCheck();
app.UseMiddleware<CurrentUserMiddleware>();
app.UseAuthorization();
app.UseRateLimiter();
app.UseAntiforgery();

app.MapStaticAssets();
// Blazor's own "frame-ancestors 'self'" gives way to the full policy of Infrastructure/Security.cs.
app.MapRazorComponents<App>().AddInteractiveServerRenderMode(o => o.ContentSecurityFrameAncestorsPolicy = null);
app.MapOpenApi().AllowAnonymous();
app.MapScalarApiReference("/api/docs", o => o.WithTitle("Yunwei API").WithOpenApiRoutePattern("/openapi/{documentName}.json")).AllowAnonymous();
app.MapHealthChecks("/health/live", new() { Predicate = _ => false }).AllowAnonymous();
app.MapHealthChecks("/health/ready", new() { Predicate = c => c.Tags.Contains("ready") }).AllowAnonymous();
app.MapFeatures();

// Start-up on a small server: the database (EF Core's model, migrations, the seed check) and the endpoints
// (request delegates, JSON contracts, component routes) each take about a second of one core. The endpoints
// are built first on a second core while the database starts (docs/benchmarks.md "Session 14").
var verifyAudit = args.Contains("verify-audit", StringComparer.Ordinal);
var endpointsWarm = verifyAudit ? Task.CompletedTask : StartupWarmup.BuildEndpointsAsync(app);
try
{
    await DatabaseStartup.InitializeAsync(app);
}
catch (DatabaseStartup.DatabaseUnavailableException ex)
{
    // Straight to stderr: the console logger writes from a queue that an early exit can cut off.
    Console.Error.WriteLine($"Yunwei cannot start: {ex.Message}");
    await endpointsWarm.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
    await app.DisposeAsync();
    return 3;
}

// "verify-audit": seal what is pending, walk the audit hash chain, report the first broken link, exit.
if (verifyAudit)
{
    await using var scope = app.Services.CreateAsyncScope();
    scope.ServiceProvider.GetRequiredService<CurrentUser>().ActAsSystem();
    var chain = scope.ServiceProvider.GetRequiredService<Yunwei.Web.Features.Audit.AuditChainHandler>();
    await chain.SealAsync();
    var report = await chain.VerifyAsync();
    Console.Out.WriteLine(report.BrokenAt is null
        ? $"Audit chain intact: {report.Entries} entries, head {report.HeadHash ?? "(empty)"}, {report.Pending} pending."
        : $"Audit chain BROKEN at #{report.BrokenAt}: {report.Problem}. {report.Entries} entries before it hold.");
    return report.BrokenAt is null ? 0 : 1;
}

await endpointsWarm;
await app.RunAsync();
return 0;

static Task ApiOr(Microsoft.AspNetCore.Authentication.RedirectContext<Microsoft.AspNetCore.Authentication.Cookies.CookieAuthenticationOptions> context, int status)
{
    if (context.Request.Path.StartsWithSegments("/api"))
    {
        context.Response.StatusCode = status;
        return Task.CompletedTask;
    }

    context.Response.Redirect(context.RedirectUri);
    return Task.CompletedTask;
}

// The appsettings.json shipped beside the program (log levels: EF's statements at Warning) applies
// wherever the program is started; a service runs in its data folder, where ASP.NET looks for its
// settings. A settings file in that folder, the environment and the command line still override it.
static void AddShippedSettings(ConfigurationManager configuration)
{
    var shipped = new Microsoft.Extensions.Configuration.Json.JsonConfigurationSource
    {
        Path = Path.Combine(AppContext.BaseDirectory, "appsettings.json"),
        Optional = true,
    };
    shipped.ResolveFileProvider();
    configuration.Sources.Insert(0, shipped);
}

/// <summary>Entry point, public for WebApplicationFactory in the tests.</summary>
public partial class Program;

