using NurtureHealth.Checks;
using NurtureHealth.Yaml;

namespace NurtureHealth.Workspace;

/// <summary>
/// The content as it would be with some drafts written in: a private copy of both folders with the drafts applied, checked
/// the one way <c>nurture check</c> checks, so the workspace can show a manager the findings and the preview of what they
/// are typing without touching the live files. Dispose deletes the copy.
/// </summary>
public sealed class DraftContent : IDisposable
{
    private readonly string _root;

    private DraftContent(string root, ContentCheckResult check)
    {
        _root = root;
        Check = check;
    }

    /// <summary>The check of the content with the drafts in.</summary>
    public ContentCheckResult Check { get; }

    /// <summary>The copy's locations folder (previews read location files from it).</summary>
    public string LocationsDirectory => Path.Combine(_root, "locations");

    /// <summary>Copies the folders, writes each draft (file name to text; null deletes the file) and checks the result.</summary>
    public static DraftContent Create(ContentFolders folders, IReadOnlyDictionary<string, string?> drafts)
    {
        var root = Directory.CreateTempSubdirectory("nurture-draft-").FullName;
        try
        {
            Copy(folders.Locations, Path.Combine(root, "locations"));
            Copy(folders.Templates, Path.Combine(root, "templates"));
            foreach (var (file, text) in drafts)
            {
                var path = ContentFolders.Resolve(file, Path.Combine(root, "locations"), Path.Combine(root, "templates"));
                if (text is null)
                {
                    File.Delete(path);
                }
                else
                {
                    Directory.CreateDirectory(Path.GetDirectoryName(path)!);
                    File.WriteAllText(path, text);
                }
            }

            return new DraftContent(root, ContentCheck.Run(Path.Combine(root, "locations"), Path.Combine(root, "templates")));
        }
        catch
        {
            Directory.Delete(root, recursive: true);
            throw;
        }
    }

    /// <summary>
    /// The findings a manager of <paramref name="locationId"/> should see — their location's files, group.yaml and the
    /// group's templates, not other locations' — with file names as the workspace shows them (<c>locations/…</c>).
    /// </summary>
    public IReadOnlyList<FileFinding> FindingsFor(string locationId) =>
    [
        .. Check.Findings
            .Select(f => f with { File = Name(f.File) })
            .Where(f => !f.File.StartsWith("locations/", StringComparison.Ordinal)
                        || f.File == "locations/group.yaml"
                        || f.File.StartsWith($"locations/{locationId}/", StringComparison.Ordinal)),
    ];

    /// <summary>Renders one message of the drafted content for the sample patient.</summary>
    /// <exception cref="PreviewException">The content has errors, or the request names something that is not there.</exception>
    public PreviewResult Preview(PreviewRequest request) => MessagePreview.Render(Check, request, LocationsDirectory);

    private string Name(string file)
    {
        var full = Path.GetFullPath(file);
        var prefix = _root + Path.DirectorySeparatorChar;
        return full.StartsWith(prefix, StringComparison.Ordinal) ? full[prefix.Length..].Replace(Path.DirectorySeparatorChar, '/') : file;
    }

    private static void Copy(string from, string to)
    {
        Directory.CreateDirectory(to);
        if (!Directory.Exists(from))
        {
            return;
        }

        foreach (var file in Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories))
        {
            var relative = Path.GetRelativePath(from, file);
            if (relative.Split(Path.DirectorySeparatorChar).Any(p => p.StartsWith('.')))
            {
                continue; // .git and editors' files are not content
            }

            var target = Path.Combine(to, relative);
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
    }

    /// <inheritdoc />
    public void Dispose()
    {
        try
        {
            Directory.Delete(_root, recursive: true);
        }
        catch (IOException)
        {
            // a copy left in the temporary folder is harmless; the next start of the machine clears it
        }
    }
}
