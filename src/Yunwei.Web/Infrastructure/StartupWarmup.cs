namespace Yunwei.Web.Infrastructure;

/// <summary>Start-up work that can run on a second core while the database starts.</summary>
public static class StartupWarmup
{
    /// <summary>
    /// Builds every endpoint once on a pool thread: the request delegates' code is compiled, the JSON contracts
    /// of the request bodies and the component routes are made and cached. The host builds its endpoints again
    /// when it starts (the authorization policy cache, then routing on the first request); that build then finds
    /// the work done. Awaited before the host starts, so the two never run at once.
    /// </summary>
    public static Task BuildEndpointsAsync(IEndpointRouteBuilder app) => Task.Run(() =>
    {
        using var endpoints = new CompositeEndpointDataSource(app.DataSources);
        _ = endpoints.Endpoints;
    });
}
