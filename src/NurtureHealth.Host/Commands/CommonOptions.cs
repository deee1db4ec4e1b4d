using System.CommandLine;

namespace NurtureHealth.Host.Commands;

/// <summary>Options several commands share; each overrides one configuration key.</summary>
internal static class CommonOptions
{
    public static Option<string?> Locations() => new("--locations")
    {
        Description = "The locations folder (group.yaml and one folder per location). Overrides Nurture:Locations:Path.",
    };

    public static Option<string?> Database() => new("--db")
    {
        Description = "The SQLite database file. Overrides Nurture:Storage:ConnectionString.",
    };

    /// <summary>Configuration overrides from the shared options that were given.</summary>
    public static Dictionary<string, string?> Overrides(ParseResult result, Option<string?>? locations, Option<string?>? database)
    {
        var overrides = new Dictionary<string, string?>();
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
