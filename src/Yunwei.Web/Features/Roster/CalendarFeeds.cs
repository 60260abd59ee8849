using System.Security.Cryptography;
using Ical.Net.CalendarComponents;
using Ical.Net.DataTypes;
using Ical.Net.Serialization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Yunwei.Data;
using Yunwei.Domain;
using Yunwei.Domain.Administration;
using Yunwei.Domain.Roster;
using Yunwei.Web.Infrastructure;

namespace Yunwei.Web.Features.Roster;

public sealed record FeedRow(Guid Id, FeedKind Kind, Guid? ClientUnitId, string Prefix, DateTime CreatedAt, DateTime? RevokedAt);

/// <summary>The subscription URL, shown once: only the token's hash is kept.</summary>
public sealed record NewFeed(Guid Id, string Url);

/// <summary>
/// iCalendar subscriptions (RFC 5545, time zone Asia/Shanghai) of published shifts: an engineer's
/// own, or a whole unit's. Calendar apps cannot sign in, so the URL carries a secret token.
/// </summary>
public sealed class CalendarFeedsHandler(IDbContextFactory<YunweiDbContext> dbFactory, CurrentUser currentUser, TimeProvider time)
{
    public const string TimeZone = "Asia/Shanghai";

    /// <summary>Shifts from a month back to three months ahead.</summary>
    public static readonly TimeSpan Back = TimeSpan.FromDays(31), Ahead = TimeSpan.FromDays(92);

    public async Task<Outcome<NewFeed>> CreateAsync(FeedKind kind, Guid? unitId, string baseUrl, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        if (currentUser.UserId is not { } me)
        {
            return Outcome<NewFeed>.NotFound();
        }

        var errors = new ValidationErrors();
        if (!Enum.IsDefined(kind))
        {
            errors.Add(nameof(kind), "Validation.Invalid");
        }
        else if (kind == FeedKind.Engineer && !currentUser.Roles.Any(r => r is Roles.ResidentEngineer or Roles.DutyEngineer or Roles.SupportEngineer))
        {
            errors.Add(nameof(kind), "Roster.Error.NotAnEngineer");
        }
        else if (kind == FeedKind.Unit && (unitId is not { } unit || !await db.ClientUnits.AnyAsync(u => u.Id == unit, cancellationToken)))
        {
            return Outcome<NewFeed>.NotFound();
        }

        if (!errors.IsEmpty)
        {
            return Outcome<NewFeed>.Invalid(errors);
        }

        var token = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(24));
        var feed = new CalendarFeed
        {
            Kind = kind,
            UserId = me,
            ClientUnitId = kind == FeedKind.Unit ? unitId : null,
            TokenHash = AccessTokens.Hash(token),
            Prefix = token[..8],
            CreatedAt = time.GetUtcNow().UtcDateTime,
        };
        db.CalendarFeeds.Add(feed);
        await db.SaveChangesAsync(cancellationToken);
        return Outcome<NewFeed>.Ok(new NewFeed(feed.Id, $"{baseUrl.TrimEnd('/')}/ical/{token}.ics"));
    }

    public async Task<IReadOnlyList<FeedRow>> MineAsync(CancellationToken cancellationToken = default)
    {
        var me = currentUser.UserId;
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.CalendarFeeds.AsNoTracking().Where(f => f.UserId == me).OrderByDescending(f => f.CreatedAt)
            .Select(f => new FeedRow(f.Id, f.Kind, f.ClientUnitId, f.Prefix, f.CreatedAt, f.RevokedAt)).ToListAsync(cancellationToken);
    }

    public async Task<bool> RevokeAsync(Guid id, CancellationToken cancellationToken = default)
    {
        var me = currentUser.UserId;
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var feed = await db.CalendarFeeds.FirstOrDefaultAsync(f => f.Id == id && f.UserId == me, cancellationToken);
        if (feed is null)
        {
            return false;
        }

        feed.RevokedAt ??= time.GetUtcNow().UtcDateTime;
        await db.SaveChangesAsync(cancellationToken);
        return true;
    }

    /// <summary>The feed's calendar text, or null for an unknown or revoked token. Runs as the system: the token is the key.</summary>
    public async Task<string?> RenderAsync(string token, IStringLocalizer l, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var hash = AccessTokens.Hash(token);
        var feed = await db.CalendarFeeds.AsNoTracking().FirstOrDefaultAsync(f => f.TokenHash == hash && f.RevokedAt == null, cancellationToken);
        if (feed is null)
        {
            return null;
        }

        var now = time.GetUtcNow().UtcDateTime;
        var (windowStart, windowEnd) = (now - Back, now + Ahead);
        var shifts = from s in db.Shifts.AsNoTracking()
                     join r in db.DutyRosters on s.RosterId equals r.Id
                     where r.State == RosterState.Published && s.EndsAt > windowStart && s.StartsAt < windowEnd
                     select s;
        shifts = feed.Kind == FeedKind.Engineer ? shifts.Where(s => s.EngineerId == feed.UserId) : shifts.Where(s => s.ClientUnitId == feed.ClientUnitId);
        var rows = await (from s in shifts
                          join u in db.ClientUnits on s.ClientUnitId equals u.Id
                          orderby s.StartsAt
                          select new { Shift = s, Unit = u.Name }).Take(2000).ToListAsync(cancellationToken);

        var calendar = new Ical.Net.Calendar { ProductId = "-//Yunwei//Duty roster//ZH" };
        calendar.AddProperty("X-WR-CALNAME", feed.Kind == FeedKind.Engineer ? l["Roster.FeedMine"].Value : l["Roster.FeedUnit", rows.FirstOrDefault()?.Unit ?? ""].Value);
        calendar.AddProperty("X-WR-TIMEZONE", TimeZone);
        calendar.AddTimeZone(TimeZone);
        foreach (var row in rows)
        {
            var s = row.Shift;
            var kind = l["ShiftKind." + s.Kind].Value + (s.IsBackup ? "（" + l["Roster.Backup"].Value + "）" : "");
            calendar.Events.Add(new CalendarEvent
            {
                Uid = $"{s.Id}@yunwei",
                DtStamp = new CalDateTime(now, "UTC"),
                DtStart = new CalDateTime(ChinaTime.ToLocal(s.StartsAt), TimeZone),
                DtEnd = new CalDateTime(ChinaTime.ToLocal(s.EndsAt), TimeZone),
                Summary = $"{kind} · {s.EngineerName} · {row.Unit}",
                Location = row.Unit,
                Description = string.Join("\n", new[] { s.Phone, s.Note }.Where(x => !string.IsNullOrWhiteSpace(x))),
            });
        }

        return new CalendarSerializer(calendar).SerializeToString();
    }
}
