using System.Diagnostics;

namespace NurtureHealth.Tests.Checks;

/// <summary>tools/pre-commit in a template repository: a staged mistake stops the commit and is named as the manager knows the file.</summary>
public sealed class PreCommitHookTests : IDisposable
{
    private readonly TempFolder _repo = new();

    [Fact]
    public void Hook_StagedMistake_StopsTheCommitAndAFixLetsItThrough()
    {
        _repo.CopyFrom(TestPaths.Locations, "locations");
        _repo.CopyFrom(TestPaths.Templates, "templates");

        Run("git", "init", "-q");
        Run("git", "add", ".");
        var location = _repo.File("locations/chicago-pilsen/location.yaml");
        File.WriteAllText(location, File.ReadAllText(location).Replace("hours:", "houres:", StringComparison.Ordinal));
        Run("git", "add", "locations");

        var refused = Run(Path.Combine(TestPaths.RepoRoot, "tools", "pre-commit"));

        Assert.Equal(1, refused.ExitCode);
        Assert.Contains("locations/chicago-pilsen/location.yaml:", refused.Output, StringComparison.Ordinal);
        Assert.Contains("error: unknown key 'houres'; did you mean 'hours'?", refused.Output, StringComparison.Ordinal);
        Assert.DoesNotContain(Path.GetTempPath(), refused.Output, StringComparison.Ordinal);

        // Fixed in the editor but not staged: the commit would still carry the mistake.
        File.WriteAllText(location, File.ReadAllText(location).Replace("houres:", "hours:", StringComparison.Ordinal));
        Assert.Equal(1, Run(Path.Combine(TestPaths.RepoRoot, "tools", "pre-commit")).ExitCode);

        Run("git", "add", "locations");
        var passed = Run(Path.Combine(TestPaths.RepoRoot, "tools", "pre-commit"));
        Assert.True(passed.ExitCode == 0, passed.Output);
    }

    public void Dispose() => _repo.Dispose();

    private (int ExitCode, string Output) Run(string program, params string[] arguments)
    {
        var start = new ProcessStartInfo(program) { WorkingDirectory = _repo.Path, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["NURTURE"] = $"dotnet {Path.Combine(AppContext.BaseDirectory, "nurture.dll")}";
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        process.WaitForExit();
        return (process.ExitCode, output.Result + error.Result);
    }
}
