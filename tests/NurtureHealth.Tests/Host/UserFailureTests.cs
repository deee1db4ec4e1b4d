using System.Net;
using System.Net.Sockets;

namespace NurtureHealth.Tests.Host;

/// <summary>Failures an operator causes, run as the real command: one plain message with the fix and exit code 2, no stack trace, nothing created.</summary>
public sealed class UserFailureTests : IDisposable
{
    private readonly TempFolder _folder = new();

    private Dictionary<string, string> Settings => new()
    {
        ["Nurture__Locations__Path"] = TestPaths.Locations,
        ["Nurture__Templates__Path"] = TestPaths.Templates,
        ["Nurture__Links__SigningKey"] = "user-failure-signing-key-0123456789-abcdef",
        ["Nurture__Http__Urls"] = $"http://127.0.0.1:{FreePort()}",
    };

    [Fact]
    public void Run_SettingThatCannotBeRead_NamesTheKeyAndItsFormWithoutTheValueAndCreatesNothing()
    {
        var settings = Settings;
        settings["Nurture__Dispatch__Lease"] = "five";

        var result = NurtureProcess.Run(_folder.Path, settings, "run");

        Assert.Equal(2, result.ExitCode);
        Assert.Equal("Configuration is not valid:\n  Nurture:Dispatch:Lease cannot be read as a duration (such as 00:05:00); see docs/configuration.md for the setting and its form.\n",
            result.Stderr.Replace("\r\n", "\n", StringComparison.Ordinal));
        Assert.DoesNotContain("five", result.Stderr + result.Stdout, StringComparison.Ordinal);
        Assert.Empty(Directory.EnumerateFileSystemEntries(_folder.Path));
    }

    [Fact]
    public void AnyCommand_MalformedAppsettingsJson_NamesTheFileAndLineButNotItsContent()
    {
        File.WriteAllText(Path.Combine(_folder.Path, "appsettings.json"), "{\n  \"Nurture\": {\n    \"Smtp\": { \"Password\": \"hunter2\" \n");

        var result = NurtureProcess.Run(_folder.Path, Settings, "report", "--db", Path.Combine(_folder.Path, "n.db"));

        Assert.Equal(2, result.ExitCode);
        Assert.Matches(@"^\S*appsettings\.json is not valid JSON \((line \d+|it could not be parsed)\): fix it, or move it away, and run again\.\r?\n$", result.Stderr);
        Assert.DoesNotContain("hunter2", result.Stderr + result.Stdout, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Run_PortInUse_SaysWhichAddressAndHowToChooseAnother()
    {
        using var taken = new TcpListener(IPAddress.Loopback, 0);
        taken.Start();
        var port = ((IPEndPoint)taken.LocalEndpoint).Port;
        var settings = Settings;
        settings["Nurture__Http__Urls"] = $"http://127.0.0.1:{port}";

        var result = NurtureProcess.Run(_folder.Path, settings, "run");

        Assert.Equal(2, result.ExitCode);
        Assert.Equal($"Cannot listen: http://127.0.0.1:{port} is already in use by another program. Stop that program, or choose a free address: " +
                     "Nurture:Http:Urls (Nurture__Http__Urls=http://127.0.0.1:8081) for nurture run, --port for nurture preview --serve.",
            result.Stderr.TrimEnd());
        Assert.DoesNotContain("   at ", result.Stdout, StringComparison.Ordinal);
    }

    public void Dispose() => _folder.Dispose();

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
