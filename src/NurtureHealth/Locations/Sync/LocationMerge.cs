using NurtureHealth.Yaml;
using YamlDotNet.Core;

namespace NurtureHealth.Locations.Sync;

/// <summary>
/// Merges what the FHIR server says about one location into its file, never clobbering a location manager's edit.
/// </summary>
/// <remarks>
/// Only FHIR-owned fields are touched (<see cref="SyncField.Location"/>, <see cref="SyncField.Provider"/>); everything
/// else in the file belongs to its manager. A FHIR-owned field takes the server's value when the file still holds what the
/// server said at the last sync (the <see cref="SyncBaseline"/>), or when the field is missing; otherwise the manager
/// changed it, so it is kept and reported as a conflict. Edits are surgical (<see cref="YamlText"/>): comments, order and
/// quoting elsewhere survive.
/// </remarks>
internal static class LocationMerge
{
    public static void Merge(YamlText file, SyncBaseline baseline, LocationInFhir fhir, string display, ProviderIds ids, List<SyncLine> lines)
    {
        baseline.Location = $"Location/{fhir.FhirId}";
        var values = SyncField.ValuesOf(fhir);
        var activating = baseline.AwaitingActivation && file.Scalar("active") is "true" or "yes";
        if (activating)
        {
            baseline.AwaitingActivation = false;
            baseline.Placeholders.Remove("service_lines");
        }

        foreach (var field in SyncField.Location)
        {
            if (field.Name == "active" && baseline.AwaitingActivation)
            {
                // A location the sync created stays off until its manager switches it on.
                baseline.Fields["active"] = values["active"] ?? "true";
                continue;
            }

            MergeField(file, [], field, values[field.Name], baseline.Fields, "", display, lines);
        }

        MergeProviders(file, baseline, fhir, display, ids, lines);
        ReportPlaceholders(file, baseline, display, lines);
    }

    /// <summary>A resource id, always quoted: an id such as 123 must not read as a number in other tools.</summary>
    public static YamlValue FhirId(string id) => YamlValue.Raw(YamlScalars.Render(id, ScalarStyle.DoubleQuoted));

    /// <summary>The lines of a new provider entry (unindented; the list item's "- " is added by the caller).</summary>
    public static List<string> ProviderLines(string id, ProviderInFhir provider)
    {
        var entry = new List<string>
        {
            $"id: {YamlScalars.Render(id, ScalarStyle.Plain, inFlow: false)}",
            $"fhir_id: {YamlScalars.Render(provider.FhirId, ScalarStyle.DoubleQuoted)}",
            $"name: {YamlScalars.Render(provider.Name!, ScalarStyle.Plain, inFlow: false)}",
            $"specialties: {YamlScalars.FlowList(provider.Specialties!)}",
        };
        if (provider.Languages is { } languages)
        {
            entry.Add($"languages: {YamlScalars.FlowList(languages)}");
        }

        if (provider.AcceptingNewPatients is { } accepting)
        {
            entry.Add($"accepting_new_patients: {(accepting ? "true" : "false")}");
        }

        return entry;
    }

    /// <summary>The baseline of a provider the sync has just written.</summary>
    public static SortedDictionary<string, string> Baseline(ProviderInFhir provider) =>
        new(SyncField.ValuesOf(provider).Where(v => v.Value is not null).ToDictionary(v => v.Key, v => v.Value!), StringComparer.Ordinal);

    /// <summary>Why a provider cannot be added, or null when they can.</summary>
    public static string? CannotAdd(ProviderInFhir provider) =>
        provider.Name is null ? "the Practitioner has no name"
        : provider.Specialties is null ? "none of their PractitionerRole specialties maps to a specialty in group.yaml (see Nurture:Fhir:SpecialtyCodes)"
        : null;

    private static void MergeField(YamlText file, object[] prefix, SyncField field, string? fhir, IDictionary<string, string> baseline,
        string label, string display, List<SyncLine> lines)
    {
        if (fhir is null)
        {
            return; // the server says nothing: the file keeps what it has
        }

        var (present, local) = field.Read(file, prefix);
        baseline.TryGetValue(field.Name, out var last);
        baseline[field.Name] = fhir;
        if (present && field.Same(local, fhir))
        {
            return;
        }

        var untouched = !present || (last is not null && field.Same(local, last));
        if (untouched && file.Set(prefix.Concat(field.Path).ToArray(), field.ToYaml(fhir), field.After))
        {
            lines.Add(new SyncLine(display, SyncLineKind.Change, $"{label}{field.Name} {SyncField.Show(local)} -> {SyncField.Show(fhir)}"));
            return;
        }

        lines.Add(new SyncLine(display, SyncLineKind.Conflict,
            $"conflict: {label}{field.Name} is {SyncField.Show(local)} here but {SyncField.Show(fhir)} on the FHIR server; kept the local value (remove the key to take the server's)"));
    }

