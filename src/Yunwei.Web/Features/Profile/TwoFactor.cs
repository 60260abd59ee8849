using Microsoft.AspNetCore.Identity;
using QRCoder;
using Yunwei.Data.Identity;
using Yunwei.Web.Infrastructure;

namespace Yunwei.Web.Features.Profile;

public sealed record TwoFactorState(bool Enabled);

/// <summary>The authenticator key, as text and as a QR code for a TOTP app.</summary>
public sealed record TwoFactorSetup(string SharedKey, string QrSvg);

/// <summary>Optional TOTP two-factor sign-in for the current user (RFC 6238 via Identity's authenticator provider).</summary>
public sealed class TwoFactorHandler(UserScope userScope)
{
    public Task<TwoFactorState> StateAsync() => WithUser(async (users, user) => new TwoFactorState(await users.GetTwoFactorEnabledAsync(user)));

    public Task<TwoFactorSetup> BeginAsync() => WithUser(async (users, user) =>
    {
        await users.ResetAuthenticatorKeyAsync(user);
        var key = (await users.GetAuthenticatorKeyAsync(user))!;
        var uri = $"otpauth://totp/{Uri.EscapeDataString("Yunwei:" + user.UserName)}?secret={key}&issuer=Yunwei&digits=6";
        using var generator = new QRCodeGenerator();
        using var data = generator.CreateQrCode(uri, QRCodeGenerator.ECCLevel.M);
        var svg = new SvgQRCode(data).GetGraphic(4);
        return new TwoFactorSetup(FormatKey(key), svg);
    });

    public Task<bool> EnableAsync(string code) => WithUser(async (users, user) =>
    {
        var clean = code.Replace(" ", string.Empty, StringComparison.Ordinal).Replace("-", string.Empty, StringComparison.Ordinal);
        if (!await users.VerifyTwoFactorTokenAsync(user, users.Options.Tokens.AuthenticatorTokenProvider, clean))
        {
            return false;
        }

        await users.SetTwoFactorEnabledAsync(user, true);
        return true;
    });

    public Task<bool> DisableAsync() => WithUser(async (users, user) =>
    {
        await users.SetTwoFactorEnabledAsync(user, false);
        await users.ResetAuthenticatorKeyAsync(user);
        return true;
    });

    private Task<T> WithUser<T>(Func<UserManager<AppUser>, AppUser, Task<T>> work) =>
        userScope.RunAsync(async sp =>
        {
            var users = sp.GetRequiredService<UserManager<AppUser>>();
            var current = sp.GetRequiredService<CurrentUser>();
            var user = await users.FindByIdAsync(current.UserId.ToString()!)
                ?? throw new InvalidOperationException("The signed-in user no longer exists.");
            return await work(users, user);
        });

    private static string FormatKey(string key) =>
        string.Join(' ', Enumerable.Range(0, (key.Length + 3) / 4).Select(i => key.Substring(i * 4, Math.Min(4, key.Length - (i * 4)))).ToArray()).ToLowerInvariant();
}
