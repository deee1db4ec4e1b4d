using System.ComponentModel.DataAnnotations;

namespace NurtureHealth.Messaging.Outbox;

/// <summary>The file outbox, the embedded default sender (<c>Nurture:Outbox</c>).</summary>
public sealed class OutboxOptions
{
    /// <summary>The folder: emails go to <c>email/&lt;touch&gt;.eml</c>, SMS to one line each in <c>sms.ndjson</c> (default <c>outbox</c>).</summary>
    [Required(AllowEmptyStrings = false, ErrorMessage = "Nurture:Outbox:Path is required: the folder the file outbox writes to.")]
    public string Path { get; set; } = "outbox";

    /// <summary>
    /// Whether a worker whose email or SMS goes to the file outbox may report ready (default false: <c>/health/ready</c>
    /// is Unhealthy, since no patient receives those messages). Set it for a pilot or a dry run that means it.
    /// </summary>
    public bool AllowedInProduction { get; set; }
}
