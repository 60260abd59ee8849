using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Localization;
using Yunwei.Domain.Administration;
using Yunwei.Domain.Roster;
using Yunwei.Web.Infrastructure;
using Yunwei.Web.Platform;

namespace Yunwei.Web.Features.Roster;

public static class CalendarFeedsApi
{
    public sealed record FeedRequest(FeedKind Kind, Guid? UnitId);

    public static void MapCalendarFeedsApi(this IEndpointRouteBuilder app)
    {
        var feeds = app.MapGroup("/api/roster/feeds").WithTags("Roster").RequireAuthorization(Permissions.RosterView);
        feeds.MapGet("/", ListCalendarFeeds)
            .WithName("ListCalendarFeeds").WithSummary("My calendar subscriptions");
        feeds.MapPost("/", CreateCalendarFeed)
            .WithName("CreateCalendarFeed").WithSummary("A subscription URL (shown once) for my shifts (Engineer) or a unit's (Unit)");
        feeds.MapDelete("/{id:guid}", RevokeCalendarFeed)
            .WithName("RevokeCalendarFeed").WithSummary("Revoke a subscription: its URL stops working");

        // Calendar apps fetch without signing in: the token in the URL is the key.
        app.MapGet("/ical/{token}.ics", RenderCalendarFeed)
            .AllowAnonymous().ExcludeFromDescription();
    }

    private static async Task<Ok<IReadOnlyList<FeedRow>>> ListCalendarFeeds(CalendarFeedsHandler handler, CancellationToken ct)
        => TypedResults.Ok(await handler.MineAsync(ct));

    private static async Task<Results<Created<NewFeed>, ValidationProblem, ProblemHttpResult>> CreateCalendarFeed(
        FeedRequest request, HttpRequest http, IConfiguration configuration, CalendarFeedsHandler handler, IStringLocalizer<SharedResource> l,
        CancellationToken ct)
        => (await handler.CreateAsync(request.Kind, request.UnitId, PublicUrl.Of(configuration, http), ct)).ToCreated(l, f => $"/api/roster/feeds/{f.Id}");

    private static async Task<Results<NoContent, ProblemHttpResult>> RevokeCalendarFeed(
        Guid id, CalendarFeedsHandler handler, IStringLocalizer<SharedResource> l, CancellationToken ct)
        => await handler.RevokeAsync(id, ct) ? TypedResults.NoContent() : Problems.NotFound(l);

    private static async Task<Results<ContentHttpResult, NotFound>> RenderCalendarFeed(
        string token, IServiceProvider services, IStringLocalizer<SharedResource> l, CancellationToken ct)
    {
        services.GetRequiredService<CurrentUser>().ActAsSystem();
        return await services.GetRequiredService<CalendarFeedsHandler>().RenderAsync(token, l, ct) is { } text
            ? TypedResults.Content(text, "text/calendar; charset=utf-8")
            : TypedResults.NotFound();
    }
}
