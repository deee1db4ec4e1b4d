using System.CommandLine;

namespace NurtureHealth.Host.Commands;

/// <summary>Options several commands share; each overrides one configuration key.</summary>
internal static class CommonOptions
{
    /// <summary>Where <see cref="Overrides"/> carries <c>--config</c> to <see cref="NurtureHostBuilder.Sources"/>: a file, not a setting.</summary>
    public const string ConfigFileKey = "nurture-config-file";

    /// <summary><c>--config FILE</c>, on every command.</summary>
    public static readonly Option<string?> Config = new("--config")
    {
        Description = "A settings file like appsettings.json, read after appsettings.json and before environment variables.",
        HelpName = "FILE",
        Recursive = true,
    };

    public static Option<string?> Locations() => new("--locations")
    {
        Description = "The locations folder (group.yaml and one folder per location). Overrides Nurture:Locations:Path.",
        HelpName = "DIR",
    };

    public static Option<string?> Templates() => new("--templates")
    {
        Description = "The templates folder (one folder per sequence). Overrides Nurture:Templates:Path.",
        HelpName = "DIR",
    };

    public static Option<string?> Database() => new("--db")
    {
        Description = "The SQLite database file. Overrides Nurture:Storage:ConnectionString.",
        HelpName = "FILE",
    };

    /// <summary>Configuration overrides from the shared options that were given.</summary>
    public static Dictionary<string, string?> Overrides(ParseResult result, Option<string?>? locations, Option<string?>? database)
    {
        var overrides = new Dictionary<string, string?>();
        if (result.GetValue(Config) is { } config)
        {
            overrides[ConfigFileKey] = Path.GetFullPath(config);
        }

        if (locations is not null && result.GetValue(locations) is { } l)
        {
            overrides["Nurture:Locations:Path"] = l;
        }

        if (database is not null && result.GetValue(database) is { } d)
        {
            overrides["Nurture:Storage:Provider"] = "Sqlite";
            overrides["Nurture:Storage:ConnectionString"] = $"Data Source={d}";
        }

        return overrides;
    }
}
