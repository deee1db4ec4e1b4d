namespace NurtureHealth.Templates;

/// <summary>How an SMS body is encoded on the wire.</summary>
public enum SmsEncoding
{
    /// <summary>The GSM 03.38 7-bit alphabet: 160 characters, or 153 per part when split.</summary>
    Gsm7,

    /// <summary>UCS-2 (UTF-16): 70 characters, or 67 per part. One character outside GSM-7 forces it for the whole message.</summary>
    Ucs2,
}

/// <summary>An SMS body's encoding, its length in that encoding, and how many parts (segments) it is billed and sent as.</summary>
/// <param name="Encoding">GSM-7 or UCS-2.</param>
/// <param name="Length">Septets for GSM-7 (extension characters count 2), UTF-16 code units for UCS-2 (an emoji counts 2).</param>
/// <param name="Segments">Parts the message is sent as.</param>
/// <param name="FirstNonGsmCharacter">For UCS-2, the first character that forced it (a curly quote, an accented letter, an emoji).</param>
public sealed record SmsSize(SmsEncoding Encoding, int Length, int Segments, string? FirstNonGsmCharacter)
{
    /// <summary>Measures a body.</summary>
    public static SmsSize Of(string body)
    {
        var septets = 0;
        foreach (var rune in body.EnumerateRunes())
        {
            if (rune.IsBmp && Basic.Contains((char)rune.Value))
            {
                septets++;
            }
            else if (rune.IsBmp && Extension.Contains((char)rune.Value))
            {
                septets += 2;
            }
            else
            {
                var units = body.Length;
                return new SmsSize(SmsEncoding.Ucs2, units, units <= 70 ? 1 : (units + 66) / 67, rune.ToString());
            }
        }

        return new SmsSize(SmsEncoding.Gsm7, septets, septets <= 160 ? 1 : (septets + 152) / 153, null);
    }

    // GSM 03.38 default alphabet (without the escape code) and its extension table.
    private const string Basic =
        "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà";

    private const string Extension = "^{}\\[~]|€\f";
}
