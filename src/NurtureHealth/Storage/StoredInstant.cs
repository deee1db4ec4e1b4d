using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace NurtureHealth.Storage;

/// <summary>
/// Instants in hand-written SQL, on either provider: UTC Unix milliseconds on SQLite (<see cref="SqliteInstant"/>), a UTC
/// <c>timestamptz</c> on PostgreSQL. The provider is read off the connection the statement runs on.
/// </summary>
public static class StoredInstant
{
    /// <summary>The parameter value of <paramref name="instant"/> for a statement on <paramref name="connection"/>; null stays null.</summary>
    public static object? ToDb(DbConnection connection, DateTimeOffset? instant) => instant switch
    {
        null => null,
        { } v when connection is SqliteConnection => SqliteInstant.ToDb(v),
        { } v => v.UtcDateTime,
    };

    /// <summary>The instant in column <paramref name="ordinal"/> of <paramref name="reader"/>, whichever way it was stored; null when NULL.</summary>
    public static DateTimeOffset? Read(DbDataReader reader, int ordinal) => reader.IsDBNull(ordinal)
        ? null
        : reader.GetValue(ordinal) switch
        {
            long ms => SqliteInstant.FromDb(ms),
            DateTime utc => new DateTimeOffset(DateTime.SpecifyKind(utc, DateTimeKind.Utc)),
            DateTimeOffset instant => instant.ToUniversalTime(),
            var other => throw new InvalidOperationException($"column {reader.GetName(ordinal)} holds a {other.GetType().Name}, not an instant"),
        };

    /// <summary>The EF Core converter applied to every <see cref="DateTimeOffset"/> property on PostgreSQL: <c>timestamptz</c> takes UTC only.</summary>
    public sealed class UtcConverter() : ValueConverter<DateTimeOffset, DateTimeOffset>(v => v.ToUniversalTime(), v => v);
}
