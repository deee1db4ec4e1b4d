using NurtureHealth.Benchmarks;

// dotnet run -c Release --project bench/NurtureHealth.Benchmarks -- intake [--leads 100000] [--locations 2000] [--seed 1]
// dotnet run -c Release --project bench/NurtureHealth.Benchmarks -- dispatch [--leads 100000] [--seed 1]
// dotnet run -c Release --project bench/NurtureHealth.Benchmarks -- fhir-poll [--leads 5000] [--page-size 100]   (needs npm ci in tests/servers)
var arguments = BenchArguments.Parse(args);
return arguments.Scenario switch
{
    "intake" => IntakeBenchmark.Run(arguments),
    "dispatch" => DispatchBenchmark.Run(arguments),
    "fhir-poll" => FhirPollBenchmark.Run(arguments),
    _ => BenchArguments.Usage($"unknown scenario '{arguments.Scenario}'"),
};
