namespace NurtureHealth.Storage;

/// <summary>A second worker was started on a SQLite database that already has one.</summary>
public sealed class DatabaseInUseException(string databaseFile, string? holder) : Exception(
    $"Another worker is already using the database {databaseFile}: {holder ?? "another process"}. A SQLite database takes one worker at a time; " +
    "stop that one first, or give this one its own database (Nurture:Storage:ConnectionString).")
{
    /// <summary>The database file.</summary>
    public string DatabaseFile { get; } = databaseFile;

    /// <summary>Who holds it, as that process described itself.</summary>
    public string? Holder { get; } = holder;
}
