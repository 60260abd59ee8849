using System.Net.Http.Headers;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Yunwei.Data;
using Yunwei.Data.Identity;
using Yunwei.Web.Infrastructure;

namespace Yunwei.Web.Tests.Infrastructure;

/// <summary>
/// The real host on a fresh SQLite file with the demo data, every demo user's password known.
/// Shared by the tests of one class; tests that change data create their own units.
/// </summary>
public class YunweiFactory : WebApplicationFactory<Program>
{
    public const string DemoPassword = "Demo-Pass-2026";

    private readonly string _folder = Path.Combine(Path.GetTempPath(), "yunwei-web-tests", Guid.NewGuid().ToString("N"));

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        Directory.CreateDirectory(_folder);
        builder.UseEnvironment("Testing");
        builder.UseSetting("Database:Provider", "Sqlite");
        builder.UseSetting("ConnectionStrings:Sqlite", $"Data Source={Path.Combine(_folder, "yunwei.db")}");
        builder.UseSetting("Seed:DemoPassword", DemoPassword);
        builder.UseSetting("Files:Root", Path.Combine(_folder, "files"));
        builder.UseSetting("Files:MaxBytes", "1048576");
    }

    /// <summary>An API client authenticated with a fresh personal access token of the given user.</summary>
    public async Task<HttpClient> ApiClientAsync(string userName, string? acceptLanguage = null)
    {
        var token = await IssueTokenAsync(userName, TimeSpan.FromDays(1));
        var client = CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        if (acceptLanguage is not null)
        {
            client.DefaultRequestHeaders.AcceptLanguage.ParseAdd(acceptLanguage);
        }

        return client;
    }

    public async Task<string> IssueTokenAsync(string userName, TimeSpan validFor, bool revoked = false)
    {
        await using var scope = Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<CurrentUser>().ActAsSystem();
        var user = await scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>().FindByNameAsync(userName)
            ?? throw new InvalidOperationException($"No user {userName}.");
        var db = scope.ServiceProvider.GetRequiredService<YunweiDbContext>();
        var token = AccessTokens.NewToken();
        var now = DateTime.SpecifyKind(new DateTime(2026, 11, 27, 0, 0, 0), DateTimeKind.Utc);
        db.PersonalAccessTokens.Add(new PersonalAccessToken
        {
            UserId = user.Id,
            Name = "test",
            Prefix = token[..10],
            TokenHash = AccessTokens.Hash(token),
            CreatedAt = now,
            ExpiresAt = TimeProvider.System.GetUtcNow().UtcDateTime.Add(validFor),
            RevokedAt = revoked ? now : null,
        });
        await db.SaveChangesAsync();
        return token;
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing && Directory.Exists(_folder))
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(_folder, recursive: true);
        }
    }
}
