namespace NurtureHealth.Privacy;

/// <summary>
/// How long personal data is kept (<c>Nurture:Retention</c>); the daily retention job purges what is older. Zero keeps
/// that kind of data for ever.
/// </summary>
public sealed class RetentionOptions
{
    /// <summary>Whether the daily job runs (default true).</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>Days a rejected lead or event line keeps its raw bytes (default 30); its reason, line and field stay.</summary>
    public int RejectedRecordDays { get; set; } = 30;

    /// <summary>
    /// Days after a person's last enrollment ended (and no lead came since) that their name, email, phone, postal code
    /// and interest are erased (default 365); what the report counts stays.
    /// </summary>
    public int EndedEnrollmentDays { get; set; } = 365;

    /// <summary>Days a message stays in the file outbox (default 30).</summary>
    public int OutboxDays { get; set; } = 30;
}
