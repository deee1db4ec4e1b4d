using System.ComponentModel.DataAnnotations;

namespace NurtureHealth.Sequences;

/// <summary>Enrollment and exits (<c>Nurture:Sequences</c>).</summary>
public sealed class SequencingOptions
{
    /// <summary>Leave a sequence as disengaged after this many touches in a row with no open, click or reply, when the sequence does not say (default 4).</summary>
    [Range(1, 50, ErrorMessage = "Nurture:Sequences:DisengageAfter must be between 1 and 50.")]
    public int DisengageAfter { get; set; } = 4;
}
