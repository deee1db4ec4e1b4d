using NurtureHealth.Storage;

namespace NurtureHealth.Leads;

/// <summary>How intake's values go into a command parameter: null as <see cref="DBNull"/>, instants as <see cref="SqliteInstant"/> stores them.</summary>
internal static class DbValue
{
    public static object Of(string? value) => value is null ? DBNull.Value : value;

    public static object Instant(DateTimeOffset? value) => value is { } v ? SqliteInstant.ToDb(v) : DBNull.Value;
}
