using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Yunwei.Data;
using Yunwei.Domain.Administration;
using Yunwei.Domain.Notifications;
using Yunwei.Web.Infrastructure;

namespace Yunwei.Web.Features.Notifications;

/// <summary>
/// The words of a notification in a language: the administrators' template when there is one, else
/// the built-in text. Arguments that are resource keys themselves (a level, a clock) are translated too.
/// Templates are read from the database at most every 30 seconds per instance (and at once after a save here).
/// </summary>
public sealed partial class MessageTexts(IDbContextFactory<YunweiDbContext> dbFactory, IStringLocalizerFactory localizers, MessageTemplateCache cache, TimeProvider time)
{
    public static readonly string[] Cultures = ["zh-CN", "en"];

    /// <summary>Arguments with these prefixes are resource keys, shown in the reader's language.</summary>
    private static readonly string[] KeyPrefixes = ["FaultLevel.", "Clock.", "ApprovalKind.", "ApprovalState.", "WeeklyReportKind.", "Rating."];

    public async Task<string> FormatAsync(string messageKey, IReadOnlyList<string> args, string? culture, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(args);
        await EnsureLoadedAsync(cancellationToken);
        return Format(messageKey, args, culture);
    }

    /// <summary>Formats with the templates already loaded (call <see cref="EnsureLoadedAsync"/> once before a batch).</summary>
    public string Format(string messageKey, IReadOnlyList<string> args, string? culture)
    {
        ArgumentNullException.ThrowIfNull(args);
        var info = CultureInfo.GetCultureInfo(Cultures.Contains(culture) ? culture! : "zh-CN");
        var previous = CultureInfo.CurrentUICulture;
        CultureInfo.CurrentUICulture = info;
        try
        {
            var l = localizers.Create(typeof(SharedResource));
            var values = args.Select(a => (object)(KeyPrefixes.Any(p => a.StartsWith(p, StringComparison.Ordinal)) ? l[a].Value : a)).ToArray();
            if (cache.Overrides.TryGetValue((messageKey, info.Name), out var template))
            {
                try
                {
                    return string.Format(info, template, values);
                }
                catch (FormatException)
                {
                    // A template saved before its message lost an argument: the built-in text stands.
                }
            }

            return l[messageKey, values].Value;
        }
        finally
        {
            CultureInfo.CurrentUICulture = previous;
        }
    }

    public async Task EnsureLoadedAsync(CancellationToken cancellationToken = default)
    {
        var now = time.GetUtcNow().UtcDateTime;
        if (cache.Fresh(now))
        {
            return;
        }

        await cache.Loading.WaitAsync(cancellationToken);
        try
        {
            if (cache.Fresh(now))
            {
                return;
            }

            await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
            var rows = await db.MessageTemplates.AsNoTracking().Where(t => t.Text != "").Select(t => new { t.MessageKey, t.Culture, t.Text }).ToListAsync(cancellationToken);
            cache.Overrides = rows.ToDictionary(r => (r.MessageKey, r.Culture), r => r.Text);
            cache.LoadedAt = now;
        }
        finally
        {
            cache.Loading.Release();
        }
    }

    /// <summary>The highest placeholder index a text uses, or -1.</summary>
    public static int MaxPlaceholder(string text) =>
        PlaceholderPattern().Matches(text).Select(m => int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture)).DefaultIfEmpty(-1).Max();

    [GeneratedRegex(@"\{(\d+)(?:[,:][^}]*)?\}", RegexOptions.CultureInvariant)]
    private static partial Regex PlaceholderPattern();
}

/// <summary>The templates as last read (one per host): re-read after 30 seconds, or at once after a save on this host.</summary>
public sealed class MessageTemplateCache
{
    public IReadOnlyDictionary<(string Key, string Culture), string> Overrides { get; set; } = new Dictionary<(string Key, string Culture), string>();

    public DateTime LoadedAt { get; set; } = DateTime.MinValue;

    public SemaphoreSlim Loading { get; } = new(1, 1);

    public bool Fresh(DateTime now) => now >= LoadedAt && now - LoadedAt < TimeSpan.FromSeconds(30);

    public void Invalidate() => LoadedAt = DateTime.MinValue;
}

public sealed record MessageTemplateRow(string MessageKey, string DefaultZh, string DefaultEn, string? Zh, string? En, int Placeholders, DateTime? UpdatedAt, string? UpdatedBy, int Revision);

/// <param name="Revision">The revision of the message's wording the edit was made on (0 before its first save).</param>
public sealed record MessageTemplateRequest(string? Zh, string? En, int? Revision = null);

