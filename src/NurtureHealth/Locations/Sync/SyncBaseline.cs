using YamlDotNet.Core;
using YamlDotNet.Serialization;
using YamlDotNet.Serialization.NamingConventions;

namespace NurtureHealth.Locations.Sync;

/// <summary>
/// What the FHIR server said at the last sync, field by field, kept beside each synced location as
/// <c>locations/&lt;id&gt;/.fhir-sync.yaml</c>. It is how the next sync tells a location manager's edit (the file no
/// longer holds what the server said) from a change on the server (the file still does).
/// </summary>
internal sealed class SyncBaseline
{
    /// <summary>The file's name inside a location's folder.</summary>
    public const string FileName = ".fhir-sync.yaml";

    private const string Header =
        "# Written by `nurture locations sync`: what the FHIR server said at the last sync, so the next sync can tell a\n" +
        "# location manager's edit from a change on the server. Not read by anything else; do not edit it. Deleting it\n" +
        "# makes the next sync treat every difference from the server as a local edit (kept, and reported as a conflict).\n";

    private static readonly ISerializer Writer = new SerializerBuilder()
        .WithNamingConvention(UnderscoredNamingConvention.Instance).WithQuotingNecessaryStrings().DisableAliases().Build();

    private static readonly IDeserializer Reader = new DeserializerBuilder()
        .WithNamingConvention(UnderscoredNamingConvention.Instance).IgnoreUnmatchedProperties().Build();

    /// <summary>The Location resource, "Location/123".</summary>
    public string? Location { get; set; }

    /// <summary>True from when the sync created the file until its manager sets <c>active: true</c>.</summary>
    public bool AwaitingActivation { get; set; }

    /// <summary>Values the sync invented for a new location (timezone, booking_url, service_lines), until the manager changes them.</summary>
    public SortedDictionary<string, string> Placeholders { get; set; } = new(StringComparer.Ordinal);

    /// <summary>The location's FHIR-owned fields as the server gave them ("phone", "address.city").</summary>
    public SortedDictionary<string, string> Fields { get; set; } = new(StringComparer.Ordinal);

    /// <summary>Each provider's FHIR-owned fields, by Practitioner id.</summary>
    public SortedDictionary<string, SortedDictionary<string, string>> Providers { get; set; } = new(StringComparer.Ordinal);

    /// <summary>Reads the file beside a location; a missing file is an empty baseline, an unreadable one too (with a note saying so).</summary>
    public static SyncBaseline Read(string folder, out string? problem)
    {
        problem = null;
        var path = Path.Combine(folder, FileName);
        if (!File.Exists(path))
        {
            return new SyncBaseline();
        }

        try
        {
            var read = Reader.Deserialize<SyncBaseline?>(File.ReadAllText(path)) ?? new SyncBaseline();
            read.Placeholders = new SortedDictionary<string, string>(read.Placeholders ?? [], StringComparer.Ordinal);
            read.Fields = new SortedDictionary<string, string>(read.Fields ?? [], StringComparer.Ordinal);
            read.Providers = new SortedDictionary<string, SortedDictionary<string, string>>(
                (read.Providers ?? []).ToDictionary(p => p.Key, p => new SortedDictionary<string, string>(p.Value ?? [], StringComparer.Ordinal)), StringComparer.Ordinal);
            return read;
        }
        catch (YamlException e)
        {
            problem = $"{FileName} could not be read ({e.Message}); every difference from the server counts as a local edit";
            return new SyncBaseline();
        }
    }

    /// <summary>The file's text.</summary>
    public string Render() => Header + Writer.Serialize(this);
}
