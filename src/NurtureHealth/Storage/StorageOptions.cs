using System.ComponentModel.DataAnnotations;

namespace NurtureHealth.Storage;

/// <summary>Where NurtureHealth keeps its state (<c>Nurture:Storage</c>).</summary>
public sealed class StorageOptions
{
    /// <summary>Which database: <see cref="StorageProvider.Sqlite"/> (the embedded default, one node) or <see cref="StorageProvider.PostgreSql"/> (several nodes).</summary>
    public StorageProvider Provider { get; set; } = StorageProvider.Sqlite;

    /// <summary>
    /// The connection string: on SQLite a file (default <c>Data Source=nurture.db</c>, beside the worker); on PostgreSQL such as
    /// <c>Host=db.internal;Database=nurture;Username=nurture;Password=…</c>.
    /// </summary>
    [Required(AllowEmptyStrings = false, ErrorMessage = "Nurture:Storage:ConnectionString is required, such as \"Data Source=nurture.db\".")]
    public string ConnectionString { get; set; } = "Data Source=nurture.db";

    /// <summary>Apply pending migrations when the worker or a command starts (default true).</summary>
    public bool MigrateOnStart { get; set; } = true;
}

/// <summary>The database NurtureHealth runs on.</summary>
public enum StorageProvider
{
    /// <summary>One SQLite file: the demo, a pilot, one node.</summary>
    Sqlite,

    /// <summary>A PostgreSQL database: production, one node or several.</summary>
    PostgreSql,
}
