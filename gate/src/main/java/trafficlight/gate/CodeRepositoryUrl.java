package trafficlight.gate;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The {@code owner/name} a git remote URL points at, as a deploy record names its code repository:
 * {@code https://github.com/acme/myapp.git}, {@code git@github.com:acme/myapp.git}, {@code
 * ssh://git@github.example.com:2222/acme/myapp}, {@code git://…}, and the same forms on GitHub
 * Enterprise Server. Credentials in the URL are dropped, never returned.
 */
public final class CodeRepositoryUrl {

  private static final Pattern SCHEME = Pattern.compile("(?i)(?:https?|ssh|git|git\\+ssh)://(.+)");

  /** {@code [user@]host:path}, git's scp-like syntax (no scheme, a colon before any slash). */
  private static final Pattern SCP = Pattern.compile("(?:[^@/:]+@)?[^@/:]+:(?!//)(.+)");

  private static final Pattern PART = Pattern.compile("[A-Za-z0-9_.-]+");

  private CodeRepositoryUrl() {}

  /** {@code owner/name}, or empty when the URL names no repository this way (a local path). */
  public static Optional<String> ownerAndName(String url) {
    if (url == null || url.isBlank()) {
      return Optional.empty();
    }
    String u = url.strip();
    String path;
    Matcher scheme = SCHEME.matcher(u);
    Matcher scp = SCP.matcher(u);
    if (scheme.matches()) {
      String rest = scheme.group(1);
      int slash = rest.indexOf('/');
      if (slash < 0) {
        return Optional.empty();
      }
      path = rest.substring(slash + 1);
    } else if (scp.matches()) {
      path = scp.group(1);
    } else {
      return Optional.empty();
    }
    int cut = indexOfAny(path, "?#");
    if (cut >= 0) {
      path = path.substring(0, cut);
    }
    while (path.endsWith("/")) {
      path = path.substring(0, path.length() - 1);
    }
    if (path.endsWith(".git")) {
      path = path.substring(0, path.length() - ".git".length());
    }
    String[] parts = path.split("/");
    if (parts.length < 2) {
      return Optional.empty();
    }
    String owner = parts[parts.length - 2];
    String name = parts[parts.length - 1];
    if (!PART.matcher(owner).matches() || !PART.matcher(name).matches()) {
      return Optional.empty();
    }
    return Optional.of(owner + "/" + name);
  }

  private static int indexOfAny(String s, String chars) {
    for (int i = 0; i < s.length(); i++) {
      if (chars.indexOf(s.charAt(i)) >= 0) {
        return i;
      }
    }
    return -1;
  }
}
