using Microsoft.EntityFrameworkCore;
using Yunwei.Data;
using Yunwei.Domain;
using Yunwei.Domain.Administration;
using Yunwei.Domain.Training;
using Yunwei.Domain.WorkLog;
using Yunwei.Web.Features.Staff;
using Yunwei.Web.Features.WorkLog;
using Yunwei.Web.Infrastructure;
using Yunwei.Web.Platform;

namespace Yunwei.Web.Features.Training;

public sealed record TrainingView(
    Guid Id, TrainingKind Kind, string Topic, Guid? SubsystemId, string? Subsystem, string Trainer, DateTime At, decimal Hours,
    IReadOnlyList<TrainingAttendee> Attendees, IReadOnlyList<TrainingMaterial> Materials, string? Note, string? CreatedBy);

public sealed record TrainingMaterial(Guid DocumentId, string Title);

public sealed record TrainingRequest(
    TrainingKind Kind, string? Topic, string? Trainer, DateTime At, decimal Hours, IReadOnlyList<TrainingAttendee>? Attendees,
    Guid? SubsystemId = null, Guid? TrainerId = null, IReadOnlyList<Guid>? DocumentIds = null, string? Note = null);

/// <summary>An engineer of the unit and the date of their confidentiality training (missing: not to be dispatched).</summary>
public sealed record ConfidentialityRow(Guid UserId, string Name, DateOnly? TrainedOn, bool Missing);

/// <summary>
/// Training given at a unit (docs/contract.md §6, §8, §11): on-site technical training, training during inspections
/// and confidentiality training. A confidentiality session records the date on each attending
/// engineer's profile; every session writes the trainer's work log entry.
/// </summary>
public sealed class TrainingHandler(IDbContextFactory<YunweiDbContext> dbFactory, CurrentUser currentUser, TimeProvider time)
{
    public async Task<IReadOnlyList<TrainingView>?> ListAsync(Guid unitId, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        if (!await db.ClientUnits.AnyAsync(u => u.Id == unitId, cancellationToken))
        {
            return null;
        }

        var sessions = await db.TrainingSessions.AsNoTracking().Where(t => t.ClientUnitId == unitId).OrderByDescending(t => t.At).Take(500).ToListAsync(cancellationToken);
        return await ViewsAsync(db, unitId, sessions, cancellationToken);
    }

    public async Task<IReadOnlyList<ConfidentialityRow>?> ConfidentialityAsync(Guid unitId, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        if (!await db.ClientUnits.AnyAsync(u => u.Id == unitId, cancellationToken))
        {
            return null;
        }

        var engineers = await Engineers.OfUnitAsync(db, unitId, cancellationToken);
        var ids = engineers.Select(e => e.Id).ToList();
        var trained = await db.EngineerProfiles.AsNoTracking().Where(p => ids.Contains(p.UserId)).ToDictionaryAsync(p => p.UserId, p => p.ConfidentialityTrainedOn, cancellationToken);
        return [.. engineers.Select(e => new ConfidentialityRow(e.Id, e.Name, trained.GetValueOrDefault(e.Id), trained.GetValueOrDefault(e.Id) is null))];
    }

