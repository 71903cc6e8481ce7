/**
 * The webhook relay: GitHub sends it one webhook for a repository's issue events; it checks the
 * signature and, for a closed gate issue, calls Concourse's check webhook of exactly the resources
 * whose next check will find that issue.
 *
 * <ul>
 *   <li>{@link trafficlight.relay.RouteReader} reads the routes from the pipeline files and vars
 *       that {@code fly set-pipeline} takes;
 *   <li>{@link trafficlight.relay.RelayServer} serves {@code POST /github}, {@code /healthz} and
 *       {@code /metrics};
 *   <li>{@link trafficlight.relay.Forwarder} calls Concourse, with retries;
 *   <li>{@link trafficlight.relay.RefusedCloses}, given a GitHub token, reopens a close the route's
 *       approvers refuse, with one comment naming the rule, and sends what it finds as gate events.
 * </ul>
 */
package trafficlight.relay;
