using Microsoft.Extensions.Time.Testing;
using NurtureHealth.Leads;
using NurtureHealth.Locations;

namespace NurtureHealth.Tests.Leads;

public sealed class LeadValidatorTests
{
    private static readonly ClinicGroup Group = Some.ShippedGroup;
    private readonly LeadValidator _validator = new(Group, new FakeTimeProvider(Some.Now));

    public static TheoryData<string, string?, string, string, string> Rejections => new()
    {
        // field, bad value, reported field, code, message
        { "id", null, "id", "missing-field", "id is required: each lead needs the id its source system gave it" },
        { "id", "web 0001", "id", "invalid-id", "id must be at most 128 characters with no spaces, control or invisible characters" },
        { "submitted_at", null, "submitted_at", "missing-field", "submitted_at is required (ISO 8601, such as 2026-11-20T15:04:05Z)" },
        { "submitted_at", "20/11/2026", "submitted_at", "invalid-timestamp", "submitted_at is not an ISO 8601 timestamp with a time zone, such as 2026-11-20T15:04:05Z or 2026-11-20T09:04:05-06:00" },
        { "submitted_at", "2026-11-20T15:04:05", "submitted_at", "invalid-timestamp", "submitted_at is not an ISO 8601 timestamp with a time zone, such as 2026-11-20T15:04:05Z or 2026-11-20T09:04:05-06:00" },
        { "submitted_at", "2026-11-23T15:30:00Z", "submitted_at", "invalid-timestamp", "submitted_at is in the future (more than 15 minutes ahead of this server's clock)" },
        { "source", null, "source", "missing-field", "source is required" },
        { "source", "tv-ad", "source", "unknown-source", "source 'tv-ad' is not a lead source of the group; known: web-form, guide-download, ad-click, webinar-signup" },
        { "service_line", null, "service_line", "missing-field", "service_line is required" },
        { "service_line", "dermatolgy", "service_line", "unknown-service-line", "service_line 'dermatolgy' is not a service line of the group; did you mean 'dermatology'?" },
        { "service_line", "podiatry", "service_line", "unknown-service-line", "service_line 'podiatry' is not a service line of the group; known: dermatology, cosmetic-dermatology, dental-implants, clear-aligners" },
        { "interest", new string('x', 201), "interest", "invalid-interest", "interest must be at most 200 characters of plain text (no control or invisible characters)" },
        { "first_name", null, "first_name", "missing-field", "first_name is required: messages greet the patient by name" },
        { "first_name", "12345", "first_name", "invalid-name", "first_name does not look like a name (it has no letters, holds an email address or control characters)" },
        { "first_name", "maria@example.com", "first_name", "invalid-name", "first_name does not look like a name (it has no letters, holds an email address or control characters)" },
        { "last_name", new string('a', 101), "last_name", "invalid-name", "last_name is longer than 100 characters" },
        { "email", "maria.example.com", "email", "invalid-email", "email is not a valid address: it needs exactly one @ between a name and a domain" },
        { "email", "ma ria@example.com", "email", "invalid-email", "email is not a valid address: the part before the @ has spaces or characters an address cannot hold" },
        { "email", "maria@localhost", "email", "invalid-email", "email is not a valid address: the domain after the @ is not a valid host name (such as example.com)" },
        { "phone", "555-01", "phone", "invalid-phone", "phone is not a valid number: it has too few digits (a US number has 10)" },
        { "phone", "(312) 123-4567", "phone", "invalid-phone", "phone is not a valid number: no such area code or exchange" },
        { "phone", "312 555 0100 0100 0100", "phone", "invalid-phone", "phone is not a valid number: it has too many digits" },
        { "phone", "call me", "phone", "invalid-phone", "phone is not a valid number: it is not a phone number" },
        { "postal_code", "6061", "postal_code", "invalid-postal-code", "postal_code must be a US ZIP of 5 digits (or ZIP+4 such as 60614-1234); a leading zero may have been lost in a spreadsheet" },
        { "lat", "41.9", "lat", "invalid-coordinates", "lat must lie between -90 and 90 and lon between -180 and 180 (are they swapped?)" },
        { "language", "1234", "language", "invalid-language", "language '1234' is not a BCP-47 language tag such as en, es or es-MX" },
        { "preferred_location", "lincoln-prak", "preferred_location", "unknown-location", "preferred_location 'lincoln-prak' is not a location of the group" },
        { "preferred_location", "chicago-lincoln-prak", "preferred_location", "unknown-location", "preferred_location 'chicago-lincoln-prak' is not a location of the group; did you mean 'chicago-lincoln-park'?" },
        { "consent.sms_text", null, "consent.sms_text", "invalid-consent", "consent.sms is true but consent.sms_text (the wording the patient agreed to) is missing; SMS consent must be provable" },
        { "consent.email", "maybe", "consent.email", "invalid-consent", "consent.email must be true or false, not 'maybe'" },
        { "consent.at", "yesterday", "consent.at", "invalid-timestamp", "consent.at is not an ISO 8601 timestamp with a time zone, such as 2026-11-20T15:04:05Z or 2026-11-20T09:04:05-06:00" },
    };

    [Theory]
    [MemberData(nameof(Rejections))]
    public void Validate_BadField_RejectsWithTheFieldCodeAndMessage(string field, string? value, string reportedField, string code, string message)
    {
        var draft = field == "lat" ? Some.Draft(("lat", "-87.65"), ("lon", "41.9")) : Some.Draft((field, value));
        if (field == "lat")
        {
            draft["lat"] = "141.9";
            draft["lon"] = "-87.65";
        }

        Assert.Null(_validator.Validate(draft, 7, out var errors));

        var error = Assert.Single(errors);
        Assert.Equal(reportedField, error.Field);
        Assert.Equal(code, error.Code);
        Assert.Equal(message, error.Message);
    }