/// <summary>The administrators' wording of each notification (Chinese and English), checked against the placeholders of the built-in text.</summary>
public sealed class MessageTemplatesHandler(IDbContextFactory<YunweiDbContext> dbFactory, IStringLocalizerFactory localizers, MessageTemplateCache cache, CurrentUser currentUser, TimeProvider time)
{
    public async Task<IReadOnlyList<MessageTemplateRow>> ListAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var saved = await db.MessageTemplates.AsNoTracking().ToListAsync(cancellationToken);
        var zh = Defaults("zh-CN");
        var en = Defaults("en");
        return [.. zh.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p =>
        {
            var z = saved.FirstOrDefault(t => t.MessageKey == p.Key && t.Culture == "zh-CN");
            var e = saved.FirstOrDefault(t => t.MessageKey == p.Key && t.Culture == "en");
            var last = new[] { z, e }.OfType<MessageTemplate>().OrderByDescending(t => t.UpdatedAt).FirstOrDefault();
            return new MessageTemplateRow(
                p.Key, p.Value, en.GetValueOrDefault(p.Key, p.Value), Custom(z), Custom(e), MessageTexts.MaxPlaceholder(p.Value) + 1, last?.UpdatedAt, last?.UpdatedBy,
                RevisionOf([z, e]));
        })];
    }

    /// <summary>Saves (or, with empty text, removes) the wording of one message in both languages.</summary>
    public async Task<Outcome<MessageTemplateRow>> SaveAsync(string messageKey, MessageTemplateRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        // Templates serve every unit: the system administrators word them.
        if (!currentUser.Can(Permissions.UnitsManage))
        {
            return Outcome<MessageTemplateRow>.NotAllowed();
        }

        var zh = Defaults("zh-CN");
        if (!zh.TryGetValue(messageKey ?? "", out var builtIn))
        {
            return Outcome<MessageTemplateRow>.NotFound();
        }

        var arguments = MessageTexts.MaxPlaceholder(builtIn) + 1;
        var errors = new ValidationErrors().Optional(nameof(request.Zh), request.Zh, 1000).Optional(nameof(request.En), request.En, 1000);
        foreach (var (field, text) in new[] { (nameof(request.Zh), request.Zh), (nameof(request.En), request.En) })
        {
            if (string.IsNullOrWhiteSpace(text))
            {
                continue;
            }

            if (MessageTexts.MaxPlaceholder(text) >= arguments)
            {
                errors.Add(field, "Template.Error.Placeholder", arguments - 1);
                continue;
            }

            try
            {
                _ = string.Format(CultureInfo.InvariantCulture, text, [.. Enumerable.Range(0, arguments).Select(i => (object)i)]);
            }
            catch (FormatException)
            {
                errors.Add(field, "Template.Error.Braces");
            }
        }

        if (!errors.IsEmpty)
        {
            return Outcome<MessageTemplateRow>.Invalid(errors);
        }

        var now = time.GetUtcNow().UtcDateTime;
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var saved = await db.MessageTemplates.Where(t => t.MessageKey == messageKey).ToListAsync(cancellationToken);
        var revision = RevisionOf(saved);
        if (request.Revision != revision)
        {
            // Someone else worded the message since the form opened: nothing is overwritten.
            return Outcome<MessageTemplateRow>.StaleEdit(request.Revision);
        }

        foreach (var (culture, text) in new[] { ("zh-CN", request.Zh), ("en", request.En) })
        {
            var row = saved.FirstOrDefault(t => t.Culture == culture);
            var wording = text?.Trim() ?? "";
            if (row is null && wording.Length == 0)
            {
                continue;
            }

            if (row is null)
            {
                row = new MessageTemplate { MessageKey = messageKey!, Culture = culture };
                db.MessageTemplates.Add(row);
            }

            // An emptied wording keeps its row (back to the built-in text), so the revision only grows.
            row.Revision = revision + 1;
            if (row.Text != wording)
            {
                (row.Text, row.UpdatedAt, row.UpdatedBy) = (wording, now, currentUser.UserName);
            }
        }

        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            // A save of the same revision (or the message's first wording) landed first.
            return Outcome<MessageTemplateRow>.Conflict();
        }

        cache.Invalidate();
        return Outcome<MessageTemplateRow>.Ok((await ListAsync(cancellationToken)).First(r => r.MessageKey == messageKey));
    }

    private static string? Custom(MessageTemplate? row) => string.IsNullOrEmpty(row?.Text) ? null : row.Text;

    private static int RevisionOf(IEnumerable<MessageTemplate?> rows) => rows.OfType<MessageTemplate>().Select(t => t.Revision).DefaultIfEmpty(0).Max();

    private Dictionary<string, string> Defaults(string culture)
    {
        var previous = CultureInfo.CurrentUICulture;
        CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo(culture);
        try
        {
            return localizers.Create(typeof(SharedResource)).GetAllStrings(false)
                .Where(s => s.Name.StartsWith("Notify.", StringComparison.Ordinal))
                .ToDictionary(s => s.Name, s => s.Value, StringComparer.Ordinal);
        }
        finally
        {
            CultureInfo.CurrentUICulture = previous;
        }
    }
}
