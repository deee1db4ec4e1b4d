using System.Diagnostics;
using NurtureHealth.Checks;
using NurtureHealth.Workspace;

namespace NurtureHealth.Benchmarks;

/// <summary>
/// What one keystroke in the workspace costs the server (the live check and preview, <c>POST …?handler=Preview</c>
/// less the HTTP and Razor around it): copy the content folders with the draft written in and run the whole check
/// (<see cref="DraftContent.Create"/>), then render the previewed email in English and Spanish. On the shipped samples.
/// </summary>
internal static class WorkspacePreviewBenchmark
{
    public static int Run(BenchArguments a)
    {
        var root = DispatchBenchmark.RepoRoot();
        var folders = new ContentFolders(Path.Combine(root, "locations"), Path.Combine(root, "templates"));
        var file = ContentFolders.LocationFile("tempe-downtown");
        var text = folders.Read(file)!;
        var rounds = Math.Max(5, a.Leads);
        var create = new List<double>();
        var render = new List<double>();
        for (var i = 0; i <= rounds; i++)
        {
            var draft = text.Replace("mon: \"07:30-16:30\"", $"mon: \"07:{i % 60:00}-16:30\"", StringComparison.Ordinal);
            var watch = Stopwatch.StartNew();
            using var content = DraftContent.Create(folders, new Dictionary<string, string?> { [file] = draft });
            var created = watch.Elapsed.TotalMilliseconds;
            watch.Restart();
            foreach (var language in new[] { "en", "es" })
            {
                _ = content.Preview(new PreviewRequest("tempe-downtown", "skin-guide", "guide", language));
            }

            if (i > 0) // the first round warms the JIT
            {
                create.Add(created);
                render.Add(watch.Elapsed.TotalMilliseconds);
            }
        }

        var files = Directory.EnumerateFiles(folders.Locations, "*", SearchOption.AllDirectories).Count() + Directory.EnumerateFiles(folders.Templates, "*", SearchOption.AllDirectories).Count();
        Console.WriteLine($"Workspace preview: the shipped samples ({files} content files), a draft of tempe-downtown's location.yaml, {rounds} rounds after one warm-up");
        Console.WriteLine();
        Console.WriteLine("| step | median | p90 | max |");
        Console.WriteLine("|---|---:|---:|---:|");
        Row("copy the folders with the draft + the whole check", create);
        Row("render the email in en and es", render);
        Row("both (one keystroke's preview)", [.. create.Zip(render, (c, r) => c + r)]);
        return 0;
    }

    private static void Row(string name, List<double> values)
    {
        var sorted = values.Order().ToList();
        double At(double q) => sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(q * sorted.Count) - 1)];
        Console.WriteLine($"| {name} | {At(0.5):F0} ms | {At(0.9):F0} ms | {sorted[^1]:F0} ms |");
    }
}
