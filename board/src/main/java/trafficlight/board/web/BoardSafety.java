package trafficlight.board.web;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.Optional;

/**
 * The settings a board refuses to start with, each explained in one line with its fix:
 *
 * <ul>
 *   <li>Promote without sign-in on an address other machines reach: anyone who reaches the page
 *       could promote with the board's token;
 *   <li>sign-in on such an address without an https {@code --public-url}: the session cookie and
 *       GitHub's redirect would travel in the clear (and GitHub needs the callback's address).
 * </ul>
 */
public final class BoardSafety {

  private BoardSafety() {}

  /**
   * @param bind the address the board listens on
   * @param tokenMayWrite whether the board's own token may close issues in the gate repository
   * @param readOnly {@code --read-only}
   * @param signIn whether sign-in is set up
   * @param publicUrl the board's public URL, or null
   * @return why the board must not start, or empty
   */
  public static Optional<String> refusal(
      String bind, boolean tokenMayWrite, boolean readOnly, boolean signIn, URI publicUrl) {
    boolean loopback = isLoopback(bind);
    if (!signIn && !readOnly && tokenMayWrite && !loopback) {
      return Optional.of(
          "board: refusing to serve Promote on "
              + bind
              + " without sign-in: anyone who reaches the page could promote with the board's"
              + " token; add --read-only, or set up GitHub sign-in with --oauth-client-id (see"
              + " docs/BOARD.md, \"Signing in to the board\")");
    }
    if (signIn && !loopback && (publicUrl == null || !"https".equals(publicUrl.getScheme()))) {
      return Optional.of(
          "board: refusing sign-in on "
              + bind
              + (publicUrl == null
                  ? " without --public-url"
                  : " with the plain-http --public-url " + publicUrl)
              + ": browsers must reach the board over https (the session cookie is Secure only"
              + " then); give --public-url https://HOST of the TLS proxy in front of the board");
    }
    return Optional.empty();
  }

  /** Whether only this machine can reach {@code bind} (127.0.0.0/8, ::1, localhost). */
  public static boolean isLoopback(String bind) {
    try {
      return InetAddress.getByName(bind).isLoopbackAddress();
    } catch (UnknownHostException e) {
      return false;
    }
  }
}
