namespace NurtureHealth.Workspace;

/// <summary>
/// The two content folders the workspace edits, and the names its changes use for files in them: <c>locations/…</c>
/// for the locations folder and <c>templates/…</c> for the templates folder, wherever those are configured.
/// </summary>
public sealed class ContentFolders(string locations, string templates)
{
    /// <summary>The locations folder, full path.</summary>
    public string Locations { get; } = Path.GetFullPath(locations);

    /// <summary>The templates folder, full path.</summary>
    public string Templates { get; } = Path.GetFullPath(templates);

    /// <summary>A location's <c>location.yaml</c>.</summary>
    public static string LocationFile(string locationId) => $"locations/{locationId}/location.yaml";

    /// <summary>A location's own wording for a group template file (<c>book.en.md</c> of <c>skin-guide</c>).</summary>
    public static string OverrideFile(string locationId, string sequence, string fileName) => $"locations/{locationId}/templates/{sequence}/{fileName}";

    /// <summary>The group's template file.</summary>
    public static string GroupFile(string sequence, string fileName) => $"templates/{sequence}/{fileName}";

    /// <summary>Where a change's file is on disk.</summary>
    /// <exception cref="ArgumentException">The name is not under <c>locations/</c> or <c>templates/</c>, or leaves its folder.</exception>
    public string FullPath(string file) => Resolve(file, Locations, Templates);

    /// <summary>The same file under another pair of folders (a draft's copy).</summary>
    public static string Resolve(string file, string locations, string templates)
    {
        var parts = file.Split('/', 2);
        var root = parts[0] switch
        {
            "locations" => locations,
            "templates" => templates,
            _ => throw new ArgumentException($"'{file}' is not under locations/ or templates/", nameof(file)),
        };
        var full = Path.GetFullPath(Path.Combine(root, parts.Length > 1 ? parts[1] : ""));
        return full.StartsWith(Path.GetFullPath(root) + Path.DirectorySeparatorChar, StringComparison.Ordinal)
            ? full
            : throw new ArgumentException($"'{file}' leaves its folder", nameof(file));
    }

    /// <summary>The file's text now; null when it does not exist.</summary>
    public string? Read(string file) => File.Exists(FullPath(file)) ? File.ReadAllText(FullPath(file)) : null;
}
