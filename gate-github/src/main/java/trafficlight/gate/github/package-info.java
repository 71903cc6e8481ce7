/**
 * Gate facts as read through the GitHub client: a gate issue's body and comments as the gate's
 * {@link trafficlight.gate.IssueText}s, people's permissions on the gate repository as a {@link
 * trafficlight.gate.RepositoryAccess}, and team membership as a {@link
 * trafficlight.gate.TeamMembership}. The {@code gate} vocabulary knows no I/O and the GitHub client
 * knows no gates; this is the one place that joins them, for the resource, the board and the relay.
 */
package trafficlight.gate.github;
