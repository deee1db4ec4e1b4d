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
        ["Nurture__Http__Urls"] = $"http://127.0.0.1:{Storage.PostgreSqlServer.FreePort()}",
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
                     "Nurture:Http:Urls (Nurture__Http__Urls=http://127.0.0.1:8081).",
            result.Stderr.TrimEnd());
        Assert.DoesNotContain("   at ", result.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void PreviewServe_PortInUse_TellsTheLocationManagerWhichPortToTryInstead()
    {
        using var taken = new TcpListener(IPAddress.Loopback, 0);
        taken.Start();
        var port = ((IPEndPoint)taken.LocalEndpoint).Port;

        var result = NurtureProcess.Run(_folder.Path, Settings, "preview", "--serve", "--port", port.ToString(System.Globalization.CultureInfo.InvariantCulture));

        Assert.Equal(2, result.ExitCode);
        Assert.Equal($"Cannot listen: http://127.0.0.1:{port} is already in use by another program. Is a preview page open already? Stop it, or choose another port: " +
                     $"nurture preview --serve --port {port + 1}.", result.Stderr.TrimEnd());
        Assert.DoesNotContain("   at ", result.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void Run_NoSigningKey_SaysWhichSettingAndHowToSetItBeforeCreatingAnything()
    {
        var settings = Settings;
        settings.Remove("Nurture__Links__SigningKey");

        var result = NurtureProcess.Run(_folder.Path, settings, "run");

        Assert.Equal(2, result.ExitCode);
        Assert.Equal("Configuration is not valid:\n  Nurture:Links:SigningKey is required: at least 32 random characters that sign link tokens " +
                     "(set it from a secret store, e.g. the environment variable Nurture__Links__SigningKey).\n", result.Stderr.Replace("\r\n", "\n", StringComparison.Ordinal));
        Assert.DoesNotContain("fail:", result.Stdout, StringComparison.Ordinal);
        Assert.Empty(Directory.EnumerateFileSystemEntries(_folder.Path));
    }

    [Fact]
    public void Run_WorkspaceWithoutItsClientSecret_SaysWhichSettingBeforeCreatingAnything()
    {
        var settings = Settings;
        settings["Nurture__Manage__Authority"] = "https://login.lakeshorehealth.example";
        settings["Nurture__Manage__ClientId"] = "nurture-workspace";

        var result = NurtureProcess.Run(_folder.Path, settings, "run");

        Assert.Equal(2, result.ExitCode);
        Assert.Equal("Configuration is not valid:\n  Nurture:Manage:ClientSecret is required with Nurture:Manage:Authority (keep it in a secret file: Nurture__Manage__ClientSecret)\n",
            result.Stderr.Replace("\r\n", "\n", StringComparison.Ordinal));
        Assert.Empty(Directory.EnumerateFileSystemEntries(_folder.Path));
    }

    [Fact]
    public void Report_MistypedDatabasePath_IsAnErrorAndCreatesNoDatabase()
    {
        var result = NurtureProcess.Run(_folder.Path, Settings, "report", "--db", "nurture.bd");

        Assert.Equal(2, result.ExitCode);
        Assert.Equal($"No database at {_folder.File("nurture.bd")}: give the worker's database with --db <FILE> (nurture run and nurture import create it).", result.Stderr.TrimEnd());
        Assert.Empty(Directory.EnumerateFileSystemEntries(_folder.Path));
    }

    [Fact]
    public void Preview_ForALeadWithNoDatabase_IsAnErrorAndCreatesNoDatabase()
    {
        var result = NurtureProcess.Run(_folder.Path, Settings, "preview", "--lead", "web-1001", "--sequence", "skin-guide", "--step", "1", "--db", "missing.db");

        Assert.Equal(2, result.ExitCode);
        Assert.StartsWith($"No database at {_folder.File("missing.db")}", result.Stderr, StringComparison.Ordinal);
        Assert.Empty(Directory.EnumerateFileSystemEntries(_folder.Path));
    }

    [Fact]
    public void DbMigrate_IntoAFolderThatDoesNotExist_IsAnErrorAndMakesNoFolder()
    {
        var result = NurtureProcess.Run(_folder.Path, Settings, "db", "migrate", "--db", Path.Combine("mistyped", "nurture.db"));

        Assert.Equal(2, result.ExitCode);
        Assert.Equal($"The folder {_folder.File("mistyped")} does not exist: create it first, or give --db a file in a folder that does (a mistyped path is not made for you).",
            result.Stderr.TrimEnd());
        Assert.Empty(Directory.EnumerateFileSystemEntries(_folder.Path));
    }

    [Fact]
    public void Preview_ForALeadNotInTheDatabase_IsAnErrorNamingTheLead()
    {
        Assert.Equal(0, NurtureProcess.Run(_folder.Path, Settings, "db", "migrate", "--db", "nurture.db").ExitCode);

        var result = NurtureProcess.Run(_folder.Path, Settings, "preview", "--lead", "web-0000", "--sequence", "skin-guide", "--step", "1", "--db", "nurture.db");

        Assert.Equal(2, result.ExitCode);
        Assert.Equal("No lead 'web-0000' in the database (import it first).", result.Stderr.TrimEnd());
    }

    [Fact]
    public void Report_WhileAnotherProcessHoldsTheWriteLock_AnswersAtOnceAndMigratesNothing()
    {
        Assert.Equal(0, NurtureProcess.Run(_folder.Path, Settings, "db", "migrate", "--db", "nurture.db").ExitCode);
        using var writer = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={_folder.File("nurture.db")};Pooling=false");
        writer.Open();
        using (var begin = writer.CreateCommand())
        {
            begin.CommandText = "BEGIN EXCLUSIVE; CREATE TABLE held_by_the_test (a INTEGER);";
            begin.ExecuteNonQuery();
        }

        var result = NurtureProcess.Run(_folder.Path, Settings, "report", "--db", "nurture.db");

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("Funnel by location", result.Stdout, StringComparison.Ordinal);
        Assert.Equal("", result.Stderr);
    }

    [Fact]
    public void Config_AFileNotThere_SaysSoInOneLine()
    {
        var result = NurtureProcess.Run(_folder.Path, Settings, "--config", "site.json", "run");

        Assert.Equal(2, result.ExitCode);
        Assert.Equal($"The settings file {_folder.File("site.json")} (--config) does not exist: check the path, or leave --config out to use appsettings.json.", result.Stderr.TrimEnd());
        Assert.Empty(Directory.EnumerateFileSystemEntries(_folder.Path));
    }

    [Fact]
    public void Config_AFolder_SaysToGiveTheFileItself()
    {
        Directory.CreateDirectory(_folder.File("etc"));

        var result = NurtureProcess.Run(_folder.Path, Settings, "--config", "etc", "run");

        Assert.Equal(2, result.ExitCode);
        Assert.Equal($"{_folder.File("etc")} (--config) is a folder: give the settings file itself, such as {Path.Combine(_folder.File("etc"), "appsettings.json")}.", result.Stderr.TrimEnd());
    }

    [Fact]
    public void Config_IsRead_AndAnEnumSettingItCannotReadListsTheNamesAllowed()
    {
        File.WriteAllText(_folder.File("site.json"), """{ "Nurture": { "Storage": { "Provider": "Postgres" } } }""");

        var result = NurtureProcess.Run(_folder.Path, Settings, "run", "--config", "site.json");

        Assert.Equal(2, result.ExitCode);
        Assert.Equal("Configuration is not valid:\n  Nurture:Storage:Provider cannot be read as one of Sqlite, PostgreSql; see docs/configuration.md for the setting and its form.\n",
            result.Stderr.Replace("\r\n", "\n", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("run", "--templates <DIR>", "--db <FILE>", "--config <FILE>")]
    [InlineData("db backup", "<FILE>", "--db <FILE>")]
    [InlineData("forget", "--email <EMAIL>", "--phone <PHONE>")]
    [InlineData("report", "--since <YYYY-MM-DD>", "--out <FILE>")]
    [InlineData("preview", "--templates <DIR>", "--locations <DIR>", "--lead <LEAD-ID>")]
    [InlineData("check", "--templates <DIR>")]
    public void Help_NamesWhatEachValueIs(string command, params string[] shown)
    {
        var result = NurtureProcess.Run(_folder.Path, Settings, [.. command.Split(' '), "--help"]);

        Assert.Equal(0, result.ExitCode);
        Assert.All(shown, s => Assert.Contains(s, result.Stdout, StringComparison.Ordinal));
    }

    public void Dispose() => _folder.Dispose();

}
