using Microsoft.Extensions.Options;

namespace NurtureHealth.Locations;

/// <summary>
/// The clinic group as currently loaded from the locations folder, with the resolver built over it.
/// Loaded on first use; a folder with errors throws <see cref="Yaml.FileFindingsException"/> naming each one.
/// The worker's hot reload replaces it with a newer version that passed <c>nurture check</c>; each read sees one
/// whole version, never half of one.
/// </summary>
public sealed class LocationCatalog(IOptions<LocationsOptions> locations, IOptions<ResolutionOptions> resolution)
{
    private readonly Lock _gate = new();
    private volatile LocationResolver? _resolver;

    /// <summary>The loaded group.</summary>
    public ClinicGroup Group => Resolver.Group;

    /// <summary>The resolver over the loaded group.</summary>
    public LocationResolver Resolver => _resolver ?? Load();

    /// <summary>The folder the group is read from.</summary>
    public string Path => locations.Value.Path;

    /// <summary>Makes a newer, checked version of the group the live one.</summary>
    public void Replace(ClinicGroup group) => _resolver = new LocationResolver(group, ZipCentroids.Census2021, resolution.Value);

    private LocationResolver Load()
    {
        lock (_gate)
        {
            return _resolver ??= new LocationResolver(ClinicGroupLoader.Load(locations.Value.Path), ZipCentroids.Census2021, resolution.Value);
        }
    }
}
