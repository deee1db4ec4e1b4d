namespace NurtureHealth.Tests;

/// <summary>Where the repository's shipped files are, found from the test binary's folder.</summary>
internal static class TestPaths
{
    public static readonly string RepoRoot = FindRoot();

    public static string Locations => Path.Combine(RepoRoot, "locations");

    public static string Templates => Path.Combine(RepoRoot, "templates");

    public static string SampleLeads => Path.Combine(RepoRoot, "samples", "leads.ndjson");

    public static string SampleCsv => Path.Combine(RepoRoot, "samples", "leads.csv");

    private static string FindRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "NurtureHealth.sln")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName ?? throw new InvalidOperationException("Cannot find the repository root (NurtureHealth.sln) above " + AppContext.BaseDirectory);
    }
}

/// <summary>A temporary folder deleted when the test ends.</summary>
internal sealed class TempFolder : IDisposable
{
    public TempFolder()
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "nurture-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path);
    }

    public string Path { get; }

    public string File(string name) => System.IO.Path.Combine(Path, name);

    public string Write(string name, string text)
    {
        var path = File(name);
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(path)!);
        System.IO.File.WriteAllText(path, text);
        return path;
    }

    public string Write(string name, byte[] bytes)
    {
        var path = File(name);
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(path)!);
        System.IO.File.WriteAllBytes(path, bytes);
        return path;
    }

    /// <summary>Copies a folder's files, keeping their layout, into <paramref name="into"/> here (a copy of the samples to seed a mistake into).</summary>
    public void CopyFrom(string folder, string into = "")
    {
        foreach (var file in Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories))
        {
            Write(System.IO.Path.Combine(into, System.IO.Path.GetRelativePath(folder, file)), System.IO.File.ReadAllBytes(file));
        }
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
            // A file still open by a finishing process; the OS temp cleaner takes it.
        }
    }
}
