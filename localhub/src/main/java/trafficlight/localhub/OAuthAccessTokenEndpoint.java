package trafficlight.localhub;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code POST /login/oauth/access_token} on the web host: exchanges an authorization code for a
 * user token. As GitHub: parameters from the query, a form or a JSON body; the answer is JSON when
 * the request accepts {@code application/json}, else form-encoded; failures are a 200 with {@code
 * error}, {@code error_description} and {@code error_uri}.
 */
final class OAuthAccessTokenEndpoint {
  static final String PATH = "/login/oauth/access_token";
  private static final String TROUBLESHOOTING =
      "https://docs.github.com/apps/managing-oauth-apps/troubleshooting-oauth-app-access-token-request-errors/";
  private static final Map<String, String> DESCRIPTIONS =
      Map.of(
          "incorrect_client_credentials",
          "The client_id and/or client_secret passed are incorrect.",
          "redirect_uri_mismatch",
          "The redirect_uri MUST match the registered callback URL for this application.",
          "bad_verification_code",
          "The code passed is incorrect or expired.");

  private final OAuthApps apps;

  OAuthAccessTokenEndpoint(OAuthApps apps) {
    this.apps = apps;
  }

  ApiResponse handle(String method, Map<String, String> params, String accept) {
    if (!method.equals("POST")) {
      return GitHubErrors.notFound();
    }
    OAuthApps.Exchange exchange =
        apps.exchange(
            params.get("client_id"),
            params.get("client_secret"),
            params.get("code"),
            params.get("redirect_uri"));
    Map<String, String> out = new LinkedHashMap<>();
    if (exchange.error() != null) {
      out.put("error", exchange.error());
      out.put("error_description", DESCRIPTIONS.get(exchange.error()));
      out.put("error_uri", TROUBLESHOOTING + "#" + exchange.error().replace('_', '-'));
    } else {
      out.put("access_token", exchange.token());
      out.put("token_type", "bearer");
      out.put("scope", exchange.scope().replace(' ', ','));
    }
    ApiResponse response;
    if (accept != null && accept.contains("application/json")) {
      ObjectNode json = Json.object();
      out.forEach(json::put);
      response = ApiResponse.json(200, json);
    } else {
      response = new ApiResponse(200, OAuthForm.encode(out));
      response.header("content-type", "application/x-www-form-urlencoded; charset=utf-8");
    }
    return response.header("cache-control", "no-store");
  }
}
