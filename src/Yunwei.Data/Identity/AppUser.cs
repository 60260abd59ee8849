using Microsoft.AspNetCore.Identity;
using Yunwei.Domain;
using Yunwei.Domain.Administration;

namespace Yunwei.Data.Identity;

/// <summary>A person who signs in: client staff, provider staff, or system operator.</summary>
public sealed class AppUser : IdentityUser<Guid>
{
    public AppUser()
    {
        Id = Guid.CreateVersion7();
        SecurityStamp = Guid.NewGuid().ToString("N");
    }

    public required string DisplayName { get; set; }

    public Party Party { get; set; }

    public bool IsActive { get; set; } = true;

    public DateTime CreatedAt { get; set; }

    /// <summary>Preferred UI culture, e.g. "zh-CN" or "en".</summary>
    public string? Culture { get; set; }

    public List<UnitMembership> Memberships { get; set; } = [];

    /// <summary>Notifications also by mail to <see cref="IdentityUser{TKey}.Email"/> (the in-app centre always has them).</summary>
    public bool NotifyByEmail { get; set; } = true;

    /// <summary>Quiet hours (China time) during which mail waits until they end; never for level-1 faults. Null: none.</summary>
    public TimeOnly? QuietFrom { get; set; }

    public TimeOnly? QuietTo { get; set; }

    /// <summary>Message-key prefixes this person does not want by mail (e.g. "Notify.Roster.").</summary>
    public List<string> MutedEvents { get; set; } = [];

    /// <summary>
    /// Optimistic concurrency for what people edit in forms (the administrator's user form and the
    /// person's notification preferences). Identity's ConcurrencyStamp also changes on sign-in
    /// failures and lockouts, which must not refuse an administrator's edit.
    /// </summary>
    public int Revision { get; set; }
}

public sealed class AppRole : IdentityRole<Guid>
{
    public AppRole()
    {
        Id = Guid.CreateVersion7();
    }
}

/// <summary>Grants a user access to one client unit. Client users have exactly one.</summary>
public sealed class UnitMembership : IUnitOwned
{
    public Guid UserId { get; set; }

    public Guid ClientUnitId { get; set; }
}

/// <summary>A bearer token for the API, issued on the profile page. Only its hash is stored.</summary>
public sealed class PersonalAccessToken
{
    public Guid Id { get; set; } = Guid.CreateVersion7();

    public Guid UserId { get; set; }

    public required string Name { get; set; }

    /// <summary>The first characters of the token, shown so a user can tell tokens apart.</summary>
    public required string Prefix { get; set; }

    /// <summary>SHA-256 of the token, hex.</summary>
    public required string TokenHash { get; set; }

    public DateTime CreatedAt { get; set; }

    public DateTime ExpiresAt { get; set; }

    public DateTime? LastUsedAt { get; set; }

    public DateTime? RevokedAt { get; set; }
}

/// <summary>
/// A sign-in session that was signed out: its cookie, even if someone kept a copy, is refused from then
/// on. Kept until the cookie would have expired anyway.
/// </summary>
public sealed class EndedSession
{
    /// <summary>The session id the cookie carries.</summary>
    public Guid Id { get; set; }

    public Guid UserId { get; set; }

    public DateTime EndedAt { get; set; }

    /// <summary>After this no cookie of the session can be valid; the row may go.</summary>
    public DateTime ExpiresAt { get; set; }
}
