using System.Data.Common;
using NurtureHealth.Storage;

namespace NurtureHealth.Leads;

/// <summary>How intake's values go into a command parameter: null as <see cref="DBNull"/>, instants as <see cref="StoredInstant"/> stores them on the command's database.</summary>
internal static class DbValue
{
    public static object Of(string? value) => value is null ? DBNull.Value : value;

    public static object Instant(DbCommand command, DateTimeOffset? value) => StoredInstant.ToDb(command.Connection!, value) ?? DBNull.Value;
}
