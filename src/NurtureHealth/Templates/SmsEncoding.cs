namespace NurtureHealth.Templates;

/// <summary>How an SMS body is encoded on the wire.</summary>
public enum SmsEncoding
{
    /// <summary>The GSM 03.38 7-bit alphabet: 160 characters, or 153 per part when split.</summary>
    Gsm7,

    /// <summary>UCS-2 (UTF-16): 70 characters, or 67 per part. One character outside GSM-7 forces it for the whole message.</summary>
    Ucs2,
}
