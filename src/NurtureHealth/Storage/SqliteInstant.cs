using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace NurtureHealth.Storage;

/// <summary>How an instant is stored on SQLite: UTC Unix milliseconds. One place, used by EF Core and the bulk writers.</summary>
public static class SqliteInstant
{
    /// <summary>The stored value of an instant.</summary>
    public static long ToDb(DateTimeOffset instant) => instant.ToUnixTimeMilliseconds();

    /// <summary>The instant of a stored value (UTC).</summary>
    public static DateTimeOffset FromDb(long value) => DateTimeOffset.FromUnixTimeMilliseconds(value);

    /// <summary>The EF Core converter applied to every <see cref="DateTimeOffset"/> property on SQLite.</summary>
    public sealed class Converter() : ValueConverter<DateTimeOffset, long>(v => ToDb(v), v => FromDb(v));
}
