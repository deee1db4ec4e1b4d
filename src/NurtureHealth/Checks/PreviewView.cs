namespace NurtureHealth.Checks;

// The model Views/preview.liquid draws.

/// <summary>
/// The whole preview page. With <c>FilesHaveErrors</c> only the findings are shown. <c>Problem</c> says why the chosen
/// preview cannot be made (an unknown step, say), or is empty and <c>Message</c> is set. <c>Findings</c> are the check's
/// findings for the files the chosen location uses.
/// </summary>
internal sealed record PreviewView(bool FilesHaveErrors, IReadOnlyList<PickerView> Pickers, string Problem, PreviewMessageView? Message, string SampleFirstName,
    IReadOnlyList<FindingView> Findings);

/// <summary>One list of the form: <c>&lt;select name="Name" id="Name"&gt;</c>.</summary>
internal sealed record PickerView(string Name, string Label, IReadOnlyList<PickerOptionView> Options);

/// <summary>One choice in a list.</summary>
internal sealed record PickerOptionView(string Value, string Text, bool Selected);

/// <summary>
/// The message as the patient gets it, and the files it came from. <c>OtherTemplates</c> lists the step's other versions
/// (by branch or A/B test), or is empty. An email has <c>IsEmail</c> and <c>Email</c>; a text has <c>Sms</c>.
/// </summary>
internal sealed record PreviewMessageView(string Location, string Sequence, int StepNumber, string Step, string Language, IReadOnlyList<PreviewPart> Parts,
    string OtherTemplates, bool IsEmail, PreviewEmailView? Email, PreviewSmsView? Sms);

/// <summary>An email: <c>Html</c> is the whole message, for the sandboxed frame's <c>srcdoc</c>.</summary>
internal sealed record PreviewEmailView(string Subject, string Preheader, string Html);

/// <summary>A text: <c>Ucs2</c> when it goes as UCS-2 (70 characters a part) because of <c>FirstNonGsmCharacter</c>, else GSM-7.</summary>
internal sealed record PreviewSmsView(string Text, int Segments, int Length, bool Ucs2, string FirstNonGsmCharacter);

/// <summary>One finding: <c>Kind</c> (<c>error</c> or <c>warning</c>) is its class and first word; <c>Place</c> is <c>FILE:LINE:COLUMN</c>.</summary>
internal sealed record FindingView(string Kind, string Place, string Message);
