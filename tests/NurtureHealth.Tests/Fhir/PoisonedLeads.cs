using System.Text.Json.Nodes;

namespace NurtureHealth.Tests.Fhir;

/// <summary>
/// A FHIR Bundle of leads with two poisoned among good ones, as EHR exports are: a ServiceRequest whose <c>code</c> is an
/// array (R4 allows one), and a Patient whose <c>name</c> is an object (R4 wants a list) holding a name that must not leak.
/// </summary>
internal static class PoisonedLeads
{
    /// <summary>The lead ids that must be imported.</summary>
    public static readonly List<string> Good = ["fhir-sr-sr-1", "fhir-sr-sr-2"];

    /// <summary>A name that appears only in the poisoned Patient: no error may quote it.</summary>
    public const string Secret = "Secretname";

    public static string Bundle()
    {
        JsonObject Patient(string id) => JsonNode.Parse($$"""
            {"resourceType":"Patient","id":"{{id}}","name":[{"use":"official","given":["Maria"],"family":"Lopez"}],
             "telecom":[{"system":"email","value":"{{id}}@example.com"}],"address":[{"use":"home","postalCode":"60614"}]}
            """)!.AsObject();
        JsonObject Request(string id, string patient) => JsonNode.Parse($$"""
            {"resourceType":"ServiceRequest","id":"{{id}}","status":"active","intent":"proposal","subject":{"reference":"Patient/{{patient}}"},
             "code":{"coding":[{"system":"https://nurturehealth.example/fhir/service-line","code":"dermatology"}],"text":"Acne scarring"},
             "authoredOn":"2026-11-20T15:00:00Z"}
            """)!.AsObject();

        var code = Request("sr-code", "p-1");
        code["code"] = new JsonArray(code["code"]!.DeepClone());
        var name = Patient("p-name");
        name["name"] = new JsonObject { ["family"] = Secret, ["given"] = new JsonArray(Secret) };
        JsonObject[] resources = [Patient("p-1"), Request("sr-1", "p-1"), code, name, Request("sr-name", "p-name"), Request("sr-2", "p-1")];
        return new JsonObject
        {
            ["resourceType"] = "Bundle",
            ["type"] = "collection",
            ["entry"] = new JsonArray(resources.Select(r => (JsonNode)new JsonObject { ["resource"] = r }).ToArray()),
        }.ToJsonString();
    }
}
