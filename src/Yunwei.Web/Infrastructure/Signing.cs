using Yunwei.Data;
using Yunwei.Domain.Administration;
using Yunwei.Domain.Signatures;

namespace Yunwei.Web.Infrastructure;

/// <summary>Adds a handwritten signature of the current user to a record: who, in which role (the one granting <c>permission</c>), when, and the hash of what was signed.</summary>
public static class Signing
{
    public static Signature Add(
        YunweiDbContext db, CurrentUser user, string permission, Guid unitId, string subjectType, Guid subjectId, string contentHash,
        IReadOnlyList<IReadOnlyList<InkPoint>> strokes, DateTime nowUtc)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(user);
        ArgumentNullException.ThrowIfNull(strokes);
        var signature = new Signature
        {
            ClientUnitId = unitId,
            SubjectType = subjectType,
            SubjectId = subjectId,
            SignerId = user.UserId,
            SignerName = user.DisplayName ?? user.UserName ?? "?",
            SignerRole = user.Roles.FirstOrDefault(r => Permissions.Grants([r], permission)) ?? "?",
            SignedAt = nowUtc,
            ContentHash = contentHash,
            Strokes = [.. strokes.Select(s => s.ToList())],
        };
        db.Signatures.Add(signature);
        return signature;
    }
}
