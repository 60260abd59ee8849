using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Yunwei.Data;
using Yunwei.Domain;
using Yunwei.Domain.Administration;
using Yunwei.Domain.Faults;
using Yunwei.Web.Features.Notifications;
using Yunwei.Web.Infrastructure;
using Yunwei.Web.Platform;

namespace Yunwei.Web.Features.Faults;

/// <param name="AssetCode">The asset by its code (the QR label and the hotline typeahead use it); or <paramref name="AssetId"/>.</param>
/// <param name="AnsweredAt">Hotline: when the call was answered (the form captures it on opening); the report time too.</param>
/// <param name="ProposedLevel">Hotline: the engineer's classification made during the call.</param>
public sealed record ReportFaultRequest(
    string? Title,
    string? Description,
    Guid? AssetId = null,
    string? AssetCode = null,
    Guid? LocationId = null,
    string? CallerName = null,
    string? CallerPhone = null,
    Guid? CallerUserId = null,
    FaultLevel? SuggestedLevel = null,
    FaultLevel? ProposedLevel = null,
    DateTime? AnsweredAt = null,
    FaultChannel Channel = FaultChannel.Api);

public sealed record ReportedFault(Guid Id, string Number, bool Replayed);

/// <summary>
/// Every intake path (hotline, portal, QR scan, API, later mail and monitoring) creates a fault here.
/// A fault must say where: an asset or a location. An API retry with the same Idempotency-Key
/// returns the first fault instead of creating a second.
/// </summary>
public sealed class ReportFaultHandler(IDbContextFactory<YunweiDbContext> dbFactory, CurrentUser currentUser, TimeProvider time)
{
    // The report's reads, translated once (CompiledQuery).
    private static readonly CompiledQuery<Func<YunweiDbContext, Guid, CancellationToken, Task<Domain.Units.ClientUnit?>>> UnitById =
        new(() => EF.CompileAsyncQuery((YunweiDbContext db, Guid id, CancellationToken ct) => db.ClientUnits.AsNoTracking().FirstOrDefault(u => u.Id == id)));

    private static readonly CompiledQuery<Func<YunweiDbContext, Guid, Guid, CancellationToken, Task<Domain.Assets.Asset?>>> AssetById =
        new(() => EF.CompileAsyncQuery((YunweiDbContext db, Guid unitId, Guid id, CancellationToken ct) => db.Assets.AsNoTracking().FirstOrDefault(a => a.Id == id && a.ClientUnitId == unitId)));

    private static readonly CompiledQuery<Func<YunweiDbContext, Guid, string, CancellationToken, Task<Domain.Assets.Asset?>>> AssetByCode =
        new(() => EF.CompileAsyncQuery((YunweiDbContext db, Guid unitId, string code,
            CancellationToken ct) => db.Assets.AsNoTracking().FirstOrDefault(a => a.ClientUnitId == unitId && a.Code == code)));

    /// <param name="shape">For intake paths with more to say than the request carries (mail: the sender's address, an unverified reporter).</param>
    public async Task<Outcome<ReportedFault>> HandleAsync(Guid unitId, ReportFaultRequest request, string? idempotencyKey = null, Action<Fault>? shape = null,
        CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);

        // One open for the report's ten or so statements: each open of a pooled SQLite connection
        // registers EF's functions on it again.
        await db.Database.OpenConnectionAsync(cancellationToken);
        var unit = await UnitById.For(db)(db, unitId, cancellationToken);
        if (unit is null)
        {
            return Outcome<ReportedFault>.NotFound();
        }

        idempotencyKey = string.IsNullOrWhiteSpace(idempotencyKey) ? null : idempotencyKey.Trim();
        var fingerprint = idempotencyKey is null ? null : Fingerprint(unitId, request);
        if (idempotencyKey is not null && await ReplayAsync(db, idempotencyKey, fingerprint, cancellationToken) is { } replayed)
        {
            return replayed;
        }

