using System.Globalization;
using Microsoft.EntityFrameworkCore;
using MiniExcelLibs;
using Yunwei.Data;
using Yunwei.Domain;
using Yunwei.Domain.Administration;
using Yunwei.Domain.Approvals;
using Yunwei.Domain.Attendance;
using Yunwei.Domain.Roster;
using Yunwei.Domain.Signatures;
using Yunwei.Domain.Sla;
using Yunwei.Domain.Units;
using Yunwei.Web.Infrastructure;
using Yunwei.Web.Platform;

namespace Yunwei.Web.Features.Attendance;

public enum CheckAction
{
    In,
    Out,
}

public sealed record SheetSignature(string SignerName, DateTime SignedAt, bool Matches, string Svg);

public sealed record AttendanceSheetView(Guid UserId, string EngineerName, DateOnly Month, IReadOnlyList<AttendanceDay> Days, AttendanceTotals Totals, SheetSignature? Signature, bool CanSign);

/// <summary>
/// Attendance (docs/contract.md §9): the resident engineer checks in and out; the unit's working hours and
/// calendar say what was expected; lateness, early leaving, absence and overtime follow; leave is an
/// approval the client decides; the month's sheet exports to Excel and is signed by the client.
/// </summary>
public sealed class AttendanceHandler(IDbContextFactory<YunweiDbContext> dbFactory, CurrentUser currentUser, TimeProvider time)
{
    public const string SubjectType = nameof(AttendanceSheet);

    /// <summary>Checks the current engineer in or out now. A second check-in keeps the first; a later check-out replaces an earlier one.</summary>
    public async Task<Outcome<AttendanceDay>> CheckAsync(Guid unitId, CheckAction action, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        if (currentUser.UserId is not { } me || !await db.UnitMemberships.AnyAsync(m => m.ClientUnitId == unitId && m.UserId == me, cancellationToken))
        {
            return Outcome<AttendanceDay>.NotFound();
        }

        if (!Enum.IsDefined(action))
        {
            return Outcome<AttendanceDay>.Invalid(new ValidationErrors().Add(nameof(action), "Validation.Invalid"));
        }

        var now = time.GetUtcNow().UtcDateTime;
        var today = ChinaTime.Today(time.GetUtcNow());
        var record = await db.AttendanceRecords.FirstOrDefaultAsync(r => r.UserId == me && r.Date == today, cancellationToken);
        if (record is null)
        {
            if (action == CheckAction.Out)
            {
                return Outcome<AttendanceDay>.Invalid(new ValidationErrors().Add(nameof(action), "Attendance.Error.OutBeforeIn"));
            }

            record = new AttendanceRecord { ClientUnitId = unitId, UserId = me, Date = today };
            db.AttendanceRecords.Add(record);
        }

        if (action == CheckAction.In)
        {
            record.CheckInAt ??= now;
        }
        else
        {
            record.CheckOutAt = now;
        }

        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            // Two check-ins in the same instant: the other one was saved; the result is the same day.
        }

