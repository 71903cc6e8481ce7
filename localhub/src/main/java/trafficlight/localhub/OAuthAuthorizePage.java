package trafficlight.localhub;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code GET /login/oauth/authorize} on the web host: the page where a person lets an OAuth App act
 * for them. Here the page asks only for a {@code login} (no password: localhub's users are whoever
 * a test says); submitting it for a known user redirects to the App's {@code redirect_uri} with a
 * {@code code} and the {@code state} given. An unknown {@code client_id} is GitHub's 404 page; a
 * {@code redirect_uri} outside the App's callback URL redirects to the callback with {@code
 * error=redirect_uri_mismatch}, as GitHub documents.
 */
record OAuthAuthorizePage(OAuthApps apps, HubStore store) {
  static final String PATH = "/login/oauth/authorize";
  private static final String TROUBLESHOOTING =
      "https://docs.github.com/apps/managing-oauth-apps/troubleshooting-authorization-request-errors/";

  ApiResponse handle(String method, Map<String, String> params) {
    if (!method.equals("GET") && !method.equals("POST")) {
      return page(405, "Method Not Allowed", "<p>GET or POST.</p>");
    }
    OAuthApp app = apps.app(params.get("client_id")).orElse(null);
    if (app == null) {
      return page(404, "Not Found", "<p id=\"error\">No OAuth App has that client_id.</p>");
    }
    String given = params.get("redirect_uri");
    String state = params.get("state");
    if (given != null && !given.isEmpty() && !app.accepts(given)) {
      Map<String, String> error = new LinkedHashMap<>();
      error.put("error", "redirect_uri_mismatch");
      error.put(
          "error_description",
          "The redirect_uri MUST match the registered callback URL for this application.");
      error.put("error_uri", TROUBLESHOOTING + "#redirect-uri-mismatch");
      error.put("state", state);
      return redirect(app.callbackUrl(), error);
    }
    String redirectUri = given == null || given.isEmpty() ? app.callbackUrl() : given;
    String scope = params.getOrDefault("scope", "");
    if (method.equals("GET")) {
      return page(200, "Authorize application", form(app, redirectUri, state, scope, ""));
    }
    String login = params.getOrDefault("login", "").strip();
    if (login.isEmpty() || store.user(login).isEmpty()) {
      return page(
          401,
          "Sign in",
          form(
              app,
              redirectUri,
              state,
              scope,
              "<p id=\"error\">Incorrect username or password.</p>"));
    }
    String canonical = store.user(login).orElseThrow().login();
    Map<String, String> answer = new LinkedHashMap<>();
    answer.put("code", apps.issueCode(app, canonical, redirectUri, scope));
    answer.put("state", state);
    return redirect(redirectUri, answer);
  }

  private static String form(
      OAuthApp app, String redirectUri, String state, String scope, String error) {
    return error
        + "<p>Sign in to authorize <b>"
        + OAuthForm.escape(app.clientId())
        + "</b> (scope: "
        + OAuthForm.escape(scope.isEmpty() ? "none" : scope)
        + ").</p><form method=\"post\" action=\""
        + PATH
        + "\">"
        + hidden("client_id", app.clientId())
        + hidden("redirect_uri", redirectUri)
        + (state == null ? "" : hidden("state", state))
        + hidden("scope", scope)
        + "<label for=\"login\">Username</label> <input id=\"login\" name=\"login\""
        + " autocomplete=\"username\" required> <button id=\"authorize\" type=\"submit\">"
        + "Authorize</button></form>";
  }

  private static String hidden(String name, String value) {
    return "<input type=\"hidden\" name=\""
        + name
        + "\" value=\""
        + OAuthForm.escape(value)
        + "\">";
  }

  private static ApiResponse redirect(String uri, Map<String, String> params) {
    String query = OAuthForm.encode(params);
    return ApiResponse.empty(302)
        .header("location", uri + (query.isEmpty() ? "" : (uri.contains("?") ? "&" : "?") + query));
  }

  private static ApiResponse page(int status, String title, String body) {
    ApiResponse response =
        new ApiResponse(
            status,
            "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>"
                + OAuthForm.escape(title)
                + " · localhub</title></head><body><h1>"
                + OAuthForm.escape(title)
                + "</h1>"
                + body
                + "</body></html>\n");
    response.header("content-type", "text/html; charset=utf-8");
    response.header("x-frame-options", "deny");
    response.header("cache-control", "no-store");
    return response;
  }
}
