namespace NurtureHealth.Touches;

/// <summary>How a touch reaches the patient.</summary>
public enum Channel
{
    /// <summary>Email (MIME: HTML and plain text).</summary>
    Email,

    /// <summary>Text message.</summary>
    Sms,
}