    public async Task<Outcome<TrainingView>> CreateAsync(Guid unitId, TrainingRequest request, CancellationToken cancellationToken = default)
    {
        if (!currentUser.Can(Permissions.TrainingRecord))
        {
            return Outcome<TrainingView>.NotAllowed();
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        if (!await db.ClientUnits.AnyAsync(u => u.Id == unitId, cancellationToken))
        {
            return Outcome<TrainingView>.NotFound();
        }

        var now = time.GetUtcNow().UtcDateTime;
        var attendees = (request.Attendees ?? []).Select(a => new TrainingAttendee { Name = a.Name?.Trim() ?? "", UserId = a.UserId }).ToList();
        var errors = new ValidationErrors()
            .Required(nameof(request.Topic), request.Topic, 200)
            .Required(nameof(request.Trainer), request.Trainer, 100)
            .Optional(nameof(request.Note), request.Note, TrainingSession.MaxText);
        if (!Enum.IsDefined(request.Kind))
        {
            errors.Add(nameof(request.Kind), "Validation.Invalid");
        }

        if (request.Hours <= 0 || request.Hours > WorkEntry.MaxHours)
        {
            errors.Add(nameof(request.Hours), "WorkLog.Error.Hours");
        }

        if (request.At == default)
        {
            errors.Add(nameof(request.At), "Validation.Required");
        }
        else if (request.At.ToUniversalTime() > now)
        {
            errors.Add(nameof(request.At), "Fault.Error.InFuture");
        }

        if (attendees.Count == 0 || attendees.Count > 500 || attendees.Any(a => a.Name.Length is 0 or > 100))
        {
            errors.Add(nameof(request.Attendees), "Training.Error.Attendees");
        }

        var userIds = attendees.Where(a => a.UserId != null).Select(a => a.UserId!.Value).Append(request.TrainerId ?? Guid.Empty).Where(id => id != Guid.Empty).Distinct().ToList();
        if (userIds.Count > 0 && await db.UnitMemberships.CountAsync(m => m.ClientUnitId == unitId && userIds.Contains(m.UserId), cancellationToken) != userIds.Count)
        {
            errors.Add(nameof(request.Attendees), "Training.Error.NotOfUnit");
        }

        var documentIds = request.DocumentIds?.Distinct().ToList() ?? [];
        if (documentIds.Count > 0 && await db.Documents.CountAsync(d => d.ClientUnitId == unitId && documentIds.Contains(d.Id), cancellationToken) != documentIds.Count)
        {
            errors.Add(nameof(request.DocumentIds), "Validation.Invalid");
        }

        if (request.SubsystemId is { } subsystemId && !await db.Subsystems.AnyAsync(s => s.Id == subsystemId && s.ClientUnitId == unitId, cancellationToken))
        {
            errors.Add(nameof(request.SubsystemId), "Validation.Invalid");
        }

        if (!errors.IsEmpty)
        {
            return Outcome<TrainingView>.Invalid(errors);
        }

        var session = new TrainingSession
        {
            ClientUnitId = unitId,
            Kind = request.Kind,
            Topic = request.Topic!.Trim(),
            SubsystemId = request.SubsystemId,
            Trainer = request.Trainer!.Trim(),
            TrainerId = request.TrainerId,
            At = request.At.ToUniversalTime(),
            Hours = Math.Round(request.Hours, 1),
            Attendees = attendees,
            DocumentIds = documentIds,
            Note = string.IsNullOrWhiteSpace(request.Note) ? null : request.Note.Trim(),
            CreatedAt = now,
            CreatedBy = currentUser.DisplayName,
        };
        db.TrainingSessions.Add(session);
        var day = ChinaTime.Today(new DateTimeOffset(session.At));
        if (session.Kind == TrainingKind.Confidentiality)
        {
            // Only the provider's engineers carry the date (the dispatch rule reads it).
            var engineers = (await Engineers.OfUnitAsync(db, unitId, cancellationToken)).Select(e => e.Id).ToHashSet();
            var trainedIds = attendees.Where(a => a.UserId is { } id && engineers.Contains(id)).Select(a => a.UserId!.Value).ToList();
            var profiles = await db.EngineerProfiles.Where(p => trainedIds.Contains(p.UserId)).ToDictionaryAsync(p => p.UserId, cancellationToken);
            foreach (var id in trainedIds)
            {
                if (!profiles.TryGetValue(id, out var profile))
                {
                    profile = new Domain.Staff.EngineerProfile { UserId = id };
                    db.EngineerProfiles.Add(profile);
                }

                if (profile.ConfidentialityTrainedOn is null || profile.ConfidentialityTrainedOn < day)
                {
                    profile.ConfidentialityTrainedOn = day;
                    profile.UpdatedAt = now;
                }
            }
        }

        await WorkLogWriter.RecordAsync(db, new WorkEntry
        {
            ClientUnitId = unitId,
            Date = day,
            Type = WorkType.Training,
            SubsystemId = session.SubsystemId,
            Source = WorkSource.Training,
            SourceId = session.Id,
            Content = $"培训：{session.Topic}（{attendees.Count} 人）",
            HandlerId = session.TrainerId ?? currentUser.UserId,
            HandlerName = session.Trainer,
            Hours = session.Hours,
            Result = "已完成",
            CreatedAt = now,
            CreatedBy = currentUser.DisplayName,
        }, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        return Outcome<TrainingView>.Ok((await ViewsAsync(db, unitId, [session], cancellationToken))[0]);
    }

    private static async Task<IReadOnlyList<TrainingView>> ViewsAsync(YunweiDbContext db, Guid unitId, IReadOnlyList<TrainingSession> sessions, CancellationToken cancellationToken)
    {
        var subsystems = await db.Subsystems.AsNoTracking().Where(s => s.ClientUnitId == unitId).ToDictionaryAsync(s => s.Id, s => s.Name, cancellationToken);
        var documentIds = sessions.SelectMany(s => s.DocumentIds).Distinct().ToList();
        var documents = await db.Documents.AsNoTracking().Where(d => documentIds.Contains(d.Id)).ToDictionaryAsync(d => d.Id, d => d.Title, cancellationToken);
        return [.. sessions.Select(s => new TrainingView(
            s.Id, s.Kind, s.Topic, s.SubsystemId, s.SubsystemId is { } x ? subsystems.GetValueOrDefault(x) : null, s.Trainer, s.At, s.Hours, s.Attendees,
            [.. s.DocumentIds.Where(documents.ContainsKey).Select(d => new TrainingMaterial(d, documents[d]))], s.Note, s.CreatedBy))];
    }
}
