using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using NurtureHealth.Storage;
using NurtureHealth.Touches;
using NurtureHealth.Tracking;

namespace NurtureHealth.Host.Commands.Demo;

/// <summary>
/// Simulated patients for the demo, decided by a hash of the contact id so every run behaves the same:
/// some book after a few touches (clicking the booking link first), some opt out, some read every
/// email and click through "what to expect" (so their sequence branches), and some never engage and
/// drift out of the sequence.
/// </summary>
internal sealed class PatientSimulator(IDbContextFactory<NurtureDbContext> databases, EventRecorder recorder)
{
    private readonly PriorityQueue<NewContactEvent, (DateTimeOffset At, long Order)> _pending = new();
    private readonly Dictionary<long, int> _touchesSeen = [];
    private long _lastTouch;
    private long _order;

    private enum Persona
    {
        Booker,
        OptsOut,
        Reader,
        Silent,
    }

    /// <summary>When the next simulated action happens, if any is pending.</summary>
    public DateTimeOffset? NextAt => _pending.TryPeek(out _, out var key) ? key.At : null;

    /// <summary>Looks at touches sent since the last look and plans each patient's reaction.</summary>
    public async Task ObserveAsync(CancellationToken cancellationToken)
    {
        await using var db = await databases.CreateDbContextAsync(cancellationToken);
        var sent = await db.Touches.AsNoTracking().Where(t => t.Status == TouchStatus.Sent && t.Id > _lastTouch).OrderBy(t => t.Id)
            .Select(t => new { t.Id, t.ContactId, t.Channel, t.SentAt, t.StepId }).ToListAsync(cancellationToken);
        foreach (var touch in sent)
        {
            _lastTouch = Math.Max(_lastTouch, touch.Id);
            var count = _touchesSeen[touch.ContactId] = _touchesSeen.GetValueOrDefault(touch.ContactId) + 1;
            var (persona, patience) = Decide(touch.ContactId);
            var at = touch.SentAt!.Value;
            switch (persona)
            {
                case Persona.Booker when count == patience:
                    Plan(at.AddHours(3), new NewContactEvent(touch.ContactId, ContactEventType.Clicked, touch.Channel, at.AddHours(3), "demo", $"click-{touch.Id}", touch.Id));
                    Plan(at.AddHours(26), new NewContactEvent(touch.ContactId, ContactEventType.Booked, null, at.AddHours(26), "demo", $"book-{touch.ContactId}", touch.Id));
                    break;
                case Persona.Booker when touch.Channel == Channel.Email:
                case Persona.Reader when touch.Channel == Channel.Email:
                    Plan(at.AddHours(2), new NewContactEvent(touch.ContactId, ContactEventType.Opened, Channel.Email, at.AddHours(2), "demo", $"open-{touch.Id}", touch.Id));

                    // Readers follow the link in "what to expect": the sequence then introduces their provider instead of a patient's story.
                    if (touch.StepId == "what-to-expect")
                    {
                        Plan(at.AddHours(2.5), new NewContactEvent(touch.ContactId, ContactEventType.Clicked, Channel.Email, at.AddHours(2.5), "demo", $"click-{touch.Id}", touch.Id));
                    }

                    break;
                case Persona.OptsOut when count == patience:
                    Plan(at.AddHours(1), new NewContactEvent(touch.ContactId, ContactEventType.OptedOut, null, at.AddHours(1), "demo", $"stop-{touch.ContactId}", touch.Id));
                    break;
            }
        }
    }

    /// <summary>Records every planned action due by <paramref name="now"/>; how many were recorded.</summary>
    public async Task<int> ApplyDueAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        var applied = 0;
        while (_pending.TryPeek(out var next, out var key) && key.At <= now)
        {
            _pending.Dequeue();
            if (await recorder.RecordAsync(next, cancellationToken))
            {
                applied++;
            }
        }

        return applied;
    }

    private void Plan(DateTimeOffset at, NewContactEvent e) => _pending.Enqueue(e, (at, _order++));

    /// <summary>About 1 in 6 book (after their 2nd to 4th touch), 1 in 16 opt out, 4 in 10 read every email, the rest stay silent.</summary>
    private static (Persona Persona, int Patience) Decide(long contactId)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes($"nurture-demo:{contactId}"));
        var roll = hash[0] % 100;
        var patience = 2 + (hash[1] % 3);
        return roll switch
        {
            < 17 => (Persona.Booker, patience),
            < 23 => (Persona.OptsOut, Math.Min(patience, 3)),
            < 63 => (Persona.Reader, 0),
            _ => (Persona.Silent, 0),
        };
    }
}