    private static void MergeProviders(YamlText file, SyncBaseline baseline, LocationInFhir fhir, string display, ProviderIds ids, List<SyncLine> lines)
    {
        var entries = Entries(file);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var provider in fhir.Providers)
        {
            seen.Add(provider.FhirId);
            var entry = entries.FirstOrDefault(e => e.FhirId == provider.FhirId);
            if (entry is null && Unlinked(entries, provider) is { } candidate)
            {
                file.Set(["providers", candidate.Index, "fhir_id"], FhirId(provider.FhirId), "id");
                lines.Add(new SyncLine(display, SyncLineKind.Linked, $"providers[{candidate.Id}]: linked to Practitioner/{provider.FhirId} (same name)"));
                entry = candidate;
                entries = Entries(file);
            }

            if (entry is not null)
            {
                if (!baseline.Providers.TryGetValue(provider.FhirId, out var fields))
                {
                    baseline.Providers[provider.FhirId] = fields = new SortedDictionary<string, string>(StringComparer.Ordinal);
                }

                var values = SyncField.ValuesOf(provider);
                foreach (var field in SyncField.Provider)
                {
                    MergeField(file, ["providers", entry.Index], field, values[field.Name], fields, $"providers[{entry.Id}].", display, lines);
                }

                continue;
            }

            if (CannotAdd(provider) is { } why)
            {
                lines.Add(new SyncLine(display, SyncLineKind.Note, $"Practitioner/{provider.FhirId} not added: {why}"));
                continue;
            }

            var id = ids.Allocate(provider.IdName ?? provider.Name!);
            file.Append(["providers"], ProviderLines(id, provider));
            baseline.Providers[provider.FhirId] = Baseline(provider);
            entries = Entries(file);
            lines.Add(new SyncLine(display, SyncLineKind.ProviderAdded, $"provider {id} added (Practitioner/{provider.FhirId}): {Describe(provider)}"));
        }

        foreach (var gone in entries.Where(e => e.FhirId is not null && !seen.Contains(e.FhirId)))
        {
            lines.Add(new SyncLine(display, SyncLineKind.Note,
                $"providers[{gone.Id}]: Practitioner/{gone.FhirId} has no active PractitionerRole here on the FHIR server; kept (remove the entry by hand if they left)"));
        }
    }

    internal static string Describe(ProviderInFhir p) =>
        $"{p.Name}, {SyncField.ListText(p.Specialties!)}" +
        (p.Languages is null ? "" : $", speaks {SyncField.ListText(p.Languages)}") +
        (p.AcceptingNewPatients switch { true => ", accepting new patients", false => ", not accepting new patients", null => "" });

    private static ProviderEntry? Unlinked(IReadOnlyList<ProviderEntry> entries, ProviderInFhir provider)
    {
        var slug = LocationSyncPlanner.Slug(provider.IdName ?? provider.Name ?? "");
        var matches = entries.Where(e => e.FhirId is null &&
            (e.Id == slug || (provider.Name is not null && string.Equals(e.Name, provider.Name, StringComparison.OrdinalIgnoreCase)))).ToList();
        return matches.Count == 1 ? matches[0] : null;
    }

    private static void ReportPlaceholders(YamlText file, SyncBaseline baseline, string display, List<SyncLine> lines)
    {
        foreach (var (key, placeholder) in baseline.Placeholders.ToList())
        {
            var field = new SyncField(key, [key], key == "service_lines" ? SyncFieldKind.List : SyncFieldKind.Text);
            if (!field.Same(field.Read(file, []).Value, placeholder))
            {
                baseline.Placeholders.Remove(key);
            }
        }

        var todo = new[] { "timezone", "booking_url", "service_lines" }.Where(baseline.Placeholders.ContainsKey).ToList();
        if (baseline.AwaitingActivation)
        {
            if (file.Find("hours") is null)
            {
                todo.Add("hours");
            }

            lines.Add(new SyncLine(display, SyncLineKind.Waiting, todo.Count == 0
                ? "created from FHIR and still inactive: set active: true when it should take leads"
                : $"created from FHIR and still inactive: set {string.Join(", ", todo)}, then active: true"));
        }
        else if (todo.Count > 0)
        {
            lines.Add(new SyncLine(display, SyncLineKind.Note, $"active, but {string.Join(" and ", todo)} still hold{(todo.Count == 1 ? "s" : "")} the placeholder the sync wrote: set {(todo.Count == 1 ? "it" : "them")}"));
        }
    }

    private static List<ProviderEntry> Entries(YamlText file) =>
        file.Find("providers") is YamlListSpan list
            ? list.Items.Select((_, i) => new ProviderEntry(i, file.Scalar("providers", i, "id") ?? "", file.Scalar("providers", i, "fhir_id"), file.Scalar("providers", i, "name"))).ToList()
            : [];

    private sealed record ProviderEntry(int Index, string Id, string? FhirId, string? Name);
}
