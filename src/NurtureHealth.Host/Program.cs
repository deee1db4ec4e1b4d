using System.CommandLine;
using NurtureHealth.Host.Commands;

// Failures a person causes are told in a line with the fix (UserFailures); anything else is a bug, printed whole, exit 1.
try
{
    return await NurtureCli.Build().Parse(args).InvokeAsync(new InvocationConfiguration { EnableDefaultExceptionHandler = false });
}
catch (Exception e) when (UserFailures.Describe(e) is { } failure)
{
    await Console.Error.WriteLineAsync(failure.Message);
    return failure.ExitCode;
}
catch (Exception e)
{
    await Console.Error.WriteLineAsync($"nurture stopped on an unexpected error; please report it with what you ran:{Environment.NewLine}{e}");
    return 1;
}
