using System.Text;
using NurtureHealth.Yaml;
using YamlDotNet.Core;

namespace NurtureHealth.Locations.Sync;

/// <summary>
/// Writes the <c>location.yaml</c> of a FHIR Location no file knows yet. FHIR gives the name, position, address, phone
/// and providers, but not the time zone (unless the Location carries the timezone extension), the booking page, the
/// service lines offered or the opening hours. The file is written <c>active: false</c> with loadable placeholders marked
/// TODO, so the group keeps loading and the new location gets no leads until its manager fills them in and switches it on.
/// </summary>
internal static class NewLocationFile
{
    /// <summary>A booking address that can never be reached (.invalid is reserved, RFC 2606).</summary>
    public const string BookingPlaceholder = "https://booking-url-not-set.invalid/";

    /// <summary>A time zone that loads but no US clinic keeps.</summary>
    public const string TimeZonePlaceholder = "Etc/UTC";

    /// <summary>Why the location cannot be written, or null when it can: a location needs these to be placed and called.</summary>
    public static string? CannotCreate(LocationInFhir fhir)
    {
        if (fhir.Active == false)
        {
            return "the server marks it inactive";
        }

        var missing = new List<string>();
        Need(missing, fhir.Name, "name");
        Need(missing, fhir.Latitude is null || fhir.Longitude is null ? null : "", "position");
        Need(missing, fhir.Line1, "address line");
        Need(missing, fhir.City, "city");
        Need(missing, fhir.State, "state");
        Need(missing, fhir.PostalCode, "postal code");
        Need(missing, fhir.Phone, "phone");
        return missing.Count == 0 ? null : $"the server gives no {string.Join(", ", missing)} (a location needs them to be placed and called)";
    }

    /// <summary>The file's text and its first baseline; <paramref name="providers"/> are those that can be added, with their ids.</summary>
    public static (string Text, SyncBaseline Baseline) Render(
        string id, LocationInFhir fhir, IReadOnlyList<(string Id, ProviderInFhir Provider)> providers,
        IReadOnlyList<string> serviceLines, bool serviceLinesFromProviders, DateOnly today)
    {
        var baseline = new SyncBaseline { Location = $"Location/{fhir.FhirId}", AwaitingActivation = true };
        foreach (var (key, value) in SyncField.ValuesOf(fhir).Where(v => v.Value is not null))
        {
            baseline.Fields[key] = value!;
        }

        var text = new StringBuilder();
        text.Append($"# Created by `nurture locations sync` on {today:yyyy-MM-dd} from the FHIR server's Location/{fhir.FhirId}.\n");
        text.Append("# The server gave the name, position, address, phone and providers, but not what is marked TODO.\n");
        text.Append("# This location takes no leads until you set those, then active: true. Later syncs keep your edits\n");
        text.Append("# (see docs/locations.md, \"Syncing from FHIR\").\n");
        text.Append($"id: {id}\n");
        text.Append($"fhir_id: {Quoted(fhir.FhirId)}\n");
        text.Append($"name: {YamlScalars.Render(fhir.Name!, ScalarStyle.Plain, inFlow: false)}\n");
        text.Append("active: false  # TODO: true once the TODOs below are done\n");
        if (fhir.TimeZone is { } zone)
        {
            text.Append($"timezone: {zone}  # from the FHIR server's timezone extension\n");
        }
        else
        {
            text.Append($"timezone: {TimeZonePlaceholder}  # TODO: the IANA time zone, such as America/Chicago\n");
            baseline.Placeholders["timezone"] = TimeZonePlaceholder;
        }

        text.Append($"position: {{ lat: {YamlScalars.Number(fhir.Latitude!.Value)}, lon: {YamlScalars.Number(fhir.Longitude!.Value)} }}\n");
        text.Append($"address: {{ line1: {Plain(fhir.Line1!)}, {(fhir.Line2 is null ? "" : $"line2: {Plain(fhir.Line2)}, ")}city: {Plain(fhir.City!)}, " +
                    $"state: {Plain(fhir.State!)}, postal_code: {Quoted(fhir.PostalCode!)} }}\n");
        text.Append($"phone: {Quoted(fhir.Phone!)}\n");
        text.Append($"booking_url: {BookingPlaceholder}  # TODO: the page where patients book this location\n");
        baseline.Placeholders["booking_url"] = BookingPlaceholder;
        var lines = SyncField.ListText(serviceLines);
        text.Append($"service_lines: {YamlScalars.FlowList(serviceLines)}  # TODO: " +
                    (serviceLinesFromProviders ? "proposed from the providers' specialties; keep only what this location offers\n" : "a placeholder; list what this location offers\n"));
        baseline.Placeholders["service_lines"] = lines;
        text.Append("# TODO: opening hours in local time; a day not listed is closed. For example:\n");
        text.Append("# hours:\n#   mon: \"08:00-17:00\"\n#   sat: \"09:00-13:00\"\n#   sun: closed\n");
        if (providers.Count > 0)
        {
            text.Append("providers:\n");
            foreach (var (providerId, provider) in providers)
            {
                text.Append("  - ").Append(string.Join("\n    ", LocationMerge.ProviderLines(providerId, provider))).Append('\n');
                baseline.Providers[provider.FhirId] = LocationMerge.Baseline(provider);
            }
        }

        return (text.ToString(), baseline);
    }

