namespace NurtureHealth.Touches;

/// <summary>
/// One planned step for one enrollment: a message on a channel, or a wait. Its life is <see cref="TouchStatus"/>; the
/// changes below are the only ways to move it, and each refuses a move its state does not allow. Planning (Sequences)
/// creates touches, dispatch (Messaging) settles them; both speak of them only through this type.
/// </summary>
public sealed class Touch
{
    public long Id { get; set; }
    public long EnrollmentId { get; set; }
    public long ContactId { get; set; }
    public int StepIndex { get; set; }
    public string StepId { get; set; } = "";

    /// <summary>Send or wait.</summary>
    public StepKind Kind { get; set; } = StepKind.Send;

    /// <summary>The channel a send goes out on; null for a wait.</summary>
    public Channel? Channel { get; set; }

    public string Stage { get; set; } = "";
    public string LocationId { get; set; } = "";

    /// <summary>When it is due: already moved into the location's send window and held to the frequency cap.</summary>
    public DateTimeOffset DueAt { get; set; }

    /// <summary>
    /// A care communication (an appointment confirmation or reminder), not marketing: the frequency caps neither hold it
    /// nor count it. It still needs the channel's consent.
    /// </summary>
    public bool Care { get; set; }

    /// <summary>For a reminder: the appointment start it is for. Nothing is sent at or after it.</summary>
    public DateTimeOffset? NotAfter { get; set; }

    public TouchStatus Status { get; set; } = TouchStatus.Scheduled;
    public string? LeaseOwner { get; set; }
    public DateTimeOffset? LeaseUntil { get; set; }
    public int Attempts { get; set; }
    public DateTimeOffset? SendingAt { get; set; }
    public DateTimeOffset? SentAt { get; set; }

    /// <summary>Why it was skipped, cancelled, deferred, failed or is uncertain.</summary>
    public string? Outcome { get; set; }

    /// <summary>The sender's id for the message: the Message-ID of an email, the SID of an SMS.</summary>
    public string? ProviderMessageId { get; set; }
    public string? Subject { get; set; }
    public string? SmsEncoding { get; set; }
    public int? SmsSegments { get; set; }

    /// <summary>What the channel reported afterwards: queued, sent, delivered, undelivered, failed.</summary>
    public string? DeliveryStatus { get; set; }

    /// <summary>The channel's error code for a delivery that failed (Twilio 30003…).</summary>
    public string? DeliveryError { get; set; }

    /// <summary>For a wait: when it times out (an event can make the touch due earlier).</summary>
    public DateTimeOffset? WaitDeadline { get; set; }

    /// <summary>The template it sends, decided by its sequence when it fell due (a branch, a variant); set while Ready and after.</summary>
    public string? Template { get; set; }

    /// <summary>The A/B variant of the step this patient gets, when the step has variants.</summary>
    public string? Variant { get; set; }

    /// <summary>
    /// The scheduler's booking links of the slots the message offered, one a line, in order (empty line: that slot had
    /// none); where its slot buttons lead. Null when it offered no slot with a link.
    /// </summary>
    public string? SlotLinks { get; set; }

    /// <summary>Provenance: the template file and its SHA-256.</summary>
    public string? TemplatePath { get; set; }
    public string? TemplateHash { get; set; }

    /// <summary>Provenance of an email: the shared layout (<c>templates/_layouts/email.LANG.html</c>, with its .txt) and the SHA-256 of both.</summary>
    public string? LayoutPath { get; set; }
    public string? LayoutHash { get; set; }

    /// <summary>Provenance: the git commit of the templates folder when it was loaded (<c>-modified</c> with uncommitted changes), or null.</summary>
    public string? ContentCommit { get; set; }
    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>The states an exit cancels: not started yet.</summary>
    public static readonly IReadOnlyList<TouchStatus> NotStarted = [TouchStatus.Scheduled, TouchStatus.Ready, TouchStatus.Claimed];

