using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Localization;

namespace Yunwei.Web.Infrastructure;

/// <summary>
/// Field errors collected by a handler as resource keys (with format arguments), turned into
/// messages in the user's language by the page or the API.
/// </summary>
public sealed class ValidationErrors
{
    private readonly Dictionary<string, List<(string Key, object[] Args)>> _errors = new(StringComparer.Ordinal);

    public bool IsEmpty => _errors.Count == 0;

    public IEnumerable<string> Fields => _errors.Keys;

    /// <summary>Every error with its field, resource key and arguments (for row-level reports).</summary>
    public IEnumerable<(string Field, string Key, object[] Args)> Entries =>
        _errors.SelectMany(e => e.Value.Select(x => (e.Key, x.Key, x.Args)));

    public ValidationErrors Add(string field, string key, params object[] args)
    {
        if (!_errors.TryGetValue(field, out var list))
        {
            _errors[field] = list = [];
        }

        list.Add((key, args));
        return this;
    }

    public ValidationErrors Required(string field, string? value, int maxLength)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            Add(field, "Validation.Required");
        }
        else if (value.Trim().Length > maxLength)
        {
            Add(field, "Validation.MaxLength", maxLength);
        }

        return this;
    }

    public ValidationErrors Optional(string field, string? value, int maxLength)
    {
        if (value is not null && value.Trim().Length > maxLength)
        {
            Add(field, "Validation.MaxLength", maxLength);
        }

        return this;
    }

    public Dictionary<string, string[]> Localize(IStringLocalizer localizer) =>
        _errors.ToDictionary(
            e => e.Key,
            e => e.Value.Select(x => localizer[x.Key, x.Args].Value).ToArray(),
            StringComparer.Ordinal);

    public ValidationProblem ToProblem(IStringLocalizer localizer) =>
        TypedResults.ValidationProblem(Localize(localizer), title: localizer["Problem.Status.400"].Value);

    /// <summary>Well-formed but not processable as sent (422), e.g. an Idempotency-Key reused for another request.</summary>
    public ProblemHttpResult ToUnprocessable(IStringLocalizer localizer) =>
        TypedResults.Problem(new HttpValidationProblemDetails(Localize(localizer))
        {
            Status = StatusCodes.Status422UnprocessableEntity,
            Title = localizer["Problem.Status.422"].Value,
        });

    /// <summary>All messages in one line, for a page's message box.</summary>
    public string Summary(IStringLocalizer localizer) =>
        string.Join("；", Localize(localizer).SelectMany(e => e.Value));

    /// <summary>All messages in one line, each after its field's label ("IMAP 服务器：必填").</summary>
    public string Summary(IStringLocalizer localizer, IReadOnlyDictionary<string, string> labels)
    {
        ArgumentNullException.ThrowIfNull(labels);
        return string.Join("；", Localize(localizer).Select(e => (labels.TryGetValue(e.Key, out var label) ? label + "：" : "") + string.Join("，", e.Value)));
    }
}

/// <summary>The outcome of a command: done with a value, invalid, or not found (including "in another unit").</summary>
public sealed class Outcome<T>
{
    private Outcome(T? value, ValidationErrors? errors, bool notFound, bool conflict = false, bool forbidden = false, bool unprocessable = false)
    {
        IsUnprocessable = unprocessable;
        Value = value;
        Errors = errors;
        IsNotFound = notFound;
        IsConflict = conflict;
        IsForbidden = forbidden;
    }

    public T? Value { get; }

    public ValidationErrors? Errors { get; }

    public bool IsNotFound { get; }

    /// <summary>Someone else changed the record first: reload and try again (nothing was written).</summary>
    public bool IsConflict { get; }

    /// <summary>The user may not do this (403); <see cref="Errors"/> carries the message for pages.</summary>
    public bool IsForbidden { get; }

    /// <summary>Well-formed but refused as sent (422); <see cref="Errors"/> says why.</summary>
    public bool IsUnprocessable { get; }

    public bool Succeeded => Errors is null && !IsNotFound && !IsConflict;

#pragma warning disable CA1000 // Outcome<T>.Ok(...) reads best at the call site.
    public static Outcome<T> Ok(T value) => new(value, null, false);

    public static Outcome<T> Invalid(ValidationErrors errors) => new(default, errors, false);

    public static Outcome<T> NotFound() => new(default, null, true);

    public static Outcome<T> Conflict() => new(default, null, false, conflict: true);

    public static Outcome<T> Unprocessable(ValidationErrors errors) => new(default, errors, false, unprocessable: true);

    /// <summary>
    /// An edit of a record whose revision is not <paramref name="sent"/>: without a revision it is refused
    /// as incomplete (never applied blindly), with an older one it is a conflict (409).
    /// </summary>
    public static Outcome<T> StaleEdit(int? sent) =>
        sent is null ? Invalid(new ValidationErrors().Add("Revision", "Validation.Required")) : Conflict();

    /// <summary>
    /// The user lacks the permission (the handler's own check: endpoints' policies refuse earlier,
    /// pages call handlers directly). The API answers 403; pages show the message.
    /// </summary>
    public static Outcome<T> NotAllowed() => new(default, new ValidationErrors().Add("Permission", "Problem.NotAllowed"), false, forbidden: true);
#pragma warning restore CA1000
}

/// <summary>Turns a command's outcome into the API's answer: 200/201/204, 400 with the fields, or 404.</summary>
public static class OutcomeResults
{
    public static Results<Ok<T>, ValidationProblem, ProblemHttpResult> ToOk<T>(this Outcome<T> outcome, IStringLocalizer localizer) =>
        outcome switch
        {
            { IsNotFound: true } => Problems.NotFound(localizer),
            { IsConflict: true } => Problems.Conflict(localizer),
            { IsForbidden: true } => Problems.Forbidden(localizer),
            { Errors: { } errors } => errors.ToProblem(localizer),
            _ => TypedResults.Ok(outcome.Value!),
        };

    public static Results<NoContent, ValidationProblem, ProblemHttpResult> ToNoContent<T>(this Outcome<T> outcome, IStringLocalizer localizer) =>
        outcome switch
        {
            { IsNotFound: true } => Problems.NotFound(localizer),
            { IsConflict: true } => Problems.Conflict(localizer),
            { IsForbidden: true } => Problems.Forbidden(localizer),
            { Errors: { } errors } => errors.ToProblem(localizer),
            _ => TypedResults.NoContent(),
        };

    public static Results<Created<T>, ValidationProblem, ProblemHttpResult> ToCreated<T>(this Outcome<T> outcome, IStringLocalizer localizer, Func<T, string> location) =>
        outcome switch
        {
            { IsNotFound: true } => Problems.NotFound(localizer),
            { IsConflict: true } => Problems.Conflict(localizer),
            { IsForbidden: true } => Problems.Forbidden(localizer),
            { Errors: { } errors } => errors.ToProblem(localizer),
            _ => TypedResults.Created(location(outcome.Value!), outcome.Value!),
        };
}
