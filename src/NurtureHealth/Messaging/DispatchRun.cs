namespace NurtureHealth.Messaging;

/// <summary>What one dispatch run did.</summary>
public sealed class DispatchRun
{
    public int Sent { get; set; }
    public int SentEmail { get; set; }
    public int SentSms { get; set; }
    public int Skipped { get; set; }
    public int Cancelled { get; set; }
    public int Deferred { get; set; }
    public int Retried { get; set; }
    public int Failed { get; set; }

    /// <summary>Sends whose outcome nobody can know (they may have gone): recorded Uncertain, never sent again.</summary>
    public int Uncertain { get; set; }

    /// <summary>Claimed touches given back unsent because the worker is stopping.</summary>
    public int Released { get; set; }

    /// <summary>True when it did anything at all.</summary>
    public bool Any => Sent + Skipped + Deferred + Failed + Cancelled + Uncertain + Released + Retried > 0;
}
