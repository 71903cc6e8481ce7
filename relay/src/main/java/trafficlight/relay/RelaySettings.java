package trafficlight.relay;

import java.net.InetAddress;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import trafficlight.server.AllowedHosts;

/**
 * How a relay runs.
 *
 * @param concourse Concourse's URL: the only one the relay calls
 * @param routes the resources it forwards to
 * @param secret the webhook secret set on GitHub
 * @param bind the address to listen on (loopback unless told otherwise)
 * @param port the port (0: any free one)
 * @param firstRetry the delay before the first retry of a failed forward; each next one doubles
 * @param retryFor how long a failed forward is retried before it is given up
 * @param publicUrl the relay's address as GitHub reaches it (its webhook URL without {@code
 *     /github}), or null: its host is a name the relay answers besides its bind address (see {@link
 *     trafficlight.server.AllowedHosts})
 */
public record RelaySettings(
    URI concourse,
    List<Route> routes,
    byte[] secret,
    InetAddress bind,
    int port,
    Duration firstRetry,
    Duration retryFor,
    URI publicUrl) {

  public static final Duration FIRST_RETRY = Duration.ofSeconds(1);
  public static final Duration RETRY_FOR = Duration.ofMinutes(5);

  /**
   * @throws RelayConfigException for a setting the relay refuses, saying why
   */
  public RelaySettings {
    routes = List.copyOf(routes);
    secret = secret == null ? new byte[0] : secret.clone();
    if (secret.length == 0) {
      throw new RelayConfigException(
          "no webhook secret: set GITHUB_WEBHOOK_SECRET or give --secret-file FILE, with the"
              + " secret set on GitHub's webhook");
    }
    checkConcourse(concourse);
    if (routes.isEmpty()) {
      throw new RelayConfigException(
          "no resource to relay to: a route is a resource whose source has repository,"
              + " issue_prefix and issue_state: closed, and that has a webhook_token");
    }
    if (port < 0 || port > 65535) {
      throw new RelayConfigException("port " + port + " is not a port: give 0 to 65535");
    }
    if (publicUrl != null) {
      String problem = AllowedHosts.publicUrlProblem(publicUrl);
      if (problem != null
          || (publicUrl.getRawPath() != null && publicUrl.getRawPath().length() > 1)) {
        throw new RelayConfigException(
            "--public-url "
                + publicUrl
                + " "
                + (problem != null
                    ? problem
                    : "must be the relay's address alone (GitHub's webhook URL without /github)")
                + ": give e.g. https://relay.example.com");
      }
    }
  }

  /** The host names the relay answers. */
  public AllowedHosts allowedHosts() {
    return AllowedHosts.of(bind, publicUrl == null ? List.of() : List.of(publicUrl));
  }

  /** Settings with the default retries and no public URL. */
  public RelaySettings(
      URI concourse, List<Route> routes, byte[] secret, InetAddress bind, int port) {
    this(concourse, routes, secret, bind, port, FIRST_RETRY, RETRY_FOR, null);
  }

  @Override
  public byte[] secret() {
    return secret.clone();
  }

  @Override
  public String toString() {
    return "RelaySettings[concourse="
        + concourse
        + ", routes="
        + routes
        + ", bind="
        + bind
        + ", port="
        + port
        + ", publicUrl="
        + publicUrl
        + "]";
  }

  private static void checkConcourse(URI concourse) {
    if (concourse == null
        || concourse.getScheme() == null
        || !List.of("http", "https").contains(concourse.getScheme().toLowerCase(Locale.ROOT))
        || concourse.getHost() == null) {
      throw new RelayConfigException(
          "--concourse-url is not an http(s) URL with a host: give e.g. https://ci.example.com");
    }
    if (concourse.getRawUserInfo() != null
        || concourse.getRawQuery() != null
        || concourse.getRawFragment() != null) {
      throw new RelayConfigException(
          "--concourse-url must be Concourse's address alone, with no user, query or fragment");
    }
  }
}
