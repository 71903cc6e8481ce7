package trafficlight.server;

import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The host names a server answers to, against DNS rebinding: a page on an attacker's domain that
 * resolves to this machine reaches the server with the attacker's name in {@code Host}, and a
 * browser counts the answer as that page's own.
 *
 * <p>Answered: the bind address itself; when bound to loopback or to every address, the loopback
 * names ({@code localhost}, {@code 127.x.y.z}, {@code [::1]}), and when bound to every address,
 * each address of this machine's interfaces (what Kubernetes' and cloud load balancers' health
 * checks send: the pod's or the instance's IP); and the host of each public URL. An IP address is
 * never an attacker's name, but a name is answered only when configured. The port in {@code Host}
 * is not compared: a proxy may rewrite it, and the name alone defeats rebinding.
 */
public final class AllowedHosts {

  private static final Pattern HOST_NAME =
      Pattern.compile(
          "(?i)[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)*");
  private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(?:\\.\\d{1,3}){3}");

  private final InetAddress bind;
  private final Set<String> names;
  private final List<URI> publicUrls;

  private AllowedHosts(InetAddress bind, Set<String> names, List<URI> publicUrls) {
    this.bind = bind;
    this.names = names;
    this.publicUrls = publicUrls;
  }

  /**
   * @param bind the address the server listens on
   * @param publicUrls the server's addresses as browsers or GitHub reach it (behind a proxy), each
   *     checked by {@link #publicUrlProblem}
   */
  public static AllowedHosts of(InetAddress bind, List<URI> publicUrls) {
    Set<String> names = new LinkedHashSet<>();
    if (bind.isLoopbackAddress() || bind.isAnyLocalAddress()) {
      names.add("localhost");
    }
    for (URI url : publicUrls) {
      names.add(url.getHost().toLowerCase(Locale.ROOT));
    }
    return new AllowedHosts(bind, names, List.copyOf(publicUrls));
  }

  /** As {@link #of(InetAddress, List)}, for a bind address given as text. */
  public static AllowedHosts of(String bind, List<URI> publicUrls) {
    try {
      return of(InetAddress.getByName(bind), publicUrls);
    } catch (UnknownHostException e) {
      throw new IllegalArgumentException("not an address of this machine: " + bind, e);
    }
  }

  /**
   * Why {@code url} cannot be a public URL the server answers to, or null when it can: an http(s)
   * URL whose host is a DNS name or an IP address, with no user, query or fragment.
   */
  public static String publicUrlProblem(URI url) {
    if (url == null
        || url.getScheme() == null
        || !List.of("http", "https").contains(url.getScheme().toLowerCase(Locale.ROOT))
        || url.getHost() == null) {
      return "is not an http(s) URL with a host, such as https://board.example.com";
    }
    if (url.getRawUserInfo() != null || url.getRawQuery() != null || url.getRawFragment() != null) {
      return "must be an address alone, with no user, query or fragment";
    }
    String host = url.getHost();
    if (!HOST_NAME.matcher(host).matches() && !host.startsWith("[")) {
      return "has a host that is not a DNS name: " + host;
    }
    return null;
  }

  /** Whether a request with this {@code Host} header is for this server (null: never). */
  public boolean allows(String hostHeader) {
    String host = hostOf(hostHeader);
    if (host == null) {
      return false;
    }
    if (names.contains(host)) {
      return true;
    }
    InetAddress address = literal(host);
    if (address == null) {
      return false;
    }
    if (address.equals(bind)) {
      return true;
    }
    if (bind.isLoopbackAddress()) {
      return address.isLoopbackAddress();
    }
    if (bind.isAnyLocalAddress()) {
      return address.isLoopbackAddress() || isInterfaceAddress(address);
    }
    return false;
  }

  /**
   * Whether a page of {@code origin} (an {@code Origin} or {@code Referer} header) is one of this
   * server's own: a public URL's scheme and authority, or a host it answers at the port it listens
   * on.
   */
  public boolean allowsOrigin(String origin, int port) {
    if (origin == null) {
      return false;
    }
    URI uri;
    try {
      uri = URI.create(origin.strip());
    } catch (IllegalArgumentException e) {
      return false;
    }
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    if (uri.getHost() == null || !(scheme.equals("http") || scheme.equals("https"))) {
      return false;
    }
    for (URI url : publicUrls) {
      if (url.getScheme().equalsIgnoreCase(scheme)
          && url.getHost().equalsIgnoreCase(uri.getHost())
          && effectivePort(url) == effectivePort(uri)) {
        return true;
      }
    }
    return effectivePort(uri) == port && allows(uri.getRawAuthority());
  }

  /** The names and addresses answered, for the start-up line. */
  public String describe() {
    List<String> parts = new ArrayList<>();
    parts.add(bind.isAnyLocalAddress() ? "every address of this machine" : literalText(bind));
    parts.addAll(names);
    if (bind.isLoopbackAddress() || bind.isAnyLocalAddress()) {
      parts.add("127.0.0.0/8");
      parts.add("[::1]");
    }
    return String.join(", ", new LinkedHashSet<>(parts));
  }

  private static String literalText(InetAddress a) {
    String text = a.getHostAddress();
    return text.contains(":") ? "[" + text + "]" : text;
  }

  private static int effectivePort(URI uri) {
    if (uri.getPort() != -1) {
      return uri.getPort();
    }
    return "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
  }

  /** The host of a {@code Host} header, lower case, without port or IPv6 brackets; or null. */
  static String hostOf(String header) {
    if (header == null) {
      return null;
    }
    String h = header.strip().toLowerCase(Locale.ROOT);
    if (h.startsWith("[")) {
      int end = h.indexOf(']');
      if (end < 0 || (end + 1 < h.length() && h.charAt(end + 1) != ':')) {
        return null;
      }
      return h.substring(1, end);
    }
    int colon = h.indexOf(':');
    String host = colon < 0 ? h : h.substring(0, colon);
    return host.isEmpty() ? null : host;
  }

  /** An IP address written out (never a DNS lookup), or null. */
  private static InetAddress literal(String host) {
    if (IPV4.matcher(host).matches()) {
      for (String octet : host.split("\\.")) {
        if (Integer.parseInt(octet) > 255) {
          return null;
        }
      }
    } else if (!host.contains(":")) {
      return null;
    }
    if (host.contains(":") && !host.matches("[0-9a-f:.]+")) {
      return null;
    }
    try {
      return InetAddress.getByName(host);
    } catch (UnknownHostException e) {
      return null;
    }
  }

  private static boolean isInterfaceAddress(InetAddress address) {
    try {
      return NetworkInterface.getByInetAddress(address) != null;
    } catch (SocketException e) {
      return false;
    }
  }
}
