using Hl7.Fhir.Model;
using Hl7.Fhir.Utility;

namespace NurtureHealth.Leads;

/// <summary>
/// FHIR resources are read tolerantly, so one odd element in a field NurtureHealth does not use loses no lead. The price:
/// an element shaped unlike R4 (an array where one value belongs, an object for a list, a number for a string) is kept
/// aside and throws when it is read. Everything that reads a resource from outside reads it through here, so such an
/// element rejects that one resource — naming it — and never the poll, file or request it came in.
/// </summary>
public static class FhirShape
{
    /// <summary>True for the exceptions reading a wrongly shaped element throws.</summary>
    public static bool IsShapeError(Exception e) => e is CodedException or InvalidCastException or FormatException or InvalidOperationException;

    /// <summary>Reads a value, or gives the default when the element it comes from is wrongly shaped.</summary>
    public static T? Read<T>(Func<T> read)
    {
        try
        {
            return read();
        }
        catch (Exception e) when (IsShapeError(e))
        {
            return default;
        }
    }

    /// <summary>
    /// The elements of a resource (paths such as <c>code</c>, <c>name</c>, <c>telecom[1].value</c>) that are R4 elements but
    /// not shaped as R4 defines them; at most <paramref name="max"/>. Unknown elements are not listed: they are not wrong
    /// for NurtureHealth, only unread. Never quotes a value.
    /// </summary>
    public static List<string> Malformed(Base resource, int max = 3)
    {
        var found = new List<string>();
        Walk(resource, "", found, max, depth: 0);
        return found;
    }

    /// <summary>A rejection for a resource that could not be read: the element(s) and what R4 wanted, never the value.</summary>
    /// <param name="resource">The resource read.</param>
    /// <param name="label">Where it is, for the message: <c>ServiceRequest/7 (at entry 3)</c>.</param>
    /// <param name="error">What reading it threw.</param>
    public static LeadFieldError Rejection(Resource resource, string label, Exception error)
    {
        var type = resource.TypeName;
        var elements = Malformed(resource);
        var code = error is CodedException coded ? $" ({coded.ErrorCode})" : "";
        return elements.Count == 0
            ? new LeadFieldError(type, "malformed-fhir", $"{label}: an element is not what FHIR R4 allows there{code}")
            : new LeadFieldError($"{type}.{elements[0]}", "malformed-fhir",
                $"{label}: {string.Join(", ", elements)} {(elements.Count == 1 ? "is" : "are")} not what FHIR R4 allows there{code}");
    }

    private static void Walk(Base node, string path, List<string> found, int max, int depth)
    {
        if (depth > 12)
        {
            return;
        }

        var mapping = Hl7.Fhir.Model.ModelInfo.ModelInspector.FindOrImportClassMapping(node.GetType());
        IEnumerable<KeyValuePair<string, object>> elements;
        try
        {
            elements = node.EnumerateElements().ToList();
        }
        catch (Exception e) when (IsShapeError(e))
        {
            found.Add(path.Length == 0 ? node.TypeName : path);
            return;
        }

        foreach (var (name, value) in elements)
        {
            if (found.Count >= max)
            {
                return;
            }

            var at = path.Length == 0 ? name : $"{path}.{name}";
            if (mapping?.FindMappedElementByName(name)?.NativeProperty is not { } property)
            {
                continue; // an element R4 does not define here: not read, so not wrong
            }

            try
            {
                property.GetValue(node);
            }
            catch (System.Reflection.TargetInvocationException e) when (e.InnerException is { } inner && IsShapeError(inner))
            {
                found.Add(at); // an R4 element, shaped unlike R4: the property cannot give it
                continue;
            }

            switch (value)
            {
                case Base child:
                    Walk(child, at, found, max, depth + 1);
                    break;
                case IEnumerable<Base> children:
                    var i = 0;
                    foreach (var child in children)
                    {
                        Walk(child, $"{at}[{i++}]", found, max, depth + 1);
                    }

                    break;
            }
        }
    }
}
