using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;

namespace Yunwei.Web.Infrastructure;

/// <summary>
/// RFC 7807 problem details for every API error, with titles in the request's language.
/// </summary>
public static class Problems
{
    public static void Customize(ProblemDetailsContext context)
    {
        var localizer = context.HttpContext.RequestServices.GetRequiredService<IStringLocalizer<SharedResource>>();
        var status = context.ProblemDetails.Status ?? context.HttpContext.Response.StatusCode;
        var title = localizer[$"Problem.Status.{status}"];
        if (!title.ResourceNotFound)
        {
            context.ProblemDetails.Title = title.Value;
        }

        // A 400 without field errors comes from the framework: the body could not be read at all.
        if (status == StatusCodes.Status400BadRequest && context.ProblemDetails is not HttpValidationProblemDetails && context.ProblemDetails.Detail is null)
        {
            context.ProblemDetails.Detail = localizer["Problem.MalformedRequest"].Value;
        }

        context.ProblemDetails.Instance ??= context.HttpContext.Request.Path;
        context.ProblemDetails.Extensions["traceId"] = context.HttpContext.TraceIdentifier;
    }

    /// <summary>Maps bad requests (malformed JSON, wrong types) to 400 instead of 500.</summary>
    public sealed class BadRequestExceptionHandler(IProblemDetailsService problemDetails) : IExceptionHandler
    {
        public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
        {
            if (exception is not BadHttpRequestException bad)
            {
                return false;
            }

            httpContext.Response.StatusCode = bad.StatusCode;
            var localizer = httpContext.RequestServices.GetRequiredService<IStringLocalizer<SharedResource>>();
            ProblemDetails details = new() { Status = bad.StatusCode };

            // A JSON value of the wrong type names its field: "$.slaTargets[0].responseMinutes".
            if (bad.InnerException is System.Text.Json.JsonException { Path: { Length: > 1 } path })
            {
                var field = path.StartsWith("$.", StringComparison.Ordinal) ? path[2..] : path;
                details = new HttpValidationProblemDetails(new Dictionary<string, string[]>
                {
                    [field] = [localizer["Validation.JsonValue"].Value],
                })
                {
                    Status = bad.StatusCode,
                    Detail = localizer["Problem.MalformedRequest"].Value,
                };
            }

            return await problemDetails.TryWriteAsync(new ProblemDetailsContext
            {
                HttpContext = httpContext,
                Exception = exception,
                ProblemDetails = details,
            });
        }
    }

    /// <summary>
    /// A PDF asked for on a server without a Chinese font: 503 with what to install, in one place for
    /// every download (fault report, labels, weekly deliverables, the quarterly form and evidence pack).
    /// </summary>
    public sealed class MissingCjkFontExceptionHandler(IProblemDetailsService problemDetails) : IExceptionHandler
    {
        public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
        {
            if (exception is not Pdf.MissingCjkFontException)
            {
                return false;
            }

            var localizer = httpContext.RequestServices.GetRequiredService<IStringLocalizer<SharedResource>>();
            httpContext.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
            return await problemDetails.TryWriteAsync(new ProblemDetailsContext
            {
                HttpContext = httpContext,
                Exception = exception,
                ProblemDetails = new ProblemDetails { Status = StatusCodes.Status503ServiceUnavailable, Title = localizer["Pdf.NoFont"].Value, Detail = exception.Message },
            });
        }
    }

    /// <summary>A 400 with the failing fields, each message in the user's language.</summary>
    public static ValidationProblem Validation(IStringLocalizer localizer, IDictionary<string, string[]> errors) =>
        TypedResults.ValidationProblem(
            errors.ToDictionary(e => e.Key, e => e.Value.Select(k => localizer[k].Value).ToArray()),
            title: localizer["Problem.Status.400"].Value);

    /// <summary>A 403 from a handler's own permission check.</summary>
    public static ProblemHttpResult Forbidden(IStringLocalizer localizer) =>
        TypedResults.Problem(statusCode: StatusCodes.Status403Forbidden, detail: localizer["Problem.NotAllowed"].Value);

    /// <summary>A 409: the record changed since it was read; the client reloads and tries again.</summary>
    public static ProblemHttpResult Conflict(IStringLocalizer localizer) =>
        TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, detail: localizer["Problem.Conflict"].Value);

    /// <summary>A 404 that does not reveal whether the record exists in another unit.</summary>
    public static ProblemHttpResult NotFound(IStringLocalizer localizer) =>
        TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, detail: localizer["Problem.NotFound"].Value);
}
