using System.Globalization;
using Microsoft.EntityFrameworkCore;
using NurtureHealth.Storage;
using NurtureHealth.Touches;

namespace NurtureHealth.Host.Commands.Demo;

/// <summary>Prints one line per simulated day with activity, in Chicago time.</summary>
internal sealed class DemoProgress(IDbContextFactory<NurtureDbContext> databases, TimeZoneInfo zone)
{
    private DateOnly? _day;
    private (int Email, int Sms, int Booked, int OptedOut) _printed;

    public async Task BeforeAsync(DateTimeOffset fire, CancellationToken cancellationToken)
    {
        var day = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(fire, zone).DateTime);
        if (_day is { } current && day != current)
        {
            await PrintAsync(current, cancellationToken);
        }

        _day = day;
    }

    public async Task FinishAsync(CancellationToken cancellationToken)
    {
        if (_day is { } current)
        {
            await PrintAsync(current, cancellationToken);
        }
    }

    public async Task<bool> QuietAsync(CancellationToken cancellationToken)
    {
        await using var db = await databases.CreateDbContextAsync(cancellationToken);
        return !await db.Touches.AnyAsync(t => t.Status == TouchStatus.Scheduled, cancellationToken);
    }

    private async Task PrintAsync(DateOnly day, CancellationToken cancellationToken)
    {
        await using var db = await databases.CreateDbContextAsync(cancellationToken);
        var email = await db.Touches.CountAsync(t => t.Status == TouchStatus.Sent && t.Channel == Channel.Email, cancellationToken);
        var sms = await db.Touches.CountAsync(t => t.Status == TouchStatus.Sent && t.Channel == Channel.Sms, cancellationToken);
        var booked = await db.ContactEvents.CountAsync(e => e.Type == Touches.ContactEventType.Booked, cancellationToken);
        var optedOut = await db.ContactEvents.CountAsync(e => e.Type == Touches.ContactEventType.OptedOut && e.Channel == null, cancellationToken);
        var active = await db.Enrollments.CountAsync(e => e.Status == EnrollmentStatus.Active, cancellationToken);
        var (e0, s0, b0, o0) = _printed;
        if (email + sms > e0 + s0 || booked > b0 || optedOut > o0)
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{day.ToString("ddd yyyy-MM-dd", CultureInfo.InvariantCulture),-15}  {email + sms - e0 - s0,5}  {email - e0,5}  {sms - s0,4}  {booked - b0,6}  {optedOut - o0,9}  {active,14}"));
        }

        _printed = (email, sms, booked, optedOut);
    }
}