    /// <summary>Plans the folder of a FHIR Location no file knows: its location.yaml and baseline, or a note saying why not.</summary>
    public static void Plan(LocalFolder local, LocationInFhir fhirLocation, HashSet<string> folderIds, ProviderIds ids, DateOnly today,
        List<SyncLine> lines, Dictionary<string, string> writes)
    {
        if (CannotCreate(fhirLocation) is { } why)
        {
            lines.Add(new SyncLine($"FHIR Location/{fhirLocation.FhirId}", SyncLineKind.Note, $"not created: {why}"));
            return;
        }

        var id = FolderId(fhirLocation.Name!, local.GroupName, folderIds);
        var folder = Path.Combine(local.Root, id);
        var path = Path.Combine(folder, ClinicGroupLoader.LocationFileName);
        var display = ClinicGroupLoader.Display(path);
        var providers = new List<(string, ProviderInFhir)>();
        foreach (var provider in fhirLocation.Providers)
        {
            if (LocationMerge.CannotAdd(provider) is { } skip)
            {
                lines.Add(new SyncLine(display, SyncLineKind.Note, $"Practitioner/{provider.FhirId} not added: {skip}"));
            }
            else
            {
                providers.Add((ids.Allocate(provider.IdName ?? provider.Name!), provider));
            }
        }

        var specialties = providers.SelectMany(p => p.Item2.Specialties!).ToHashSet(StringComparer.Ordinal);
        var offered = local.ServiceLines.Where(s => s.Value.Any(specialties.Contains)).Select(s => s.Key).ToList();
        var fromProviders = offered.Count > 0;
        var (text, baseline) = Render(id, fhirLocation, providers, fromProviders ? offered : [local.ServiceLines[0].Key], fromProviders, today);
        writes[path] = text;
        SyncFiles.Stage(writes, folder, baseline);
        lines.Add(new SyncLine(display, SyncLineKind.Created,
            $"created from FHIR Location/{fhirLocation.FhirId} with {providers.Count} provider{(providers.Count == 1 ? "" : "s")}, inactive " +
            $"(needs {(fhirLocation.TimeZone is null ? "timezone, " : "")}booking_url, service_lines and hours, then active: true, before it takes leads)"));
        lines.AddRange(fhirLocation.Notes.Select(n => new SyncLine(display, SyncLineKind.Note, $"Location/{fhirLocation.FhirId}: {n}")));
    }

    /// <summary>A slug of the name without the group's name in front ("Lakeshore Health — Naperville" → naperville), -2, -3… when taken.</summary>
    private static string FolderId(string name, string groupName, HashSet<string> taken)
    {
        var slug = LocationSyncPlanner.Slug(name);
        var prefix = LocationSyncPlanner.Slug(groupName);
        if (prefix.Length > 0 && slug.StartsWith(prefix + "-", StringComparison.Ordinal))
        {
            slug = slug[(prefix.Length + 1)..];
        }

        slug = slug.Length == 0 ? "location" : slug;
        var id = slug;
        for (var n = 2; !taken.Add(id); n++)
        {
            id = $"{slug}-{n}";
        }

        return id;
    }

    private static string Plain(string value) => YamlScalars.Render(value, ScalarStyle.Plain);

    private static string Quoted(string value) => YamlScalars.Render(value, ScalarStyle.DoubleQuoted);

    private static void Need(List<string> missing, string? value, string what)
    {
        if (value is null)
        {
            missing.Add(what);
        }
    }
}