        var now = time.GetUtcNow().UtcDateTime;
        var errors = new ValidationErrors()
            .Optional(nameof(request.Title), request.Title, 200)
            .Required(nameof(request.Description), request.Description, 4000)
            .Optional(nameof(request.CallerName), request.CallerName, 100)
            .Optional(nameof(request.CallerPhone), request.CallerPhone, 30);
        if (idempotencyKey is { Length: > 100 })
        {
            errors.Add("Idempotency-Key", "Validation.MaxLength", 100);
        }

        if (!Enum.IsDefined(request.Channel))
        {
            errors.Add(nameof(request.Channel), "Validation.Invalid");
        }

        foreach (var (field, level) in new[] { (nameof(request.SuggestedLevel), request.SuggestedLevel), (nameof(request.ProposedLevel), request.ProposedLevel) })
        {
            if (level is { } l && !Enum.IsDefined(l))
            {
                errors.Add(field, "Validation.Invalid");
            }
        }

        // Where is the fault: an asset (by id or code) or at least a location.
        var asset = request.AssetId is { } assetId
            ? await AssetById.For(db)(db, unitId, assetId, cancellationToken)
            : string.IsNullOrWhiteSpace(request.AssetCode)
                ? null
                : await AssetByCode.For(db)(db, unitId, request.AssetCode.Trim(), cancellationToken);
        if (asset is null && (request.AssetId is not null || !string.IsNullOrWhiteSpace(request.AssetCode)))
        {
            errors.Add(request.AssetId is not null ? nameof(request.AssetId) : nameof(request.AssetCode), "Fault.Error.UnknownAsset");
        }

        if (request.LocationId is { } locationId && !await db.Locations.AnyAsync(l => l.Id == locationId && l.ClientUnitId == unitId, cancellationToken))
        {
            errors.Add(nameof(request.LocationId), "Fault.Error.UnknownLocation");
        }

        if (asset is null && request.LocationId is null && request.AssetId is null && string.IsNullOrWhiteSpace(request.AssetCode))
        {
            errors.Add(nameof(request.AssetCode), "Fault.Error.AssetOrLocation");
        }

        // The caller: a person of the unit, or a name (and phone) taken on the phone; the reporter themself by default.
        var callerName = request.CallerName?.Trim();
        var callerUserId = request.CallerUserId;
        if (callerUserId is { } callerId)
        {
            var member = await db.UnitMemberships.AsNoTracking()
                .Where(m => m.ClientUnitId == unitId && m.UserId == callerId)
                .Join(db.Users, m => m.UserId, u => u.Id, (m, u) => new { u.DisplayName, u.PhoneNumber })
                .FirstOrDefaultAsync(cancellationToken);
            if (member is null)
            {
                errors.Add(nameof(request.CallerUserId), "Fault.Error.UnknownCaller");
            }
            else
            {
                callerName = string.IsNullOrWhiteSpace(callerName) ? member.DisplayName : callerName;
            }
        }
        else if (string.IsNullOrWhiteSpace(callerName) && request.Channel is FaultChannel.Portal or FaultChannel.Scan or FaultChannel.Api or FaultChannel.Inspection)
        {
            callerUserId = currentUser.UserId;
            callerName = currentUser.DisplayName;
        }

        if (string.IsNullOrWhiteSpace(callerName))
        {
            errors.Add(nameof(request.CallerName), "Validation.Required");
        }

        // Proposing a level during the call is the provider's act.
        if (request.ProposedLevel is not null && !currentUser.Can(Domain.Administration.Permissions.FaultsHandle))
        {
            errors.Add(nameof(request.ProposedLevel), "Fault.Error.ProposeNotAllowed");
        }

        var answeredAt = request.AnsweredAt?.ToUniversalTime();
        if (answeredAt is { } a && (a > now.AddMinutes(1) || a < now.AddDays(-1)))
        {
            errors.Add(nameof(request.AnsweredAt), "Fault.Error.AnsweredAtRange");
        }

