using System.ComponentModel;
using System.Diagnostics;

namespace NurtureHealth.Workspace;

/// <summary>
/// Writes an approved change to its file — whole or not at all — and, when the file's folder is in a git repository,
/// commits that one file with the manager as the author, so the group's review, history and CI see workspace changes
/// like any other. The worker's hot reload then applies it.
/// </summary>
public static class ContentPublisher
{
    /// <summary>The identity commits are made with (the manager is the author).</summary>
    public const string Committer = "NurtureHealth workspace";

    /// <summary>Writes the file (deletes it when <paramref name="text"/> is null) and commits it; returns the commit, or null when not in a repository.</summary>
    /// <exception cref="InvalidOperationException">git refused the commit; the message says why (the file is written).</exception>
    public static string? Publish(string path, string? text, string author, string authorEmail, string message)
    {
        if (text is null)
        {
            File.Delete(path);
        }
        else
        {
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            var temporary = path + ".workspace-tmp";
            File.WriteAllText(temporary, text);
            File.Move(temporary, path, overwrite: true);
        }

        var folder = Path.GetDirectoryName(path)!;
        while (!Directory.Exists(folder))
        {
            folder = Path.GetDirectoryName(folder)!; // the override's folder may be gone with its last file
        }

        if (Git(folder, "rev-parse", "--show-toplevel") is not (0, { Length: > 0 } top))
        {
            return null;
        }

        var relative = Path.GetRelativePath(top.Trim(), path);
        var (added, addText) = Git(top.Trim(), "add", "--all", "--", relative);
        if (added != 0)
        {
            throw new InvalidOperationException($"git add {relative} failed: {addText.Trim()}");
        }

        var (committed, commitText) = Git(top.Trim(), "-c", $"user.name={Committer}", "-c", "user.email=workspace@nurturehealth.invalid",
            "commit", "--quiet", $"--author={Clean(author)} <{Clean(authorEmail)}>", "-m", message, "--", relative);
        if (committed != 0)
        {
            throw new InvalidOperationException($"git commit of {relative} failed: {commitText.Trim()}");
        }

        return Git(top.Trim(), "rev-parse", "HEAD").Output.Trim();
    }

    private static string Clean(string text) => new([.. text.Where(c => !char.IsControl(c) && c is not ('<' or '>'))]);

    private static (int Code, string Output) Git(string folder, params string[] arguments)
    {
        var start = new ProcessStartInfo("git") { WorkingDirectory = folder, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        try
        {
            using var process = Process.Start(start)!;
            var output = process.StandardOutput.ReadToEndAsync();
            var error = process.StandardError.ReadToEnd();
            process.WaitForExit();
            return (process.ExitCode, output.Result + error);
        }
        catch (Win32Exception)
        {
            return (-1, "git is not installed");
        }
    }
}
