using NurtureHealth.Templates;

namespace NurtureHealth.Messaging;

/// <summary>
/// A message as the patient gets it, before any address or link is real: an email inside its layout, or a text with the
/// first text's rules applied (<see cref="MessageComposer.Compose"/>). Dispatch sends it; the preview shows it.
/// </summary>
/// <param name="Email">The email's subject, preheader, HTML and text; null for a text.</param>
/// <param name="Layout">The shared layout around the email.</param>
/// <param name="SmsBody">The text's body as sent; null for an email.</param>
/// <param name="SmsSize">Its encoding and parts.</param>
/// <param name="OptOutAdded">True when the first text's rules added the brand or the opt-out line the template lacked.</param>
public sealed record ComposedMessage(RenderedEmail? Email, EmailLayout? Layout, string? SmsBody, SmsSize? SmsSize, bool OptOutAdded);
