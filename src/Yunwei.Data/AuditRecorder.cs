using System.Text.Encodings.Web;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Yunwei.Domain;
using Yunwei.Domain.Audit;
using Yunwei.Domain.Units;

namespace Yunwei.Data;

/// <summary>Turns tracked changes into audit entries (who, when, unit, entity, key, old → new).</summary>
internal static class AuditRecorder
{
    /// <summary>Values never written to the audit trail; the change itself is still recorded.</summary>
    private static readonly HashSet<string> Masked = new(StringComparer.Ordinal)
    {
        "PasswordHash", "SecurityStamp", "ConcurrencyStamp", "TokenHash", "Value", "ProtectedSecret", "ProtectedPassword",
    };

    private const string MaskedValue = "***";

    private static readonly JsonSerializerOptions Json = new()
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static List<AuditEntry> Record(IEnumerable<EntityEntry> entries, ITenantContext tenant, DateTime nowUtc)
    {
        var result = new List<AuditEntry>();
        foreach (var entry in entries)
        {
            if (entry.Entity is AuditEntry audit)
            {
                if (entry.State is EntityState.Modified or EntityState.Deleted)
                {
                    throw new InvalidOperationException($"Audit entry {audit.Id} cannot be changed or deleted.");
                }

                continue;
            }

            // Notifications are deliveries about audited changes, not changes themselves; the key ring is secret;
            // number counters only count the audited records.
            if (entry.Entity is Domain.Notifications.Notification or Microsoft.AspNetCore.DataProtection.EntityFrameworkCore.DataProtectionKey or NumberCounter)
            {
                continue;
            }

            var action = entry.State switch
            {
                EntityState.Added => AuditAction.Insert,
                EntityState.Modified => AuditAction.Update,
                EntityState.Deleted => AuditAction.Delete,
                _ => (AuditAction?)null,
            };
            if (action is null)
            {
                continue;
            }

            var changes = Changes(entry, action.Value);
            if (changes.Count == 0)
            {
                continue;
            }

            result.Add(new AuditEntry
            {
                At = nowUtc,
                UserId = tenant.UserId,
                UserName = tenant.UserName,
                ClientUnitId = UnitOf(entry),
                Entity = EntityName(entry),
                EntityKey = Key(entry),
                Action = action.Value,
                Changes = JsonSerializer.Serialize(changes, Json),
            });
        }

        return result;
    }

    private static Dictionary<string, object?[]> Changes(EntityEntry entry, AuditAction action)
    {
        var changes = new Dictionary<string, object?[]>(StringComparer.Ordinal);
        foreach (var property in entry.Properties)
        {
            var name = property.Metadata.Name;
            object? oldValue = action == AuditAction.Insert ? null : property.OriginalValue;
            object? newValue = action == AuditAction.Delete ? null : property.CurrentValue;
            if (action == AuditAction.Update && (!property.IsModified || Equal(property, oldValue, newValue)))
            {
                continue;
            }

            if (action == AuditAction.Insert && newValue is null)
            {
                continue;
            }

            if (Masked.Contains(name))
            {
                oldValue = oldValue is null ? null : MaskedValue;
                newValue = newValue is null ? null : MaskedValue;
            }

            changes[name] = [oldValue, newValue];
        }

        return changes;
    }

    private static bool Equal(PropertyEntry property, object? a, object? b)
    {
        var comparer = property.Metadata.GetValueComparer();
        return comparer.Equals(a, b);
    }

    private static Guid? UnitOf(EntityEntry entry) => entry.Entity switch
    {
        IUnitOwned owned => owned.ClientUnitId,
        ClientUnit unit => unit.Id,
        _ => null,
    };

    private static string EntityName(EntityEntry entry)
    {
        var type = entry.Metadata.ClrType;
        return type.IsGenericType ? entry.Metadata.GetTableName() ?? type.Name : type.Name;
    }

    private static string Key(EntityEntry entry)
    {
        var key = entry.Metadata.FindPrimaryKey();
        if (key is null)
        {
            return string.Empty;
        }

        return string.Join('/', key.Properties.Select(p => Convert.ToString(entry.Property(p.Name).CurrentValue, System.Globalization.CultureInfo.InvariantCulture)));
    }
}
