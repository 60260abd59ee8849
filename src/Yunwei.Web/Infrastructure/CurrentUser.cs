using System.Security.Claims;
using Yunwei.Data;
using Yunwei.Domain.Administration;

namespace Yunwei.Web.Infrastructure;

/// <summary>
/// The signed-in user of this request or Blazor circuit, and the units they may see. Set by
/// <see cref="CurrentUserMiddleware"/> for HTTP requests and by <see cref="CurrentUserCircuitHandler"/>
/// for interactive circuits; the DbContext filters every query by it.
/// </summary>
public sealed class CurrentUser : ITenantContext
{
    public const string UnitClaim = "yw:unit";
    public const string PartyClaim = "yw:party";
    public const string DisplayNameClaim = "yw:name";

    private ClaimsPrincipal _principal = new(new ClaimsIdentity());
    private bool _system;

    public ClaimsPrincipal Principal => _principal;

    public bool IsAuthenticated => _system || _principal.Identity?.IsAuthenticated == true;

    public Guid? UserId => _system ? null
        : Guid.TryParse(_principal.FindFirstValue(ClaimTypes.NameIdentifier), out var id) ? id : null;

    public string? UserName => _system ? "system" : _principal.Identity?.Name;

    public string? DisplayName => _principal.FindFirstValue(DisplayNameClaim) ?? UserName;

    public IReadOnlyList<string> Roles => [.. _principal.FindAll(ClaimTypes.Role).Select(c => c.Value)];

    public Party Party => Enum.TryParse<Party>(_principal.FindFirstValue(PartyClaim), out var p) ? p : Party.System;

    public bool SeesAllUnits => _system || Roles.Any(Domain.Administration.Roles.SeesAllUnits);

    public IReadOnlyList<Guid> UnitIds =>
        [.. _principal.FindAll(UnitClaim).Select(c => Guid.TryParse(c.Value, out var id) ? id : Guid.Empty).Where(id => id != Guid.Empty)];

    public bool Can(string permission) => _system || Permissions.Grants(Roles, permission);

    public void Set(ClaimsPrincipal principal)
    {
        _principal = principal;
        _system = false;
    }

    /// <summary>Acts as the system itself (start-up seeding), seeing every unit.</summary>
    public void ActAsSystem() => _system = true;
}

/// <summary>Copies the authenticated principal of an HTTP request into <see cref="CurrentUser"/>.</summary>
public sealed class CurrentUserMiddleware(RequestDelegate next)
{
    public Task InvokeAsync(HttpContext context, CurrentUser currentUser)
    {
        currentUser.Set(context.User);
        return next(context);
    }
}
