package trafficlight.board.web;

import java.net.URI;
import trafficlight.github.OAuthWebFlow;

/**
 * How people sign in to the board: GitHub's OAuth web application flow for an OAuth App.
 *
 * @param flow the App's side of the flow (web host, client id and secret)
 * @param publicUrl the board's address as browsers reach it (the callback is {@code
 *     PUBLIC_URL/oauth/callback}), or null for the address it listens on (loopback only)
 * @param scope the scopes asked for: {@code repo} lets the person's token close issues in a private
 *     gate repository ({@code public_repo} is enough for a public one)
 */
public record SignIn(OAuthWebFlow flow, URI publicUrl, String scope) {

  public static final String CALLBACK_PATH = "/oauth/callback";

  /** Whether the session cookie is {@code Secure}: browsers reach the board over https. */
  public boolean secureCookies() {
    return publicUrl != null && "https".equalsIgnoreCase(publicUrl.getScheme());
  }

  @Override
  public String toString() {
    return "SignIn[" + flow + ", " + publicUrl + ", scope " + scope + "]";
  }
}
