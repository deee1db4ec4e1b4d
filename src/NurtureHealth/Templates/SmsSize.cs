namespace NurtureHealth.Templates;

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