        var calendar = await CalendarAsync(db, unitId, cancellationToken);
        return Outcome<AttendanceDay>.Ok(AttendanceRules.Evaluate(calendar, today, record, false, today));
    }

    public async Task<AttendanceSheetView?> SheetAsync(Guid unitId, Guid userId, DateOnly month, CancellationToken cancellationToken = default)
    {
        month = new DateOnly(month.Year, month.Month, 1);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        if (!await db.ClientUnits.AnyAsync(u => u.Id == unitId, cancellationToken) || (!currentUser.Can(Permissions.StaffView) && currentUser.UserId != userId))
        {
            return null;
        }

        var name = await (from m in db.UnitMemberships
                          where m.ClientUnitId == unitId && m.UserId == userId
                          join u in db.Users on m.UserId equals u.Id
                          where u.Party == Party.Provider
                          select u.DisplayName).FirstOrDefaultAsync(cancellationToken);
        if (name is null)
        {
            return null;
        }

        var days = await DaysAsync(db, unitId, userId, month, cancellationToken);
        var sheet = await db.AttendanceSheets.AsNoTracking().FirstOrDefaultAsync(s => s.ClientUnitId == unitId && s.UserId == userId && s.Month == month, cancellationToken);
        SheetSignature? signature = null;
        if (sheet?.SignatureId is { } signatureId && await db.Signatures.AsNoTracking().FirstOrDefaultAsync(s => s.Id == signatureId, cancellationToken) is { } signed)
        {
            signature = new SheetSignature(signed.SignerName, signed.SignedAt, signed.ContentHash == Hash(userId, month, days), SignatureRules.Svg(signed.Strokes));
        }

        var monthOver = month.AddMonths(1) <= ChinaTime.Today(time.GetUtcNow());
        return new AttendanceSheetView(userId, name, month, days, AttendanceRules.Totals(days), signature,
            CanSign: currentUser.Can(Permissions.FaultsRule) && monthOver && signature?.Matches != true);
    }

    /// <summary>The client signs the month (only once it is over); a later correction shows the signature no longer matches.</summary>
    public async Task<Outcome<Guid>> SignAsync(Guid unitId, Guid userId, DateOnly month, IReadOnlyList<IReadOnlyList<InkPoint>>? strokes, CancellationToken cancellationToken = default)
    {
        var view = await SheetAsync(unitId, userId, month, cancellationToken);
        if (view is null)
        {
            return Outcome<Guid>.NotFound();
        }

        if (!view.CanSign)
        {
            return Outcome<Guid>.Invalid(new ValidationErrors().Add("Signature", currentUser.Can(Permissions.FaultsRule) ? "Attendance.Error.NotYet" : "Approval.Error.NotAllowed"));
        }

        if (SignatureRules.Validate(strokes) is { } bad)
        {
            return Outcome<Guid>.Invalid(new ValidationErrors().Add("Signature", bad));
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var sheet = await db.AttendanceSheets.FirstOrDefaultAsync(s => s.ClientUnitId == unitId && s.UserId == userId && s.Month == view.Month, cancellationToken);
        if (sheet is null)
        {
            sheet = new AttendanceSheet { ClientUnitId = unitId, UserId = userId, Month = view.Month };
            db.AttendanceSheets.Add(sheet);
        }

        var signature = Signing.Add(
            db, currentUser, Permissions.FaultsRule, unitId, SubjectType, sheet.Id, Hash(userId, view.Month, view.Days), strokes!, time.GetUtcNow().UtcDateTime);
        sheet.SignatureId = signature.Id;
        await db.SaveChangesAsync(cancellationToken);
        return Outcome<Guid>.Ok(signature.Id);
    }

    /// <summary>The sheet as an Excel file: one row per day and the month's totals.</summary>
    public static byte[] Excel(AttendanceSheetView view, Microsoft.Extensions.Localization.IStringLocalizer l)
    {
        ArgumentNullException.ThrowIfNull(view);
        string T(DateTime? at) => at is { } v ? ChinaTime.ToLocal(v).ToString("HH:mm", CultureInfo.InvariantCulture) : "";
        var rows = view.Days.Select(d => new Dictionary<string, object?>
        {
            [l["Calendar.Date"].Value] = Format.Date(d.Date),
            [l["Attendance.Weekday"].Value] = l["Weekday." + d.Date.DayOfWeek].Value,
            [l["Attendance.In"].Value] = T(d.In),
            [l["Attendance.Out"].Value] = T(d.Out),
            [l["Common.Status"].Value] = l["DayStatus." + d.Status].Value,
            [l["Attendance.LateMinutes"].Value] = d.LateMinutes,
            [l["Attendance.EarlyMinutes"].Value] = d.EarlyMinutes,
            [l["Attendance.OvertimeMinutes"].Value] = d.OvertimeMinutes,
        }).ToList();
        var t = view.Totals;
        rows.Add(new Dictionary<string, object?>
        {
            [l["Calendar.Date"].Value] = l["Attendance.Total"].Value,
            [l["Attendance.Weekday"].Value] = "",
            [l["Attendance.In"].Value] = l["Attendance.TotalsLine", t.WorkingDays, t.Present, t.Absent, t.Leave].Value,
            [l["Attendance.Out"].Value] = "",
            [l["Common.Status"].Value] = l["Attendance.LateCount", t.Late].Value,
            [l["Attendance.LateMinutes"].Value] = t.LateMinutes,
            [l["Attendance.EarlyMinutes"].Value] = view.Days.Sum(d => d.EarlyMinutes),
            [l["Attendance.OvertimeMinutes"].Value] = t.OvertimeMinutes,
        });
        using var stream = new MemoryStream();
        stream.SaveAs(rows, sheetName: $"{view.Month:yyyy-MM}");
        return stream.ToArray();
    }

    private static string Hash(Guid userId, DateOnly month, IEnumerable<AttendanceDay> days) =>
        SignatureRules.Hash(SignatureRules.Canonical(
            days.Select(d => new KeyValuePair<string, string?>(d.Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), $"{d.In:O}|{d.Out:O}|{d.Status}"))
                .Append(new("user", userId.ToString()))
                .Append(new("month", month.ToString("yyyy-MM", CultureInfo.InvariantCulture)))));

    private async Task<List<AttendanceDay>> DaysAsync(YunweiDbContext db, Guid unitId, Guid userId, DateOnly month, CancellationToken cancellationToken)
    {
        var end = month.AddMonths(1);
        var calendar = await CalendarAsync(db, unitId, cancellationToken);
        var records = await db.AttendanceRecords.AsNoTracking().Where(r => r.UserId == userId && r.Date >= month && r.Date < end).ToDictionaryAsync(r => r.Date, cancellationToken);
        var leave = await LeaveDaysAsync(db, unitId, userId, month, end, cancellationToken);
        var today = ChinaTime.Today(time.GetUtcNow());

        // With an assignment history at the unit, only the days it covers are expected.
        var spans = await db.Assignments.AsNoTracking().Where(a => a.ClientUnitId == unitId && a.UserId == userId)
            .Select(a => new { a.StartsOn, a.EndsOn }).ToListAsync(cancellationToken);
        var days = new List<AttendanceDay>();
        for (var d = month; d < end; d = d.AddDays(1))
        {
            var day = d;
            var record = records.GetValueOrDefault(d);
            days.Add(spans.Count > 0 && !spans.Any(a => a.StartsOn <= day && (a.EndsOn is null || day <= a.EndsOn)) && record is null
                ? new AttendanceDay(d, false, null, null, DayStatus.NotServing, 0, 0, 0)
                : AttendanceRules.Evaluate(calendar, d, record, leave.Contains(d), today));
        }

        return days;
    }

    /// <summary>Days covered by the engineer's approved leave (the Leave approval's from/to fields, yyyy-MM-dd).</summary>
    private static async Task<HashSet<DateOnly>> LeaveDaysAsync(YunweiDbContext db, Guid unitId, Guid userId, DateOnly from, DateOnly to, CancellationToken cancellationToken)
    {
        var approvals = await db.ApprovalRequests.AsNoTracking()
            .Where(a => a.ClientUnitId == unitId && a.Kind == ApprovalKind.Leave && a.State == ApprovalState.Approved && a.GatedType == GatedRecordType.Engineer && a.GatedId == userId)
            .ToListAsync(cancellationToken);
        var days = new HashSet<DateOnly>();
        foreach (var a in approvals)
        {
            if (DateOnly.TryParse(a.Fields.GetValueOrDefault("from"), CultureInfo.InvariantCulture, out var start)
                && DateOnly.TryParse(a.Fields.GetValueOrDefault("to"), CultureInfo.InvariantCulture, out var stop))
            {
                for (var d = start > from ? start : from; d <= stop && d < to; d = d.AddDays(1))
                {
                    days.Add(d);
                }
            }
        }

        return days;
    }

    /// <summary>The client's working hours and calendar (attendance follows them whatever the SLA counts on).</summary>
    private async Task<WorkCalendar> CalendarAsync(YunweiDbContext db, Guid unitId, CancellationToken cancellationToken)
    {
        var contract = await CurrentContract.LoadAsync(db.ServiceContracts.AsNoTracking(), unitId, ChinaTime.Today(time.GetUtcNow()), cancellationToken);
        var days = await db.CalendarDays.AsNoTracking().Where(d => d.ClientUnitId == unitId).ToListAsync(cancellationToken);
        return UnitCalendar.Working(contract, days);
    }
}
