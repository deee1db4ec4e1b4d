using Quartz;

namespace NurtureHealth.Fhir;

/// <summary>How every repeating NurtureHealth job is declared: durable, named, on its own named interval trigger, with a misfire rule.</summary>
internal static class QuartzBuilderExtensions
{
    /// <summary>
    /// Adds <typeparamref name="TJob"/> under <paramref name="key"/> with the trigger <paramref name="trigger"/>, which fires now and
    /// then every <paramref name="interval"/>. A fire missed while the worker was down runs once at start, not once per missed interval.
    /// </summary>
    /// <remarks>Trigger names are kept as they are: the job store is persistent, and a renamed trigger would fire beside the old one.</remarks>
    public static void AddRepeatingJob<TJob>(this IQuartzBuilder q, JobKey key, string trigger, string description, TimeSpan interval)
        where TJob : IJob
    {
        q.AddJob<TJob>(j => j.WithIdentity(key).StoreDurably().WithDescription(description));
        q.AddTrigger(t => t.ForJob(key).WithIdentity(trigger, key.Group).StartNow()
            .WithSimpleSchedule(s => s.WithInterval(interval).RepeatForever().WithMisfireInstruction(SimpleTriggerMisfireInstruction.NextWithRemainingCount)));
    }
}
