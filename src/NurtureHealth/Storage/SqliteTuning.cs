using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace NurtureHealth.Storage;

/// <summary>
/// Per-connection SQLite settings. WAL (set once, it persists in the file) lets readers run beside the
/// writer; with WAL, synchronous=NORMAL is durable across application crashes and much faster than FULL.
/// </summary>
internal sealed class SqliteTuning : DbConnectionInterceptor
{
    private const string Pragmas = "PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON;";

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData) => Apply(connection);

    public override async Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = Pragmas;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static void Apply(DbConnection connection)
    {
        using var command = connection.CreateCommand();
        command.CommandText = Pragmas;
        command.ExecuteNonQuery();
    }
}
