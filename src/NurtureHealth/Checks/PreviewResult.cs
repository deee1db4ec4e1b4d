using NurtureHealth.Locations;
using NurtureHealth.Sequences;
using NurtureHealth.Templates;
using NurtureHealth.Touches;

namespace NurtureHealth.Checks;

/// <summary>A message exactly as a patient would get it, and the files it came from.</summary>
public sealed record PreviewResult(
    Location Location,
    Sequence Sequence,
    SequenceStep Step,
    string Language,
    Channel Channel,
    IReadOnlyList<PreviewPart> Parts,
    RenderedEmail? Email,
    string? Sms,
    SmsSize? SmsSize,
    IReadOnlyList<string> OtherTemplates,
    string? ProviderName);
