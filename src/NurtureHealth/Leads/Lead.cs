namespace NurtureHealth.Leads;

/// <summary>A stored lead: the normalised record, the contact it belongs to, and where it was placed.</summary>
public sealed class Lead
{
    public long Id { get; set; }
    public string ExternalId { get; set; } = "";
    public long ImportId { get; set; }
    public int Line { get; set; }
    public long ContactId { get; set; }
    public DateTimeOffset SubmittedAt { get; set; }
    public string Source { get; set; } = "";
    public string ServiceLine { get; set; } = "";
    public string? Interest { get; set; }
    public string FirstName { get; set; } = "";
    public string? LastName { get; set; }
    public string? Email { get; set; }
    public string? Phone { get; set; }
    public string? PostalCode { get; set; }
    public double? Lat { get; set; }
    public double? Lon { get; set; }
    public string Language { get; set; } = "en";
    public string? PreferredLocation { get; set; }
    public bool? ConsentEmail { get; set; }
    public bool ConsentSms { get; set; }
    public string? ConsentSmsText { get; set; }
    public DateTimeOffset? ConsentAt { get; set; }

    /// <summary><c>resolved</c> or <c>unresolved</c>.</summary>
    public string Status { get; set; } = "";
    public string? LocationId { get; set; }
    public string? ProviderId { get; set; }
    public double? DistanceKm { get; set; }

    /// <summary>For unresolved leads, the reason code (<c>beyond-max-distance</c>).</summary>
    public string? UnresolvedReason { get; set; }

    /// <summary>Why, in words: the unresolved reason, or a note on a resolved lead (no provider speaks the language).</summary>
    public string? ResolutionNote { get; set; }
    public DateTimeOffset ImportedAt { get; set; }

    /// <summary>What enrollment made of the lead: enrolled, already-enrolled, not-placed, no-sequence; null until considered.</summary>
    public string? EnrollmentOutcome { get; set; }

    /// <summary>Where the lead came from in another system (a FHIR <c>Patient/123</c>), when it did.</summary>
    public string? SourceReference { get; set; }
    public long? EnrollmentId { get; set; }
}