    /// <summary>True while nothing has settled it: scheduled, ready, claimed or being sent.</summary>
    public bool Pending => Status is TouchStatus.Scheduled or TouchStatus.Ready or TouchStatus.Claimed or TouchStatus.Sending;

    /// <summary>Its sequence decided what it sends: <paramref name="template"/>, now.</summary>
    public void Prepare(string template)
    {
        Move([TouchStatus.Scheduled], TouchStatus.Ready, null);
        Template = template;
    }

    /// <summary>Not sent, on purpose (a condition, no channel, a wait that ended), before or when it was due.</summary>
    public void Skip(string why) => Move([TouchStatus.Scheduled, TouchStatus.Claimed], TouchStatus.Skipped, why);

    /// <summary>The enrollment ended before it went.</summary>
    public void Cancel(string why) => Move([TouchStatus.Scheduled, TouchStatus.Ready, TouchStatus.Claimed], TouchStatus.Cancelled, why);

    /// <summary>
    /// Not yet (outside the window, over a cap, still waiting): back to the queue for <paramref name="until"/>. What its
    /// sequence decided is forgotten: it decides again when the touch falls due again.
    /// </summary>
    public void Defer(DateTimeOffset until, string why)
    {
        Move([TouchStatus.Scheduled, TouchStatus.Claimed], TouchStatus.Scheduled, why);
        (DueAt, LeaseOwner, LeaseUntil, Template) = (until, null, null, null);
    }

    /// <summary>Its send is starting (the database was told first).</summary>
    public void StartSending(DateTimeOffset at)
    {
        Move([TouchStatus.Claimed], TouchStatus.Sending, Outcome);
        SendingAt = at;
    }

    /// <summary>The channel took it (<paramref name="note"/>: how we know, when it is not the channel's own answer).</summary>
    public void Sent(DateTimeOffset at, string? providerMessageId, string? note = null)
    {
        Move([TouchStatus.Sending], TouchStatus.Sent, note);
        (SentAt, ProviderMessageId, LeaseOwner, LeaseUntil) = (at, providerMessageId, null, null);
    }

    /// <summary>It may have gone and nobody can tell: never sent again.</summary>
    public void BecomeUncertain(string why)
    {
        Move([TouchStatus.Sending], TouchStatus.Uncertain, why);
        (LeaseOwner, LeaseUntil) = (null, null);
    }

    /// <summary>Provably not sent, may work later: one more attempt, due <paramref name="at"/> (its sequence decides again then).</summary>
    public void Retry(DateTimeOffset at, string why)
    {
        Move([TouchStatus.Sending], TouchStatus.Scheduled, why);
        Attempts++;
        (DueAt, SendingAt, LeaseOwner, LeaseUntil, Template) = (at, null, null, null, null);
    }

    /// <summary>Not sent and never will be as it is (it could not be rendered, the channel refused it, out of attempts).</summary>
    public void Fail(string why)
    {
        var attempted = Status == TouchStatus.Sending; // a send was tried; a touch that could not be rendered was not
        Move([TouchStatus.Claimed, TouchStatus.Sending], TouchStatus.Failed, why);
        Attempts += attempted ? 1 : 0;
        (LeaseOwner, LeaseUntil) = (null, null);
    }

    /// <summary>After a crash the sender had no record of it: it never went, and goes back to the queue (its sequence decides again).</summary>
    public void NotSent(string why)
    {
        Move([TouchStatus.Sending], TouchStatus.Scheduled, why);
        (SendingAt, LeaseOwner, LeaseUntil, Template) = (null, null, null, null);
    }

    private void Move(TouchStatus[] from, TouchStatus to, string? outcome)
    {
        if (!from.Contains(Status))
        {
            throw new InvalidOperationException($"touch {Id} is {StoredName.Of(Status)} and cannot become {StoredName.Of(to)}");
        }

        (Status, Outcome) = (to, outcome);
    }
}