        if (!errors.IsEmpty)
        {
            return Outcome<ReportedFault>.Invalid(errors);
        }

        var reportedAt = answeredAt ?? now;
        var description = request.Description!.Trim();
        var fault = new Fault
        {
            ClientUnitId = unitId,
            Number = "",
            Title = string.IsNullOrWhiteSpace(request.Title) ? TitleFrom(description) : request.Title.Trim(),
            Description = description,
            Channel = request.Channel,
            AssetId = asset?.Id,
            LocationId = request.LocationId ?? asset?.LocationId,
            SubsystemId = asset?.SubsystemId,
            CallerName = callerName!,
            CallerPhone = string.IsNullOrWhiteSpace(request.CallerPhone) ? null : request.CallerPhone.Trim(),
            CallerUserId = callerUserId,
            ReportedAt = reportedAt,
            SuggestedLevel = request.SuggestedLevel ?? request.ProposedLevel,
            CreatedById = currentUser.UserId,
            IdempotencyKey = idempotencyKey,
            IdempotencyFingerprint = fingerprint,
        };
        var events = new List<FaultEvent> { Event(fault, FaultEventType.Reported, reportedAt, now, e => e.Level = fault.SuggestedLevel) };
        if (answeredAt is not null)
        {
            // The engineer who took the call handles it until someone else is assigned.
            if (currentUser.Can(Domain.Administration.Permissions.FaultsHandle))
            {
                fault.AssigneeId = currentUser.UserId;
                fault.AssigneeName = currentUser.DisplayName;
            }

            FaultRules.Apply(fault, FaultAction.Answer, reportedAt);
            events.Add(Event(fault, FaultEventType.Answered, reportedAt, now));
        }

        if (request.ProposedLevel is { } proposed)
        {
            fault.ProposedLevel = proposed;
            fault.ProposedBy = currentUser.DisplayName;
            fault.ProposedAt = now;
            FaultRules.Apply(fault, FaultAction.Propose, now);
            events.Add(Event(fault, FaultEventType.Proposed, now, now, e => e.Level = proposed));
        }

        shape?.Invoke(fault);
        var policy = await FaultClocks.PolicyAsync(db, unitId, now, cancellationToken);
        FaultRules.Project(fault, FaultClocks.Compute(policy, events, now));

        // The unit's engineers hear of every new fault (the units' rules add the duty engineer on shift, leadership …).
        var engineers = await NotificationWriter.MembersAsync(db, unitId, [Roles.ResidentEngineer, Roles.DutyEngineer], cancellationToken);
        var (message, urgent) = fault.UnverifiedReporter
            ? ("Notify.Fault.Unverified", fault.SuggestedLevel == FaultLevel.Level1)
            : ("Notify.Fault.Reported", fault.SuggestedLevel == FaultLevel.Level1);
        if (fault.UnverifiedReporter)
        {
            engineers.AddRange(await OnDuty.EngineersAsync(db, unitId, now, cancellationToken));
        }

