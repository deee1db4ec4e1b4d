using System.Globalization;

namespace NurtureHealth.Benchmarks;

internal sealed record BenchArguments(string Scenario, int Leads, int Locations, int Seed, int Parallelism, int PageSize, string? Provider, int Nodes, bool FileOutbox)
{
    public static BenchArguments Parse(string[] args)
    {
        var scenario = args.Length > 0 && !args[0].StartsWith("--", StringComparison.Ordinal) ? args[0] : "intake";
        int Option(string name, int fallback)
        {
            var i = Array.IndexOf(args, name);
            return i >= 0 && i + 1 < args.Length ? int.Parse(args[i + 1], CultureInfo.InvariantCulture) : fallback;
        }

        var provider = Array.IndexOf(args, "--provider") is var p and >= 0 && p + 1 < args.Length ? args[p + 1] : null;
        return new BenchArguments(scenario, Option("--leads", provider is null ? 100_000 : 3_000), Option("--locations", 2_000), Option("--seed", 1), Option("--parallelism", 4),
            Option("--page-size", 100), provider, Option("--nodes", 1), Array.IndexOf(args, "--sender") is var s and >= 0 && s + 1 < args.Length && args[s + 1] == "file");
    }

    public static int Usage(string problem)
    {
        Console.Error.WriteLine(problem);
        Console.Error.WriteLine("usage: NurtureHealth.Benchmarks intake|dispatch|fhir-poll|workspace-preview [--leads N (workspace-preview: rounds)] [--locations M] [--seed S] [--parallelism P (dispatch: sends at once, default 4)] [--page-size C (fhir-poll: _count, default 100)] [--provider sqlite|postgres --nodes 1|2 [--sender relay|file] (dispatch by real nodes, default 3,000 leads)]");
        return 2;
    }
}
