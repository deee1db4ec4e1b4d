using System.ComponentModel.DataAnnotations;

namespace NurtureHealth.Leads;

/// <summary>The folder the worker watches for lead files (<c>Nurture:Inbox</c>).</summary>
public sealed class InboxOptions
{
    /// <summary>Watch the inbox at all (default true).</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>The folder to watch (default <c>inbox</c>); files move to <c>processed/</c> or <c>rejected/</c> inside it.</summary>
    [Required(AllowEmptyStrings = false, ErrorMessage = "Nurture:Inbox:Path is required when the inbox is enabled.")]
    public string Path { get; set; } = "inbox";

    /// <summary>How often to look for new files (default 5 seconds). A file is taken once it is unchanged across two looks.</summary>
    [Range(typeof(TimeSpan), "00:00:00.050", "01:00:00", ErrorMessage = "Nurture:Inbox:PollInterval must be between 00:00:00.050 and 01:00:00.")]
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(5);
}
