using NurtureHealth.Leads;

namespace NurtureHealth.Tests.Fhir;

public sealed class FhirReferenceTests
{
    private const string Server = "https://ehr.example.org/fhir/R4";

    [Theory]
    [InlineData("Patient/123", "123")]
    [InlineData("Patient/123/_history/4", "123")]
    [InlineData("https://ehr.example.org/fhir/R4/Patient/123", "123")]
    [InlineData("https://EHR.example.org/fhir/R4/Patient/123/_history/2", "123")]
    [InlineData("https://ehr.example.org/fhir/R4/Patient/123/", "123")]
    public void IdOf_RelativeOrAbsoluteOnThisServer_IsTheId(string reference, string id)
    {
        Assert.Equal(id, FhirReference.IdOf(reference, "Patient", Server, out var problem));
        Assert.Null(problem);
    }

    [Theory]
    [InlineData("https://other.example.org/fhir/Patient/123", "refers to another server (https://other.example.org)")]
    [InlineData("#p1", "is to a contained resource")]
    [InlineData("Group/7", "refers to a Group, not a Patient")]
    [InlineData("123", "is not a reference to a Patient")]
    [InlineData("a/b/Patient/123", "is not a reference to a Patient")]
    [InlineData("Patient?identifier=http://hospital.example/mrn|123456", "is not a reference to a Patient")]
    [InlineData("", "there is no reference to a Patient")]
    public void IdOf_AnythingElse_IsNoIdAndSaysWhy(string reference, string why)
    {
        Assert.Null(FhirReference.IdOf(reference, "Patient", Server, out var problem));
        Assert.Contains(why, problem, StringComparison.Ordinal);
        Assert.DoesNotContain("123456", problem, StringComparison.Ordinal); // never quoted: a conditional reference can hold an MRN
    }

    [Fact]
    public void IdOf_WithoutAServerBase_AcceptsAnAbsoluteReference()
    {
        Assert.Equal("9", FhirReference.IdOf("https://anywhere.example/fhir/Practitioner/9", "Practitioner"));
    }
}
