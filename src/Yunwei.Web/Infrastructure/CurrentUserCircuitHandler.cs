using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server.Circuits;

namespace Yunwei.Web.Infrastructure;

/// <summary>
/// Keeps <see cref="CurrentUser"/> in step with the circuit's authentication state, so services used
/// by interactive pages filter by the right user (the documented pattern for circuit-scoped user data).
/// </summary>
public sealed class CurrentUserCircuitHandler(AuthenticationStateProvider authenticationStateProvider, CurrentUser currentUser)
    : CircuitHandler, IDisposable
{
    public override async Task OnCircuitOpenedAsync(Circuit circuit, CancellationToken cancellationToken)
    {
        authenticationStateProvider.AuthenticationStateChanged += OnChanged;
        var state = await authenticationStateProvider.GetAuthenticationStateAsync();
        currentUser.Set(state.User);
    }

    private void OnChanged(Task<AuthenticationState> task) =>
        _ = UpdateAsync(task);

    private async Task UpdateAsync(Task<AuthenticationState> task)
    {
        var state = await task;
        currentUser.Set(state.User);
    }

    public void Dispose() => authenticationStateProvider.AuthenticationStateChanged -= OnChanged;
}
