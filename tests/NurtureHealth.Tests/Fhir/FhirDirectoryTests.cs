using Hl7.Fhir.Model;
using NurtureHealth.Fhir;

namespace NurtureHealth.Tests.Fhir;

/// <summary>How Location, PractitionerRole and Practitioner resources (real Firely objects) become what the sync compares.</summary>
public sealed class FhirDirectoryTests
{
    private static readonly FhirOptions Options = new()
    {
        SpecialtyCodes = new() { ["oral-surgery"] = ["http://nucc.org/provider-taxonomy|1223S0112X"] },
    };

    private static readonly SpecialtyMap Specialties = new(Options, new HashSet<string> { "dermatology", "oral-surgery", "prosthodontics" });

    [Theory]
    [InlineData("newpt", true)]
    [InlineData("nopt", false)]
    [InlineData("no", false)]
    [InlineData("existptonly", false)]
    [InlineData("existingptonly", false)]
    [InlineData("existptfam", false)]
    public void AcceptingNewPatients_PlanNetCode_IsRead(string code, bool accepting)
    {
        Assert.Equal(accepting, FhirDirectory.AcceptingNewPatients(Role(code)));
    }

    [Fact]
    public void AcceptingNewPatients_WithoutTheExtension_SaysNothing()
    {
        Assert.Null(FhirDirectory.AcceptingNewPatients(new PractitionerRole()));
    }

    [Fact]
    public void MapProvider_RolesAndPractitioner_GiveNameSpecialtiesLanguagesAndAcceptance()
    {
        var practitioner = new Practitioner
        {
            Name = [new HumanName { Given = ["Lucía"], Family = "Fernández", Suffix = ["MD"], Prefix = ["Dr."] }],
            Communication = [Concept("urn:ietf:bcp:47", "es-MX"), Concept("urn:ietf:bcp:47", "en"), Concept("urn:ietf:bcp:47", "es")],
        };
        var surgery = Role("nopt", Concept("http://nucc.org/provider-taxonomy", "1223S0112X"), Concept("http://snomed.info/sct", "394579002", "Cardiology"));
        var implants = Role("newpt", Concept("http://example.org/own-codes", "prosthodontics"));

        var provider = FhirDirectory.MapProvider("pr-1", practitioner, [surgery, implants], Specialties);

        Assert.Equal("Lucía Fernández, MD", provider.Name);
        Assert.Equal("Lucía Fernández", provider.IdName);
        Assert.Equal(["oral-surgery", "prosthodontics"], provider.Specialties);
        Assert.Equal(["es", "en"], provider.Languages);
        Assert.True(provider.AcceptingNewPatients); // one role here takes new patients
        Assert.Equal(["http://snomed.info/sct|394579002 (Cardiology)"], provider.UnmappedSpecialties);
    }

    [Fact]
    public void MapProvider_OnlyUnmappedSpecialtiesAndNoLanguages_LeavesThemUnsaid()
    {
        var provider = FhirDirectory.MapProvider("pr-2", new Practitioner { Name = [new HumanName { Text = "Sam Lee, DDS" }] },
            [Role(null, Concept("http://snomed.info/sct", "394579002"))], Specialties);

        Assert.Equal("Sam Lee, DDS", provider.Name);
        Assert.Equal("Sam Lee", provider.IdName);
        Assert.Null(provider.Specialties);
        Assert.Null(provider.Languages);
        Assert.Null(provider.AcceptingNewPatients);
    }

    [Fact]
    public void MapLocation_NormalisesThePhoneAndReadsStatusPositionAddressAndTimeZone()
    {
        var location = new Location
        {
            Id = "loc-1",
            Name = "Lakeshore Health — Pilsen",
            Status = Location.LocationStatus.Suspended,
            Position = new Location.PositionComponent { Latitude = 41.8577m, Longitude = -87.6601m },
            Address = new Address { Line = ["1800 S Blue Island Ave", "Suite 2"], City = "Chicago", State = "IL", PostalCode = "60608" },
            Telecom =
            [
                new ContactPoint(ContactPoint.ContactPointSystem.Phone, ContactPoint.ContactPointUse.Home, "(312) 555-0000"),
                new ContactPoint(ContactPoint.ContactPointSystem.Phone, ContactPoint.ContactPointUse.Work, "(312) 555-0177"),
            ],
            Identifier = [new Identifier("https://nurturehealth.example/fhir/location-id", "chicago-pilsen")],
        };
        location.SetExtension(FhirDirectory.TimeZoneExtension, new Code("America/Chicago"));

        var mapped = FhirDirectory.MapLocation(location);

        Assert.Equal("Lakeshore Health — Pilsen", mapped.Name);
        Assert.False(mapped.Active);
        Assert.Equal(41.8577m, mapped.Latitude);
        Assert.Equal("Suite 2", mapped.Line2);
        Assert.Equal("60608", mapped.PostalCode);
        Assert.Equal("+13125550177", mapped.Phone);
        Assert.Equal("America/Chicago", mapped.TimeZone);
        Assert.Equal([("https://nurturehealth.example/fhir/location-id", "chicago-pilsen")], mapped.Identifiers);
        Assert.Empty(mapped.Notes);
    }

    [Fact]
    public void MapLocation_UnusablePhone_IsNotSyncedAndSaysWhy()
    {
        var mapped = FhirDirectory.MapLocation(new Location
        {
            Id = "loc-2",
            Telecom = [new ContactPoint(ContactPoint.ContactPointSystem.Phone, null, "call the front desk")],
        });

        Assert.Null(mapped.Phone);
        Assert.Null(mapped.Active);
        Assert.StartsWith("telecom phone 'call the front desk' is not a usable number", Assert.Single(mapped.Notes));
    }

    [Theory]
    [InlineData("Location/abc", "abc")]
    [InlineData("https://ehr.example.org/fhir/Location/abc/_history/3", "abc")]
    [InlineData("Practitioner/abc", null)]
    [InlineData(null, null)]
    public void ReferenceId_ReadsRelativeAndAbsoluteReferences(string? reference, string? id)
    {
        Assert.Equal(id, NurtureHealth.Leads.FhirReference.IdOf(reference, "Location"));
    }

    private static PractitionerRole Role(string? accepting, params CodeableConcept[] specialties)
    {
        var role = new PractitionerRole { Specialty = [.. specialties] };
        if (accepting is not null)
        {
            role.Extension.Add(new Extension
            {
                Url = FhirDirectory.NewPatientsExtension,
                Extension = [new Extension("acceptingPatients", Concept("http://hl7.org/fhir/us/davinci-pdex-plan-net/CodeSystem/AcceptingPatientsCS", accepting))],
            });
        }

        return role;
    }

    private static CodeableConcept Concept(string system, string code, string? display = null) => new(system, code, display, null);
}
