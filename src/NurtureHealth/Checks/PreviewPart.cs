namespace NurtureHealth.Checks;

/// <summary>One file a preview was made from, and what it contributed.</summary>
/// <param name="Part">What it gave: the message, the email layout, the location's details.</param>
/// <param name="File">The file, as <c>nurture check</c> names it.</param>
/// <param name="Source">Where it sits: "this location's own version", "the group's template", "shared by the group".</param>
public sealed record PreviewPart(string Part, string File, string Source);
