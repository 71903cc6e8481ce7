package trafficlight.gate;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

/**
 * The one rule for a URL read from a gate issue (a deploy record's build, an approval's issue):
 * only an absolute {@code http} or {@code https} URL with a host may become a link. Anything else
 * ({@code javascript:}, {@code data:}, a relative path) is text at most.
 */
public final class WebLink {

  private WebLink() {}

  /** Whether {@code url} is an absolute http(s) URL with a host. */
  public static boolean isWeb(String url) {
    if (url == null || url.isBlank() || !url.strip().equals(url)) {
      return false;
    }
    try {
      URI uri = new URI(url);
      String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
      return (scheme.equals("http") || scheme.equals("https"))
          && uri.getHost() != null
          && !uri.getHost().isEmpty();
    } catch (URISyntaxException unreadable) {
      return false;
    }
  }

  /** {@code url} when it {@link #isWeb is a web link}, else null. */
  public static String orNull(String url) {
    return isWeb(url) ? url : null;
  }
}
