using System.ComponentModel.DataAnnotations;

namespace NurtureHealth.Checks;

/// <summary>What <c>nurture check</c> holds the content to (<c>Nurture:Check</c>).</summary>
public sealed class ContentCheckOptions
{
    /// <summary>The most segments an SMS may take, rendered with a long sample name (default 2).</summary>
    [Range(1, 10, ErrorMessage = "Nurture:Check:SmsSegmentBudget must be between 1 and 10.")]
    public int SmsSegmentBudget { get; set; } = 2;

    /// <summary>
    /// Condition and specialty words that must not appear in an SMS body or an email subject (lock screens and inbox
    /// previews are seen by others), added to the built-in list and the group's service-line names.
    /// </summary>
    public List<string> SensitiveTerms { get; set; } = [];
}
