namespace NurtureHealth.Leads;

/// <summary>
/// Reads a FHIR R4 reference the ways R4 writes one: relative (<c>Patient/123</c>), absolute on the same server
/// (<c>https://ehr.example.org/fhir/R4/Patient/123</c>), either with <c>/_history/n</c>. A contained reference
/// (<c>#p1</c>) is found with <see cref="Contained{T}"/>; one to another server is not followed, and says so. Every poller and mapper reads references here.
/// </summary>
public static class FhirReference
{
    /// <summary>The id a reference names, when it names a <paramref name="type"/> this server holds; else null and why not.</summary>
    /// <param name="reference">The reference as written.</param>
    /// <param name="type">The resource type expected (Patient, Practitioner, Location).</param>
    /// <param name="serverBase">The server's base address; null accepts an absolute reference to any server.</param>
    /// <param name="problem">Why no id, in words for a rejection reason.</param>
    public static string? IdOf(string? reference, string type, string? serverBase, out string? problem)
    {
        problem = null;
        if (string.IsNullOrWhiteSpace(reference))
        {
            problem = $"there is no reference to a {type}";
            return null;
        }

        var text = reference.Trim();
        if (text.StartsWith('#'))
        {
            problem = $"the reference is to a contained resource, not a {type} on the server";
            return null;
        }

        var history = text.IndexOf("/_history/", StringComparison.Ordinal);
        if (history >= 0)
        {
            text = text[..history];
        }

        var absolute = Uri.TryCreate(text, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp);
        var parts = text.TrimEnd('/').Split('/');
        if (parts.Length < 2 || (!absolute && parts.Length != 2) || parts[^1].Length == 0)
        {
            problem = $"the reference is not a reference to a {type} (write {type}/id)"; // not quoted: a conditional reference can hold an MRN
            return null;
        }

        if (parts[^2] != type)
        {
            problem = $"the reference refers to a {(Hl7.Fhir.Model.ModelInfo.IsKnownResource(parts[^2]) ? parts[^2] : "resource of another kind")}, not a {type}";
            return null;
        }

        if (absolute && serverBase is not null)
        {
            var at = text[..text.LastIndexOf($"/{type}/", StringComparison.Ordinal)];
            if (!SameBase(at, serverBase))
            {
                var server = Uri.TryCreate(at, UriKind.Absolute, out var other) ? other.GetLeftPart(UriPartial.Authority) : "not this one";
                problem = $"the reference refers to another server ({server}), which NurtureHealth does not read";
                return null;
            }
        }

        return parts[^1];
    }

    /// <summary>
    /// The resource a contained reference (<c>#p1</c>) names among <paramref name="holder"/>'s contained resources, when it is
    /// a <typeparamref name="T"/>; null for any other reference.
    /// </summary>
    public static T? Contained<T>(Hl7.Fhir.Model.DomainResource holder, string? reference) where T : Hl7.Fhir.Model.Resource
    {
        if (reference is null || !reference.Trim().StartsWith('#'))
        {
            return null;
        }

        var id = reference.Trim()[1..];
        return FhirShape.Read(() => holder.Contained.OfType<T>().FirstOrDefault(r => r.Id == id));
    }

    /// <summary>The id, or null (<see cref="IdOf(string?, string, string?, out string?)"/> without the reason).</summary>
    public static string? IdOf(string? reference, string type, string? serverBase = null) => IdOf(reference, type, serverBase, out _);

    private static bool SameBase(string a, string b) =>
        Uri.TryCreate(a.TrimEnd('/') + "/", UriKind.Absolute, out var x) && Uri.TryCreate(b.TrimEnd('/') + "/", UriKind.Absolute, out var y)
        && Uri.Compare(x, y, UriComponents.SchemeAndServer | UriComponents.Path, UriFormat.Unescaped, StringComparison.OrdinalIgnoreCase) == 0;
}
