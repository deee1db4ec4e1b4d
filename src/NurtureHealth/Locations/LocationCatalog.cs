using Microsoft.Extensions.Options;

namespace NurtureHealth.Locations;

/// <summary>
/// The clinic group as currently loaded from the locations folder, with the resolver built over it.
/// Loaded on first use; a folder with errors throws <see cref="Yaml.FileFindingsException"/> naming each one.
/// </summary>
public sealed class LocationCatalog(IOptions<LocationsOptions> locations, IOptions<ResolutionOptions> resolution)
{
    private readonly Lazy<LocationResolver> _resolver = new(() =>
        new LocationResolver(ClinicGroupLoader.Load(locations.Value.Path), ZipCentroids.Census2021, resolution.Value));

    /// <summary>The loaded group.</summary>
    public ClinicGroup Group => _resolver.Value.Group;

    /// <summary>The resolver over the loaded group.</summary>
    public LocationResolver Resolver => _resolver.Value;
}
