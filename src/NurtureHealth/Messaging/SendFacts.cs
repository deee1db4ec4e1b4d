using NurtureHealth.Leads;
using NurtureHealth.Locations;
using NurtureHealth.Scheduling;
using NurtureHealth.Touches;

namespace NurtureHealth.Messaging;

/// <summary>Everything the send decision looks at for one touch, read beforehand: the decision itself reads nothing.</summary>
/// <param name="Touch">The touch (its channel and location).</param>
/// <param name="Enrollment">Its enrollment's state now.</param>
/// <param name="Group">The clinic group (its holidays).</param>
/// <param name="Location">The touch's location as the location files say now; null when it is no longer there.</param>
/// <param name="Reach">Which channels reach the patient now.</param>
/// <param name="Past">Messages the patient has had, across every sequence (what the caps count).</param>
public sealed record SendFacts(Touch Touch, EnrollmentStatus Enrollment, ClinicGroup Group, Location? Location, Reachability Reach, IReadOnlyCollection<PlannedMessage> Past);
