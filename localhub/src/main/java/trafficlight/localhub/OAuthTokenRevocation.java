package trafficlight.localhub;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * {@code DELETE /applications/{client_id}/token} with {@code {"access_token": T}}: an OAuth App
 * revokes a token it was issued (a board's sign-out). The App authenticates with Basic auth, its
 * client id and secret; anything else is 401, a token the App was not issued 422, as GitHub
 * documents.
 */
final class OAuthTokenRevocation {
  static final String OPERATION = "apps/delete-token";
  static final String DOCS =
      "https://docs.github.com/rest/apps/oauth-applications#delete-an-app-token";

  private OAuthTokenRevocation() {}

  static Route route(OAuthApps apps) {
    return Route.of(
        "DELETE",
        "/applications/(?<client>[^/]+)/token",
        OPERATION,
        null,
        call -> revoke(call, apps));
  }

  private static ApiResponse revoke(ApiCall call, OAuthApps apps) {
    String clientId = call.pathPart("client");
    String[] basic = basic(call.request.header("Authorization"));
    if (basic == null || !basic[0].equals(clientId) || !apps.authenticates(basic[0], basic[1])) {
      throw new ApiException(GitHubErrors.badCredentials());
    }
    String token = call.body().path("access_token").asText("");
    if (token.isEmpty() || !apps.revoke(clientId, token)) {
      throw new ApiException(
          GitHubErrors.validationFailed(
              DOCS, GitHubErrors.fieldError("Application", "invalid", "access_token")));
    }
    return ApiResponse.empty(204);
  }

  /** {@code [id, secret]} from {@code Authorization: Basic base64(id:secret)}, or null. */
  private static String[] basic(String header) {
    if (header == null || !header.regionMatches(true, 0, "Basic ", 0, 6)) {
      return null;
    }
    try {
      String decoded =
          new String(
              Base64.getDecoder().decode(header.substring(6).strip()), StandardCharsets.UTF_8);
      int colon = decoded.indexOf(':');
      return colon < 0
          ? null
          : new String[] {decoded.substring(0, colon), decoded.substring(colon + 1)};
    } catch (IllegalArgumentException e) {
      return null;
    }
  }
}
