using System.ComponentModel;
using System.Diagnostics;

namespace NurtureHealth.Templates;

/// <summary>The git commit a content folder is at, for provenance: which version of a template a patient got.</summary>
public static class GitCommit
{
    /// <summary>
    /// The commit of the checkout holding <paramref name="folder"/>, with <c>-modified</c> when files under the folder
    /// differ from it; null when the folder is not in a git checkout or git is not installed.
    /// </summary>
    public static string? Of(string folder)
    {
        if (!Directory.Exists(folder))
        {
            return null;
        }

        var head = Git(folder, "rev-parse", "--verify", "--quiet", "HEAD");
        if (head is not { Length: 40 })
        {
            return null;
        }

        var changes = Git(folder, "status", "--porcelain", "--", ".");
        return changes is { Length: > 0 } ? head + "-modified" : head;
    }

    private static string? Git(string folder, params string[] arguments)
    {
        var start = new ProcessStartInfo("git") { WorkingDirectory = folder, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        try
        {
            using var process = Process.Start(start);
            if (process is null)
            {
                return null;
            }

            var output = process.StandardOutput.ReadToEnd();
            process.StandardError.ReadToEnd();
            if (!process.WaitForExit(TimeSpan.FromSeconds(10)))
            {
                process.Kill();
                return null;
            }

            return process.ExitCode == 0 ? output.Trim() : null;
        }
        catch (Win32Exception)
        {
            // git is not installed: no commit to record.
            return null;
        }
    }
}
