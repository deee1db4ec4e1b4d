using NurtureHealth.Benchmarks;

// dotnet run -c Release --project bench/NurtureHealth.Benchmarks -- intake [--leads 100000] [--locations 2000] [--seed 1]
// dotnet run -c Release --project bench/NurtureHealth.Benchmarks -- dispatch [--leads 100000] [--seed 1]
// dotnet run -c Release --project bench/NurtureHealth.Benchmarks -- dispatch --provider sqlite|postgres --nodes 1|2 [--leads 3000]
// dotnet run -c Release --project bench/NurtureHealth.Benchmarks -- fhir-poll [--leads 5000] [--page-size 100]   (needs npm ci in tests/servers)
// dotnet run -c Release --project bench/NurtureHealth.Benchmarks -- workspace-preview [--leads 30]   (--leads: rounds)
var arguments = BenchArguments.Parse(args);
return arguments.Scenario switch
{
    "intake" => IntakeBenchmark.Run(arguments),
    "dispatch" when arguments.Provider is "sqlite" or "postgres" && arguments.Nodes is 1 or 2 && (arguments.Provider == "postgres" || arguments.Nodes == 1) =>
        NodesBenchmark.Run(arguments, arguments.Provider, arguments.Nodes),
    "dispatch" when arguments.Provider is not null => BenchArguments.Usage("dispatch --provider takes sqlite (one node) or postgres (--nodes 1 or 2)"),
    "dispatch" => DispatchBenchmark.Run(arguments),
    "fhir-poll" => FhirPollBenchmark.Run(arguments),
    "workspace-preview" => WorkspacePreviewBenchmark.Run(arguments),
    _ => BenchArguments.Usage($"unknown scenario '{arguments.Scenario}'"),
};
