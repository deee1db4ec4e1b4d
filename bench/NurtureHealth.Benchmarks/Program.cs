using NurtureHealth.Benchmarks;

// dotnet run -c Release --project bench/NurtureHealth.Benchmarks -- intake [--leads 100000] [--locations 2000] [--seed 1]
var arguments = BenchArguments.Parse(args);
return arguments.Scenario switch
{
    "intake" => IntakeBenchmark.Run(arguments),
    _ => BenchArguments.Usage($"unknown scenario '{arguments.Scenario}'"),
};
