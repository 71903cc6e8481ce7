package trafficlight.localhub;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.time.Instant;

/**
 * {@code POST /app/installations/{id}/access_tokens}: trades an App JWT for a {@code ghs_} token.
 */
final class AppsEndpoint {
  private static final Duration TOKEN_LIFETIME = Duration.ofHours(1);

  private AppsEndpoint() {}

  static ApiResponse createInstallationToken(ApiCall call) {
    App app = new AppJwtVerifier(call.store).verify(Authenticator.credential(call.request));
    long installationId;
    try {
      installationId = Long.parseLong(call.pathPart("installation"));
    } catch (NumberFormatException e) {
      throw new ApiException(GitHubErrors.notFound());
    }
    Installation installation =
        call.store
            .installation(installationId)
            .filter(i -> i.appId() == app.appId())
            .orElseThrow(() -> new ApiException(GitHubErrors.notFound()));
    Instant expiresAt = call.store.clock().now().plus(TOKEN_LIFETIME);
    InstallationToken token =
        call.store.issueInstallationToken(installation.id(), Tokens.generate("ghs_"), expiresAt);
    ObjectNode body = Json.object();
    body.put("token", token.token());
    body.put("expires_at", Json.timestamp(token.expiresAt()));
    ObjectNode permissions = body.putObject("permissions");
    permissions.put("issues", "write");
    permissions.put("metadata", "read");
    body.put("repository_selection", "selected");
    return ApiResponse.json(201, body);
  }
}
