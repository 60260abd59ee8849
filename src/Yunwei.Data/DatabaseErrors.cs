using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Yunwei.Data;

/// <summary>What a failed save means, read the same way on both engines.</summary>
public static class DatabaseErrors
{
    private const int SqliteConstraintUnique = 2067;
    private const int SqliteConstraintPrimaryKey = 1555;

    /// <summary>
    /// Another write landed between this one's read and its save: a revision it was made on had changed,
    /// or a unique key it writes was taken meanwhile. Nothing of the save was written. PostgreSQL may
    /// report a taken de-duplication key (a notification keyed by the new revision) before the revision
    /// check of the same save, so both readings mean the same: the writer lost the race, answer 409.
    /// </summary>
    public static bool IsLostRace(this DbUpdateException exception) =>
        exception is DbUpdateConcurrencyException || exception.IsUniqueViolation();

    /// <summary>
    /// The save was refused because a unique key it writes (a number, a de-duplication key, a primary key)
    /// was taken by another write meanwhile.
    /// </summary>
    public static bool IsUniqueViolation(this DbUpdateException exception) =>
        exception?.InnerException switch
        {
            SqliteException sqlite => sqlite.SqliteExtendedErrorCode is SqliteConstraintUnique or SqliteConstraintPrimaryKey,
            PostgresException postgres => postgres.SqlState == PostgresErrorCodes.UniqueViolation,
            _ => false,
        };
}
