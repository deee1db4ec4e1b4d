using System.ComponentModel.DataAnnotations;

namespace NurtureHealth.Storage;

/// <summary>Where NurtureHealth keeps its state (<c>Nurture:Storage</c>).</summary>
public sealed class StorageOptions
{
    /// <summary>The SQLite connection string (default <c>Data Source=nurture.db</c>, a file beside the worker).</summary>
    [Required(AllowEmptyStrings = false, ErrorMessage = "Nurture:Storage:ConnectionString is required, such as \"Data Source=nurture.db\".")]
    public string ConnectionString { get; set; } = "Data Source=nurture.db";

    /// <summary>Apply pending migrations when the worker or a command starts (default true on the embedded SQLite store).</summary>
    public bool MigrateOnStart { get; set; } = true;
}
