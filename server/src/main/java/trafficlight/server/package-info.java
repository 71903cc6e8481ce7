/**
 * What the board and the relay put in front of their routes, in one place so that both hold under
 * hostile traffic alike:
 *
 * <ul>
 *   <li>{@link trafficlight.server.AllowedHosts}: the host names a server answers (against DNS
 *       rebinding) and the origins that count as its own pages;
 *   <li>{@link trafficlight.server.HttpFront}: the JDK's HTTP server with its request time limit,
 *       enough handler threads, and a 421 for any other host;
 *   <li>{@link trafficlight.server.ConnectionMetrics} and {@link trafficlight.server.MetricsPage}:
 *       what the front refused or timed out, on {@code /metrics}.
 * </ul>
 */
package trafficlight.server;
