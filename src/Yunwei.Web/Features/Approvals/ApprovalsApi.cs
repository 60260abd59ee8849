using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Localization;
using Yunwei.Domain.Administration;
using Yunwei.Domain.Approvals;
using Yunwei.Domain.Signatures;
using Yunwei.Web.Infrastructure;

namespace Yunwei.Web.Features.Approvals;

public static class ApprovalsApi
{
    /// <param name="Signature">Pen strokes (points scaled to 0–1000), required to approve a part replacement.</param>
    public sealed record DecisionBody(string? Comment, IReadOnlyList<IReadOnlyList<InkPoint>>? Signature);

    public sealed record SignatureCheck(Guid Id, string SignerName, string SignerRole, DateTime SignedAt, bool Matches, string Svg);

    public static void MapApprovalsApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/approvals").WithTags("Approvals").RequireAuthorization(Permissions.ApprovalsView);

        group.MapGet("/", ListApprovals)
            .WithName("ListApprovals").WithSummary("Approval requests: ToDecide (default), Mine or All");

        app.MapPost("/api/units/{unitId:guid}/approvals", RequestApproval)
            .RequireAuthorization(Permissions.ApprovalsRequest)
            .WithTags("Approvals").WithName("RequestApproval").WithSummary("Ask the client's consent (kind, title, the kind's fields, the gated record)");

        group.MapGet("/{id:guid}/signatures", ApprovalSignatures)
            .WithName("ApprovalSignatures").WithSummary("Signatures on a request, each checked against the request as it is now");

        app.MapGet("/api/units/{unitId:guid}/spare-parts", ListSpareParts)
            .RequireAuthorization(Permissions.AssetsView)
            .WithTags("Spare stock").WithName("ListSpareParts").WithSummary("Spare parts in stock, low ones flagged");
        app.MapPost("/api/units/{unitId:guid}/spare-parts", CreateSparePart)
            .RequireAuthorization(Permissions.AssetsManage)
            .WithTags("Spare stock").WithName("CreateSparePart").WithSummary("Add a kind of spare part (quantity starts at 0)");
        app.MapPost("/api/spare-parts/{id:guid}/movements", MoveStock)
            .RequireAuthorization(Permissions.AssetsManage)
            .WithTags("Spare stock").WithName("MoveStock").WithSummary("Receive, consume (for a replacement: approval, asset, fate of the old part) or adjust; never below zero");

        group.MapPost("/{id:guid}/approve", Approve).WithName("ApprovalApprove").WithSummary("approve a pending request");
        group.MapPost("/{id:guid}/reject", Reject).WithName("ApprovalReject").WithSummary("reject a pending request");
        group.MapPost("/{id:guid}/withdraw", Withdraw).WithName("ApprovalWithdraw").WithSummary("withdraw a pending request");
    }

    private static async Task<Ok<IReadOnlyList<ApprovalRow>>> ListApprovals(
        ApprovalScope? scope, Guid? unitId, ListApprovalsHandler handler, CancellationToken ct)
        => TypedResults.Ok(await handler.HandleAsync(scope ?? ApprovalScope.ToDecide, unitId, ct));

    private static async Task<Results<Created<Guid>, ValidationProblem, ProblemHttpResult>> RequestApproval(
        Guid unitId, RequestApprovalRequest request, RequestApprovalHandler handler, IStringLocalizer<SharedResource> l, CancellationToken ct)
        => (await handler.HandleAsync(unitId, request, ct)).ToCreated(l, id => $"/api/approvals/{id}");

    private static async Task<Results<Ok<IReadOnlyList<SignatureCheck>>, ProblemHttpResult>> ApprovalSignatures(
        Guid id, ApprovalSignaturesHandler handler, IStringLocalizer<SharedResource> l, CancellationToken ct)
        => await handler.HandleAsync(id, ct) is { } checks ? TypedResults.Ok(checks) : Problems.NotFound(l);

    private static async Task<Results<Ok<IReadOnlyList<SparePartRow>>, ProblemHttpResult>> ListSpareParts(
        Guid unitId, SpareStockHandler handler, IStringLocalizer<SharedResource> l, CancellationToken ct)
        => await handler.ListAsync(unitId, ct) is { } rows ? TypedResults.Ok(rows) : Problems.NotFound(l);

    private static async Task<Results<Created<Guid>, ValidationProblem, ProblemHttpResult>> CreateSparePart(
        Guid unitId, SparePartRequest request, SpareStockHandler handler, IStringLocalizer<SharedResource> l, CancellationToken ct)
        => (await handler.CreateAsync(unitId, request, ct)).ToCreated(l, id => $"/api/spare-parts/{id}");

    private static async Task<Results<Ok<int>, ValidationProblem, ProblemHttpResult>> MoveStock(
        Guid id, StockMoveRequest request, SpareStockHandler handler, IStringLocalizer<SharedResource> l, CancellationToken ct)
        => (await handler.MoveAsync(id, request, ct)).ToOk(l);

    private static Task<Results<Ok<DecisionResult>, ProblemHttpResult>> Approve(
        Guid id, DecisionBody? body, DecideApprovalHandler handler, IStringLocalizer<SharedResource> l, CancellationToken ct)
        => DecideAsync(id, ApprovalAction.Approve, body, handler, l, ct);

    private static Task<Results<Ok<DecisionResult>, ProblemHttpResult>> Reject(
        Guid id, DecisionBody? body, DecideApprovalHandler handler, IStringLocalizer<SharedResource> l, CancellationToken ct)
        => DecideAsync(id, ApprovalAction.Reject, body, handler, l, ct);

    private static Task<Results<Ok<DecisionResult>, ProblemHttpResult>> Withdraw(
        Guid id, DecisionBody? body, DecideApprovalHandler handler, IStringLocalizer<SharedResource> l, CancellationToken ct)
        => DecideAsync(id, ApprovalAction.Withdraw, body, handler, l, ct);

    private static async Task<Results<Ok<DecisionResult>, ProblemHttpResult>> DecideAsync(
        Guid id, ApprovalAction action, DecisionBody? body, DecideApprovalHandler handler, IStringLocalizer<SharedResource> l, CancellationToken ct)
    {
        var result = await handler.HandleAsync(id, action, body?.Comment, body?.Signature, ct);
        return result.Status switch
        {
            DecisionStatus.Done => TypedResults.Ok(result),
            DecisionStatus.NotFound => Problems.NotFound(l),
            DecisionStatus.Forbidden => TypedResults.Problem(statusCode: StatusCodes.Status403Forbidden, detail: l[result.ErrorKey!].Value),
            DecisionStatus.Invalid => TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, detail: l[result.ErrorKey!].Value),
            _ => TypedResults.Problem(
                statusCode: StatusCodes.Status409Conflict,
                detail: l[result.ErrorKey!, l["ApprovalState." + result.State].Value, result.DecidedBy ?? "—"].Value,
                extensions: new Dictionary<string, object?> { ["state"] = result.State?.ToString(), ["decidedBy"] = result.DecidedBy }),
        };
    }
}
