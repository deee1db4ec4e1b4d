using System.ComponentModel.DataAnnotations;

namespace NurtureHealth.Templates;

/// <summary>Where the group's sequences and templates live (<c>Nurture:Templates</c>).</summary>
public sealed class TemplatesOptions
{
    /// <summary>The folder holding one folder per sequence and <c>_layouts/</c> (default <c>templates</c>).</summary>
    [Required(AllowEmptyStrings = false, ErrorMessage = "Nurture:Templates:Path is required: the folder holding the sequences and templates.")]
    public string Path { get; set; } = "templates";
}
