using PhoneNumbers;

namespace NurtureHealth.Leads;

/// <summary>Normalises a phone number to E.164 with libphonenumber; numbers without a country code are read as US.</summary>
internal static class PhoneNumber
{
    private const string DefaultRegion = "US";
    private static readonly PhoneNumberUtil Util = PhoneNumberUtil.GetInstance();

    public static string? Normalize(string? value, List<LeadFieldError> errors)
    {
        if (value is null)
        {
            return null;
        }

        PhoneNumbers.PhoneNumber number;
        try
        {
            number = Util.Parse(value, DefaultRegion);
        }
        catch (NumberParseException e)
        {
            errors.Add(Invalid(e.ErrorType switch
            {
                ErrorType.INVALID_COUNTRY_CODE => "its country code is not known",
                ErrorType.TOO_SHORT_NSN or ErrorType.TOO_SHORT_AFTER_IDD => "it has too few digits",
                ErrorType.TOO_LONG => "it has too many digits",
                _ => "it is not a phone number",
            }));
            return null;
        }

        if (!Util.IsValidNumber(number))
        {
            errors.Add(Invalid(Util.IsPossibleNumberWithReason(number) switch
            {
                PhoneNumberUtil.ValidationResult.TOO_SHORT => "it has too few digits (a US number has 10)",
                PhoneNumberUtil.ValidationResult.TOO_LONG => "it has too many digits (a US number has 10)",
                PhoneNumberUtil.ValidationResult.INVALID_COUNTRY_CODE => "its country code is not known",
                _ => "no such area code or exchange",
            }));
            return null;
        }

        return Util.Format(number, PhoneNumberFormat.E164);
    }

    private static LeadFieldError Invalid(string why) => new("phone", "invalid-phone", $"phone is not a valid number: {why}");
}
