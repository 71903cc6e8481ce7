package trafficlight.localhub;

import java.util.Optional;

/** Finds the {@link Principal} of a request from its {@code Authorization} header. */
final class Authenticator {
  private final HubStore store;

  Authenticator(HubStore store) {
    this.store = store;
  }

  /** The credential in {@code Authorization: Bearer T} or {@code token T}, or null. */
  static String credential(ApiRequest request) {
    String header = request.header("Authorization");
    if (header == null || header.isBlank()) {
      return null;
    }
    String trimmed = header.trim();
    int space = trimmed.indexOf(' ');
    if (space < 0) {
      return "";
    }
    String scheme = trimmed.substring(0, space);
    if (!scheme.equalsIgnoreCase("bearer") && !scheme.equalsIgnoreCase("token")) {
      return "";
    }
    return trimmed.substring(space + 1).trim();
  }

  /** The principal, or empty when the credentials are bad (unknown or expired). */
  Optional<Principal> authenticate(ApiRequest request) {
    String token = credential(request);
    if (token == null) {
      return Optional.of(new Principal.Anonymous(request.clientAddress()));
    }
    Optional<User> user = store.userForToken(token);
    if (user.isPresent()) {
      return Optional.of(new Principal.UserToken(user.get(), token));
    }
    return store
        .installationToken(token)
        .filter(t -> t.expiresAt().isAfter(store.clock().now()))
        .flatMap(t -> store.installation(t.installationId()))
        .flatMap(
            installation ->
                store
                    .app(installation.appId())
                    .flatMap(app -> store.user(app.botLogin()))
                    .map(bot -> new Principal.InstallationAccess(installation, bot, token)));
  }
}
