using NurtureHealth.Yaml;

namespace NurtureHealth.Locations.Sync;

/// <summary>One location file, parsed for editing.</summary>
internal sealed record LocalLocation(string Id, string Folder, string Path, string Display, YamlText Yaml)
{
    public string? FhirId => Yaml.Scalar("fhir_id");

    public string? Name => Yaml.Scalar("name");
}
