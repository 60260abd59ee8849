using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Yunwei.Web.Infrastructure;
using Yunwei.Web.Infrastructure.Pdf;

namespace Yunwei.Web.Tests.Infrastructure;

/// <summary>Every PDF download on a server without a Chinese font answers one 503 saying what to install.</summary>
public sealed class MissingFontTests(YunweiFactory factory) : IClassFixture<YunweiFactory>
{
    [Fact]
    public async Task A_missing_font_is_a_503_problem_naming_the_package_and_other_errors_pass_by()
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var handler = ActivatorUtilities.CreateInstance<Problems.MissingCjkFontExceptionHandler>(scope.ServiceProvider);
        var context = new DefaultHttpContext { RequestServices = scope.ServiceProvider };
        context.Response.Body = new MemoryStream();

        (await handler.TryHandleAsync(context, new InvalidOperationException("other"), CancellationToken.None)).ShouldBeFalse();
        (await handler.TryHandleAsync(context, new MissingCjkFontException("install fonts-wqy-microhei"), CancellationToken.None)).ShouldBeTrue();

        context.Response.StatusCode.ShouldBe(StatusCodes.Status503ServiceUnavailable);
        context.Response.Body.Position = 0;
        using var problem = await JsonDocument.ParseAsync(context.Response.Body);
        problem.RootElement.GetProperty("status").GetInt32().ShouldBe(503);
        problem.RootElement.GetProperty("detail").GetString().ShouldBe("install fonts-wqy-microhei");
        problem.RootElement.GetProperty("title").GetString().ShouldNotBeNullOrWhiteSpace();
    }
}
