using NurtureHealth.Leads;
using NurtureHealth.Locations;

namespace NurtureHealth.Sequences;

/// <summary>
/// Whether a lead is enrolled, where and in what: placed at a location that still exists, a sequence for its service
/// line and source, not already in that sequence, reachable on some channel.
/// </summary>
public sealed class EnrollmentChoice(LocationCatalog locations, SequenceContent content)
{
    /// <summary>The outcome for the lead, with its sequence and location when it is enrolled.</summary>
    /// <param name="lead">The lead.</param>
    /// <param name="reach">Which channels reach its contact.</param>
    /// <param name="alreadyIn">True when the contact is already active in the given sequence.</param>
    public (string Outcome, Sequence? Sequence, Location? Location) For(Lead lead, Reachability reach, Func<string, bool> alreadyIn)
    {
        var location = lead.LocationId is null ? null : locations.Group.Find(lead.LocationId);
        var sequence = content.Sequences.Choose(lead.ServiceLine, lead.Source);
        var outcome = lead.Status != "resolved" || location is null ? EnrollmentOutcome.NotPlaced
            : sequence is null ? EnrollmentOutcome.NoSequence
            : alreadyIn(sequence.Id) ? EnrollmentOutcome.AlreadyEnrolled
            : !reach.Any ? EnrollmentOutcome.Unreachable
            : EnrollmentOutcome.Enrolled;
        return outcome == EnrollmentOutcome.Enrolled ? (outcome, sequence, location) : (outcome, null, null);
    }
}
