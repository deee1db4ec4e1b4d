namespace NurtureHealth.Templates;

/// <summary>A rendered SMS: its body, encoding and segment count, and the file that made it.</summary>
public sealed record RenderedSms(string Body, SmsSize Size, MessageTemplate Template);
