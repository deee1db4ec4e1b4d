using System.Text;
using NurtureHealth.Yaml;

namespace NurtureHealth.Locations.Sync;

/// <summary>The sync's file writes: atomic, and for a dry run, a scratch copy that shows whether the result would load.</summary>
internal static class SyncFiles
{
    /// <summary>Adds the baseline file to the writes when its text changed.</summary>
    public static void Stage(Dictionary<string, string> writes, string folder, SyncBaseline baseline)
    {
        var path = Path.Combine(folder, SyncBaseline.FileName);
        var text = baseline.Render();
        if (!File.Exists(path) || File.ReadAllText(path) != text)
        {
            writes[path] = text;
        }
    }

    /// <summary>Writes a file whole or not at all (a worker may be reading the folder).</summary>
    public static void Write(string path, string text)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var temporary = path + ".sync-tmp";
        File.WriteAllText(temporary, text, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false));
        File.Move(temporary, path, overwrite: true);
    }

    /// <summary>For a dry run: loads a scratch copy of the folder with the planned files in place, reporting findings under the real paths.</summary>
    public static IReadOnlyList<FileFinding> LoadAsIfWritten(string folder, IReadOnlyDictionary<string, string> writes)
    {
        var scratch = Path.Combine(Path.GetTempPath(), "nurture-sync-" + Guid.NewGuid().ToString("N"));
        try
        {
            var root = Path.GetFullPath(folder);
            foreach (var file in Directory.EnumerateFiles(root, "*.yaml", SearchOption.TopDirectoryOnly)
                         .Concat(Directory.EnumerateDirectories(root).Select(d => Path.Combine(d, ClinicGroupLoader.LocationFileName)).Where(File.Exists)))
            {
                Write(Path.Combine(scratch, Path.GetRelativePath(root, file)), File.ReadAllText(file));
            }

            foreach (var (path, text) in writes)
            {
                Write(Path.Combine(scratch, Path.GetRelativePath(root, Path.GetFullPath(path))), text);
            }

            ClinicGroupLoader.TryLoad(scratch, out var findings);
            var shown = ClinicGroupLoader.Display(scratch);
            var real = ClinicGroupLoader.Display(root);
            return findings.Select(f => f.File.StartsWith(shown, StringComparison.Ordinal) ? f with { File = real + f.File[shown.Length..] } : f).ToList();
        }
        finally
        {
            if (Directory.Exists(scratch))
            {
                Directory.Delete(scratch, recursive: true);
            }
        }
    }
}
