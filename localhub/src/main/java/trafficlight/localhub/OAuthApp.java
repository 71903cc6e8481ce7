package trafficlight.localhub;

import java.net.URI;
import java.util.Locale;

/**
 * A registered OAuth App: its client id and secret and the authorization callback URL that
 * redirects must stay under.
 */
record OAuthApp(String clientId, String clientSecret, String callbackUrl) {

  OAuthApp {
    URI uri = URI.create(callbackUrl);
    if (uri.getScheme() == null
        || !(uri.getScheme().equals("http") || uri.getScheme().equals("https"))
        || uri.getHost() == null) {
      throw new IllegalArgumentException(
          "callback_url must be an http or https URL: " + callbackUrl);
    }
  }

  /**
   * Whether GitHub would accept {@code redirectUri} for this App: same scheme and host, same port
   * (any port when the callback is a loopback address registered without one), and a path equal to
   * the callback's or below it.
   */
  boolean accepts(String redirectUri) {
    URI callback = URI.create(callbackUrl);
    URI redirect;
    try {
      redirect = URI.create(redirectUri);
    } catch (IllegalArgumentException e) {
      return false;
    }
    if (redirect.getScheme() == null || redirect.getHost() == null) {
      return false;
    }
    boolean loopback =
        callback.getHost().equals("127.0.0.1")
            || callback.getHost().equals("[::1]")
            || callback.getHost().equalsIgnoreCase("localhost");
    boolean portOk =
        callback.getPort() == redirect.getPort() || (loopback && callback.getPort() == -1);
    String base = path(callback);
    String path = path(redirect);
    return callback.getScheme().equalsIgnoreCase(redirect.getScheme())
        && callback
            .getHost()
            .toLowerCase(Locale.ROOT)
            .equals(redirect.getHost().toLowerCase(Locale.ROOT))
        && portOk
        && (path.equals(base) || path.startsWith(base.endsWith("/") ? base : base + "/"));
  }

  private static String path(URI uri) {
    return uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
  }
}
