namespace Yunwei.Web.Infrastructure;

/// <summary>
/// Runs work in a fresh DI scope that acts for the current user. Interactive circuits live long;
/// Identity's UserManager tracks entities in its scoped DbContext, so each command gets its own.
/// </summary>
public sealed class UserScope(IServiceScopeFactory scopeFactory, CurrentUser currentUser)
{
    public async Task<T> RunAsync<T>(Func<IServiceProvider, Task<T>> work)
    {
        await using var scope = scopeFactory.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<CurrentUser>().Set(currentUser.Principal);
        return await work(scope.ServiceProvider);
    }
}
