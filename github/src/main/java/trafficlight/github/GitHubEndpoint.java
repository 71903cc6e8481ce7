package trafficlight.github;

import java.net.URI;
import java.net.URISyntaxException;

/**
 * The base URL of a GitHub REST API: {@code https://api.github.com}, {@code https://HOST/api/v3}
 * for GitHub Enterprise Server, or a localhub.
 */
public record GitHubEndpoint(URI base) {

  public static final String GITHUB_COM = "https://api.github.com";

  /**
   * Parses a base URL; a trailing slash is tolerated.
   *
   * @throws IllegalArgumentException naming the problem
   */
  public static GitHubEndpoint parse(String url) {
    String trimmed = url.strip();
    while (trimmed.endsWith("/")) {
      trimmed = trimmed.substring(0, trimmed.length() - 1);
    }
    URI uri;
    try {
      uri = new URI(trimmed);
    } catch (URISyntaxException e) {
      uri = null;
    }
    if (uri == null
        || uri.getHost() == null
        || uri.getQuery() != null
        || uri.getFragment() != null
        || !("https".equals(uri.getScheme()) || "http".equals(uri.getScheme()))) {
      throw new IllegalArgumentException(
          "gh_host must be an API base URL such as "
              + GITHUB_COM
              + " or https://github.example.com/api/v3, got \""
              + url
              + "\"");
    }
    return new GitHubEndpoint(uri);
  }

  /**
   * The web host beside this API, where people sign in ({@code /login/oauth/...}): {@code
   * https://github.com} for {@code https://api.github.com}, {@code https://SUB.ghe.com} for {@code
   * https://api.SUB.ghe.com}, {@code https://HOST} for GitHub Enterprise Server's {@code
   * https://HOST/api/v3}; any other base (a localhub) is its own web host.
   */
  public URI webBase() {
    String host = base.getHost();
    String path = base.getRawPath() == null ? "" : base.getRawPath();
    if (host.equalsIgnoreCase("api.github.com")) {
      return URI.create("https://github.com");
    }
    String port = base.getPort() == -1 ? "" : ":" + base.getPort();
    if (host.toLowerCase(java.util.Locale.ROOT).startsWith("api.")
        && host.toLowerCase(java.util.Locale.ROOT).endsWith(".ghe.com")) {
      return URI.create(base.getScheme() + "://" + host.substring(4) + port);
    }
    if (path.endsWith("/api/v3")) {
      path = path.substring(0, path.length() - "/api/v3".length());
    }
    return URI.create(base.getScheme() + "://" + host + port + path);
  }

  /** Whether requests would travel unencrypted to another machine. */
  public boolean plainHttpToRemoteHost() {
    String host = base.getHost();
    return "http".equals(base.getScheme())
        && !(host.equals("localhost") || host.startsWith("127.") || host.equals("[::1]"));
  }

  URI resolve(String pathAndQuery) {
    return URI.create(base + pathAndQuery);
  }

  /**
   * A {@code Link} URL from GitHub. It must point at the same host: credentials are never sent
   * elsewhere.
   */
  URI follow(String link) {
    URI uri = URI.create(link);
    if (!base.getHost().equalsIgnoreCase(uri.getHost()) || base.getPort() != uri.getPort()) {
      throw new GitHubException(0, "GitHub's Link header points at another host: " + uri.getHost());
    }
    return uri;
  }

  /** The part of a request URL after the base, for messages. */
  String relative(URI uri) {
    String text = uri.toString();
    return text.startsWith(base.toString()) ? text.substring(base.toString().length()) : text;
  }
}
