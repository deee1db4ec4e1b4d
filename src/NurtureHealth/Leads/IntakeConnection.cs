using System.Data;
using System.Data.Common;

namespace NurtureHealth.Leads;

/// <summary>
/// The database connection intake writes on, with its current transaction: every command made here runs in it,
/// and prepared statements, made once, are enlisted in each new transaction.
/// </summary>
internal sealed class IntakeConnection : IDisposable
{
    private readonly DbConnection _connection;
    private readonly List<DbCommand> _prepared = [];
    private DbTransaction? _transaction;

    public IntakeConnection(DbConnection connection)
    {
        _connection = connection;
        if (_connection.State != ConnectionState.Open)
        {
            _connection.Open();
        }
    }

    public void Begin()
    {
        _transaction = _connection.BeginTransaction();
        foreach (var command in _prepared)
        {
            command.Transaction = _transaction;
        }
    }

    public void Commit()
    {
        _transaction!.Commit();
        _transaction.Dispose();
        _transaction = null;
    }

    public void Rollback()
    {
        _transaction?.Rollback();
        _transaction?.Dispose();
        _transaction = null;
    }

    /// <summary>A command in the current transaction, its values bound to <c>@p0</c>, <c>@p1</c>, … in order.</summary>
    public DbCommand Command(string sql, params object?[] values)
    {
        var command = _connection.CreateCommand();
        command.CommandText = sql;
        command.Transaction = _transaction;
        for (var i = 0; i < values.Length; i++)
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = $"@p{i}";
            parameter.Value = values[i] ?? DBNull.Value;
            command.Parameters.Add(parameter);
        }

        return command;
    }

    /// <summary>A prepared statement (on SQLite; PostgreSQL prepares it itself) with <paramref name="parameterCount"/> parameters, kept for every later transaction and disposed with this.</summary>
    public DbCommand Prepare(string sql, int parameterCount)
    {
        var command = Command(sql, new object?[parameterCount]);
        if (_connection is Microsoft.Data.Sqlite.SqliteConnection)
        {
            command.Prepare(); // Npgsql prepares a statement it sees repeatedly by itself, and cannot prepare parameters it has no value for yet
        }

        _prepared.Add(command);
        return command;
    }

    /// <summary>The parameter names <c>@p{first}</c> onwards, comma-separated, for a column or IN list.</summary>
    public static string Placeholders(int first, int count) =>
        string.Join(", ", Enumerable.Range(first, count).Select(i => $"@p{i}"));

    public void Dispose()
    {
        foreach (var command in _prepared)
        {
            command.Dispose();
        }

        _transaction?.Dispose();
    }
}