    [Fact]
    public void Validate_NeitherEmailNorPhone_RejectsAsUnreachable()
    {
        Assert.Null(_validator.Validate(Some.Draft(("email", null), ("phone", null)), 1, out var errors));

        Assert.Equal(new LeadFieldError("email", "no-contact", "the record has neither email nor phone, so the patient cannot be reached"), Assert.Single(errors));
    }

    [Theory]
    [InlineData("41.9", null, "lon", "lat and lon must be given together, or both left empty")]
    [InlineData("north", "-87.6", "lat", "lat and lon must be decimal degrees such as 41.92 and -87.65")]
    [InlineData("0", "0", "lat", "lat 0, lon 0 is a placeholder, not a position; leave both empty instead")]
    public void Validate_BadCoordinates_RejectsWithAReason(string? lat, string? lon, string field, string message)
    {
        Assert.Null(_validator.Validate(Some.Draft(("lat", lat), ("lon", lon)), 1, out var errors));

        Assert.Equal(new LeadFieldError(field, "invalid-coordinates", message), Assert.Single(errors));
    }

    [Fact]
    public void Validate_WrongShapeFromJson_RejectsAsWrongType()
    {
        var draft = Some.Draft(("email", null));
        draft.MarkWrongType("email");

        Assert.Null(_validator.Validate(draft, 1, out var errors));

        Assert.Equal(new LeadFieldError("email", "wrong-type", "email must be a single value, not an object or a list"), Assert.Single(errors));
    }

    [Fact]
    public void Validate_SeveralProblems_ReportsEveryOne()
    {
        Assert.Null(_validator.Validate(Some.Draft(("email", "bad"), ("phone", "1"), ("source", "tv")), 1, out var errors));

        Assert.Equal(["unknown-source", "invalid-email", "invalid-phone"], errors.Select(e => e.Code));
    }

    [Fact]
    public void Validate_GoodRecord_IsNormalised()
    {
        var lead = _validator.Validate(Some.Draft(
            ("email", "  Maria.Lopez@Example.COM "), ("phone", "312.555.0100"), ("first_name", "MARIA"), ("last_name", "de la cruz"),
            ("language", "Spanish"), ("postal_code", "606141234"), ("source", "Guide Download"), ("service_line", "Dermatology"),
            ("interest", "  dry   skin \n on hands "), ("submitted_at", "2026-11-20T09:04:05-06:00"), ("consent.at", null)), 3, out var errors)!;

        Assert.Empty(errors);
        Assert.Equal("maria.lopez@example.com", lead.Email);
        Assert.Equal("+13125550100", lead.Phone);
        Assert.Equal("Maria", lead.FirstName);
        Assert.Equal("De La Cruz", lead.LastName);
        Assert.Equal("es", lead.Language);
        Assert.Equal("60614-1234", lead.PostalCode);
        Assert.Equal("guide-download", lead.Source);
        Assert.Equal("dermatology", lead.ServiceLine);
        Assert.Equal("dry skin on hands", lead.Interest);
        Assert.Equal(new DateTimeOffset(2026, 11, 20, 15, 4, 5, TimeSpan.Zero), lead.SubmittedAt);
        Assert.Equal(lead.SubmittedAt, lead.Consent.At);
        Assert.True(lead.Consent.Sms);
        Assert.Equal("maria.lopez@example.com", lead.ContactKey);
        Assert.Equal(3, lead.Line);
    }

    [Theory]
    [InlineData("(312) 555-0100")]
    [InlineData("312-555-0100")]
    [InlineData("+1 312 555 0100")]
    [InlineData("3125550100")]
    [InlineData("1 (312) 555-0100")]
    public void Validate_UsPhoneInAnyCommonFormat_BecomesE164(string phone)
    {
        Assert.Equal("+13125550100", _validator.Validate(Some.Draft(("phone", phone)), 1, out _)!.Phone);
    }

    [Fact]
    public void Validate_NoLanguage_DefaultsToEnglish()
    {
        Assert.Equal("en", _validator.Validate(Some.Draft(("language", null)), 1, out _)!.Language);
    }

    [Fact]
    public void Validate_LeadWithOnlyAPhone_IsKeyedByThePhone()
    {
        Assert.Equal("+13125550100", _validator.Validate(Some.Draft(("email", null)), 1, out _)!.ContactKey);
    }

    [Fact]
    public void Validate_SmsNotConsented_KeepsNoConsentText()
    {
        var lead = _validator.Validate(Some.Draft(("consent.sms", "false")), 1, out _)!;

        Assert.False(lead.Consent.Sms);
        Assert.Null(lead.Consent.SmsText);
    }

    [Fact]
    public void Validate_Messages_NeverQuoteThePatientsPersonalData()
    {
        var personal = new[] { "Zelda Quixote-Abernathy", "zelda.q@example", "(312) 555-01", "6061X", "41.9x" };
        var draft = Some.Draft(("first_name", "Zelda 99 @ Quixote-Abernathy"), ("email", "zelda.q@example"), ("phone", "(312) 555-01"),
            ("postal_code", "6061X"), ("lat", "41.9x"), ("lon", "-87.6"));

        _validator.Validate(draft, 1, out var errors);

        Assert.Equal(5, errors.Count);
        foreach (var error in errors)
        {
            Assert.DoesNotContain(personal, p => error.Message.Contains(p, StringComparison.OrdinalIgnoreCase));
            Assert.DoesNotContain("Zelda", error.Message, StringComparison.Ordinal);
        }
    }
}
