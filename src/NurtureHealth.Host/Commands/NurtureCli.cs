using System.CommandLine;

namespace NurtureHealth.Host.Commands;

/// <summary>The <c>nurture</c> command line: one binary for the worker and the tools.</summary>
internal static class NurtureCli
{
    public static RootCommand Build()
    {
        var root = new RootCommand("NurtureHealth: turns patient-intent leads into booked consultations, location by location.");
        root.Options.Add(CommonOptions.Config);
        root.Subcommands.Add(Demo.DemoCommand.Create());
        root.Subcommands.Add(ImportCommand.Create());
        root.Subcommands.Add(ResolveCommand.Create());
        root.Subcommands.Add(RunCommand.Create());
        root.Subcommands.Add(DbCommand.Create());
        root.Subcommands.Add(LocationsCommand.Create());
        root.Subcommands.Add(CheckCommand.Create());
        root.Subcommands.Add(PreviewCommand.Create());
        root.Subcommands.Add(ReportCommand.Create());
        root.Subcommands.Add(ForgetCommand.Create());
        return root;
    }
}