        // Numbers are per unit and China day, drawn from the stem's counter in the report's own transaction:
        // never a duplicate (a save retried below skips a number). On SQLite the reports arriving at
        // the same moment are written together (GroupCommit: one commit for the group).
        var prefix = $"{unit.Code}-{ChinaTime.ToLocal(reportedAt):yyyyMMdd}-";
        var recipients = engineers.Where(e => e != currentUser.UserId).Cast<Guid?>().ToList();
        return await GroupCommit.RunAsync(dbFactory, async (w, ct) =>
        {
            if (idempotencyKey is not null)
            {
                // Retries racing with the same key: the first draws the number and saves, the others find its
                // fault here (after it, in the same group on SQLite; after its commit on PostgreSQL, whose
                // advisory lock makes them wait) and draw nothing.
                if (!w.Database.IsSqlite())
                {
                    await w.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock({LockKey(currentUser.UserId, idempotencyKey)})", ct);
                }

                if (await ReplayAsync(w, idempotencyKey, fingerprint, ct) is { } raced)
                {
                    return raced;
                }
            }

            for (var attempt = 0; ; attempt++)
            {
                var number = await NumberCounter.NextAsync(w, prefix, w.Faults.IgnoreQueryFilters().Where(f => f.ClientUnitId == unitId).Select(f => f.Number), ct);
                fault.Number = prefix + number.ToString("000", CultureInfo.InvariantCulture);
                w.Faults.Add(fault);
                w.FaultEvents.AddRange(events);
                NotificationWriter.Add(w, recipients, unitId, message, [fault.Number, fault.Title, fault.CallerName], $"/faults/{fault.Id}", $"fault:{fault.Id}:reported", urgent, now);
                try
                {
                    await w.SaveChangesAsync(ct);
                    return Outcome<ReportedFault>.Ok(new ReportedFault(fault.Id, fault.Number, false));
                }
                catch (DbUpdateException) when (attempt < 5)
                {
                    // The number was taken by a record written without the counter: the next attempt draws the next number.
                    // (The key's unique index stays the last guard: a fault saved with it meanwhile is replayed.)
                    w.ChangeTracker.Clear();
                    if (idempotencyKey is not null && await ReplayAsync(w, idempotencyKey, fingerprint, ct) is { } saved)
                    {
                        return saved;
                    }
                }
            }
        }, cancellationToken);
    }

    /// <summary>The fault this user's key already created: replayed for the same request, refused (422) for another.</summary>
    private async Task<Outcome<ReportedFault>?> ReplayAsync(YunweiDbContext db, string key, string? fingerprint, CancellationToken cancellationToken)
    {
        var existing = await db.Faults.AsNoTracking()
            .Where(f => f.CreatedById == currentUser.UserId && f.IdempotencyKey == key)
            .Select(f => new { f.Id, f.Number, f.IdempotencyFingerprint })
            .FirstOrDefaultAsync(cancellationToken);
        if (existing is null)
        {
            return null;
        }

        // Faults saved before fingerprints were kept replay as before.
        return existing.IdempotencyFingerprint is null || existing.IdempotencyFingerprint == fingerprint
            ? Outcome<ReportedFault>.Ok(new ReportedFault(existing.Id, existing.Number, true))
            : Outcome<ReportedFault>.Unprocessable(new ValidationErrors().Add("Idempotency-Key", "Validation.IdempotencyKey.Reused"));
    }

    /// <summary>The request as the key's first use saw it: the unit and every field, hashed.</summary>
    private static string Fingerprint(Guid unitId, ReportFaultRequest request) =>
        Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(
            System.Text.Json.JsonSerializer.SerializeToUtf8Bytes(new { unitId, request })));

    /// <summary>A 64-bit lock key for one user's idempotency key (PostgreSQL advisory locks take a bigint).</summary>
    private static long LockKey(Guid? userId, string key) =>
        BitConverter.ToInt64(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes($"fault-idempotency:{userId}:{key}")));

    private FaultEvent Event(Fault fault, FaultEventType type, DateTime at, DateTime now, Action<FaultEvent>? fill = null)
    {
        // Mail and monitoring report as the system: the timeline names who reported (the sender, the monitor).
        var actor = currentUser.UserId is null ? fault.CallerName : currentUser.DisplayName;
        var e = FaultEvent.Create(fault.Id, fault.ClientUnitId, type, at, now, currentUser.UserId, actor);
        fill?.Invoke(e);
        return e;
    }

    /// <summary>The first line of the description, cut to fit a title.</summary>
    private static string TitleFrom(string description)
    {
        var line = description.Split('\n', 2)[0].Trim();
        return line.Length <= 60 ? line : line[..60] + "…";
    }
}
