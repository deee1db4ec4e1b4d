using System.Data.Common;
using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Npgsql;

namespace NurtureHealth.Storage;

/// <summary>
/// From pilot to production: copies every NurtureHealth table of a SQLite database into an empty PostgreSQL database
/// (migrated first), in one transaction, then checks each table's count. Quartz's tables are not copied: each node
/// recreates its triggers when it starts.
/// </summary>
public static class DatabaseCopy
{
    /// <summary>One table copied: its name and the rows in the source and, after the copy, in the target.</summary>
    public sealed record Table(string Name, long Source, long Target);

    /// <summary>Copies <paramref name="source"/> (SQLite, migrated) into the PostgreSQL database at <paramref name="target"/>.</summary>
    /// <exception cref="InvalidOperationException">The target already holds NurtureHealth rows; nothing was copied.</exception>
    public static async Task<IReadOnlyList<Table>> CopyAsync(NurtureDbContext source, string target, CancellationToken cancellationToken)
    {
        await using var to = new NurtureDbContext(NurtureDatabase.Options(new StorageOptions { Provider = StorageProvider.PostgreSql, ConnectionString = target }));
        await NurtureDatabase.MigrateAsync(to, cancellationToken);
        var tables = Ordered(to.Model);
        await source.Database.OpenConnectionAsync(cancellationToken);
        await to.Database.OpenConnectionAsync(cancellationToken);
        var from = source.Database.GetDbConnection();
        var into = (NpgsqlConnection)to.Database.GetDbConnection();
        var held = new List<string>();
        foreach (var table in tables)
        {
            if (await CountAsync(into, table.GetTableName()!, cancellationToken) is > 0 and var rows)
            {
                held.Add($"{table.GetTableName()} ({rows.ToString("N0", CultureInfo.InvariantCulture)} rows)");
            }
        }

        if (held.Count > 0)
        {
            throw new InvalidOperationException($"the PostgreSQL database is not empty: it holds {string.Join(", ", held)}. Copy into an empty database; nothing was copied.");
        }

        await using (var transaction = await into.BeginTransactionAsync(cancellationToken))
        {
            foreach (var table in tables)
            {
                await CopyTableAsync(from, into, table, cancellationToken);
            }

            await transaction.CommitAsync(cancellationToken);
        }

        var copied = new List<Table>();
        foreach (var table in tables)
        {
            var name = table.GetTableName()!;
            copied.Add(new Table(name, await CountAsync(from, name, cancellationToken), await CountAsync(into, name, cancellationToken)));
        }

        return copied;
    }

    private static async Task CopyTableAsync(DbConnection from, NpgsqlConnection into, IEntityType table, CancellationToken cancellationToken)
    {
        var name = table.GetTableName()!;
        var identifier = StoreObjectIdentifier.Table(name, table.GetSchema());
        var columns = table.GetProperties().Select(p => (Name: p.GetColumnName(identifier)!, Type: p.GetTypeMapping().Converter?.ProviderClrType ?? p.ClrType)).ToList();
        var list = string.Join(", ", columns.Select(c => $"\"{c.Name}\""));
        var key = string.Join(", ", table.FindPrimaryKey()!.Properties.Select(p => $"\"{p.GetColumnName(identifier)}\""));
        await using (var read = from.CreateCommand())
        {
            read.CommandText = $"SELECT {list} FROM \"{name}\" ORDER BY {key}";
            await using var reader = await read.ExecuteReaderAsync(cancellationToken);
            await using var writer = await into.BeginBinaryImportAsync($"COPY \"{name}\" ({list}) FROM STDIN (FORMAT BINARY)", cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                await writer.StartRowAsync(cancellationToken);
                for (var i = 0; i < columns.Count; i++)
                {
                    if (reader.IsDBNull(i))
                    {
                        await writer.WriteNullAsync(cancellationToken);
                    }
                    else
                    {
                        await writer.WriteAsync(Convert(reader.GetValue(i), Nullable.GetUnderlyingType(columns[i].Type) ?? columns[i].Type), cancellationToken);
                    }
                }
            }

            await writer.CompleteAsync(cancellationToken);
        }

        // Identity columns go on after the highest copied id.
        foreach (var property in table.GetProperties().Where(p => p.ValueGenerated == Microsoft.EntityFrameworkCore.Metadata.ValueGenerated.OnAdd && p.ClrType == typeof(long)))
        {
            var column = property.GetColumnName(identifier);
            await using var reseed = into.CreateCommand();
            reseed.CommandText = $"SELECT setval(pg_get_serial_sequence('\"{name}\"', '{column}'), COALESCE((SELECT MAX(\"{column}\") FROM \"{name}\"), 0) + 1, false)";
            await reseed.ExecuteNonQueryAsync(cancellationToken);
        }
    }

    /// <summary>A SQLite value as the PostgreSQL column takes it: instants from Unix milliseconds, booleans and narrower integers from SQLite's 64-bit ones.</summary>
    private static object Convert(object value, Type target) => target switch
    {
        _ when target == typeof(DateTimeOffset) => value is long ms ? SqliteInstant.FromDb(ms) : (DateTimeOffset)value,
        _ when target == typeof(bool) => System.Convert.ToInt64(value, CultureInfo.InvariantCulture) != 0,
        _ when target == typeof(int) => System.Convert.ToInt32(value, CultureInfo.InvariantCulture),
        _ when target == typeof(long) => System.Convert.ToInt64(value, CultureInfo.InvariantCulture),
        _ when target == typeof(double) => System.Convert.ToDouble(value, CultureInfo.InvariantCulture),
        _ when target == typeof(decimal) => System.Convert.ToDecimal(value, CultureInfo.InvariantCulture),
        _ => value,
    };

    /// <summary>The tables, each after every table it refers to.</summary>
    private static List<IEntityType> Ordered(IModel model)
    {
        var ordered = new List<IEntityType>();
        var pending = model.GetEntityTypes().Where(e => e.GetTableName() is not null && !e.IsOwned()).ToList();
        while (pending.Count > 0)
        {
            var next = pending.FirstOrDefault(e => e.GetForeignKeys().All(fk => fk.PrincipalEntityType == e || ordered.Contains(fk.PrincipalEntityType)))
                       ?? throw new InvalidOperationException($"the tables {string.Join(", ", pending.Select(e => e.GetTableName()))} refer to each other in a cycle");
            ordered.Add(next);
            pending.Remove(next);
        }

        return ordered;
    }

    private static async Task<long> CountAsync(DbConnection connection, string table, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT COUNT(*) FROM \"{table}\"";
        return System.Convert.ToInt64(await command.ExecuteScalarAsync(cancellationToken), CultureInfo.InvariantCulture);
    }
}
