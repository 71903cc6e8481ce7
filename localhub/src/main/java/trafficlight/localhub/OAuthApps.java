package trafficlight.localhub;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The registered OAuth Apps and the authorization codes issued for them (in memory): a code is good
 * for one exchange within {@link #CODE_LIFETIME}, for the App and redirect URI it was issued to, as
 * GitHub documents. An exchanged code yields a new {@code gho_} token of the user.
 */
final class OAuthApps {
  /** GitHub: "The code expires after 10 minutes." */
  static final Duration CODE_LIFETIME = Duration.ofMinutes(10);

  private final HubStore store;
  private final Map<String, OAuthApp> apps = new HashMap<>();
  private final Map<String, IssuedCode> codes = new HashMap<>();

  /** Which App each token from an exchange was issued to. */
  private final Map<String, String> issuedTo = new HashMap<>();

  private record IssuedCode(
      String clientId, String login, String redirectUri, String scope, Instant expiresAt) {}

  /** What an exchange gives: a token and its scope, or one of GitHub's error codes. */
  record Exchange(String token, String scope, String error) {
    static Exchange failed(String error) {
      return new Exchange(null, null, error);
    }
  }

  OAuthApps(HubStore store) {
    this.store = store;
  }

  synchronized void register(OAuthApp app) {
    apps.put(app.clientId(), app);
  }

  synchronized Optional<OAuthApp> app(String clientId) {
    return Optional.ofNullable(clientId == null ? null : apps.get(clientId));
  }

  /** A new code for {@code login}, who authorized the App to redirect to {@code redirectUri}. */
  synchronized String issueCode(OAuthApp app, String login, String redirectUri, String scope) {
    String code = Tokens.hex(10);
    codes.put(
        code,
        new IssuedCode(
            app.clientId(), login, redirectUri, scope, store.clock().now().plus(CODE_LIFETIME)));
    return code;
  }

  /**
   * Exchanges a code, checked in GitHub's order: the client's credentials, then the redirect URI,
   * then the code. A code that was presented once is gone, whatever the outcome of the rest.
   */
  synchronized Exchange exchange(
      String clientId, String clientSecret, String code, String redirectUri) {
    OAuthApp app = apps.get(clientId == null ? "" : clientId);
    if (app == null || clientSecret == null || !same(app.clientSecret(), clientSecret)) {
      return Exchange.failed("incorrect_client_credentials");
    }
    IssuedCode issued = code == null ? null : codes.get(code);
    if (redirectUri != null
        && !redirectUri.isEmpty()
        && !(issued != null
            ? redirectUri.equals(issued.redirectUri())
            : app.accepts(redirectUri))) {
      return Exchange.failed("redirect_uri_mismatch");
    }
    if (issued == null) {
      return Exchange.failed("bad_verification_code");
    }
    codes.remove(code);
    if (!issued.clientId().equals(clientId) || !store.clock().now().isBefore(issued.expiresAt())) {
      return Exchange.failed("bad_verification_code");
    }
    String token = Tokens.generate("gho_");
    store.saveToken(issued.login(), token);
    issuedTo.put(token, clientId);
    return new Exchange(token, issued.scope(), null);
  }

  /** Whether {@code clientId} and {@code clientSecret} are a registered App's. */
  synchronized boolean authenticates(String clientId, String clientSecret) {
    OAuthApp app = apps.get(clientId == null ? "" : clientId);
    return app != null && clientSecret != null && same(app.clientSecret(), clientSecret);
  }

  /** Revokes a token the App was issued; false when it holds no such token. */
  synchronized boolean revoke(String clientId, String token) {
    if (token == null || !clientId.equals(issuedTo.get(token))) {
      return false;
    }
    issuedTo.remove(token);
    return store.revokeToken(token);
  }

  private static boolean same(String a, String b) {
    return MessageDigest.isEqual(
        a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
  }
}
