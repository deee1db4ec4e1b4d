namespace NurtureHealth.HandOffs;

/// <summary>Why a patient was handed to staff (<see cref="HandOff.Reason"/>, and the code of a FHIR Task).</summary>
public static class HandOffReason
{
    /// <summary>The score crossed <see cref="HandOffOptions.AtScore"/>.</summary>
    public const string Score = "score";

    /// <summary>A booking-link click with no booking <see cref="HandOffOptions.HotLeadAfter"/> later.</summary>
    public const string HotLead = "hot-lead";

    /// <summary>The patient texted back something other than a keyword.</summary>
    public const string SmsReply = "sms-reply";

    /// <summary>The patient asked by text to reschedule a booked appointment ("R"): staff call them; reminders go on meanwhile.</summary>
    public const string Reschedule = "reschedule";
}
