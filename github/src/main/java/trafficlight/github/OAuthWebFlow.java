package trafficlight.github;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * An OAuth App's side of GitHub's web application flow: the URL that sends a person to GitHub's
 * authorize page, the exchange of the code GitHub sends back for the person's token, and the
 * token's revocation. Neither the client secret nor a code nor a token ever appears in a message or
 * {@link #toString()}.
 */
public final class OAuthWebFlow {

  /** GitHub refused the code, or could not be asked; the message is safe to show. */
  public static final class Refused extends RuntimeException {
    public Refused(String message) {
      super(message);
    }
  }

  private final URI webBase;
  private final String clientId;
  private final String clientSecret;
  private final Duration timeout;

  /**
   * @param webBase the web host ({@link GitHubEndpoint#webBase()}, or an explicit override)
   */
  public OAuthWebFlow(URI webBase, String clientId, String clientSecret, Duration timeout) {
    String base = webBase.toString();
    this.webBase = URI.create(base.endsWith("/") ? base.substring(0, base.length() - 1) : base);
    this.clientId = clientId;
    this.clientSecret = clientSecret;
    this.timeout = timeout;
  }

  public URI webBase() {
    return webBase;
  }

  public String clientId() {
    return clientId;
  }

  /** Where to send the person: {@code {web}/login/oauth/authorize?client_id&redirect_uri&...}. */
  public URI authorizeUrl(String redirectUri, String state, String scope) {
    Map<String, String> q = new LinkedHashMap<>();
    q.put("client_id", clientId);
    q.put("redirect_uri", redirectUri);
    q.put("state", state);
    q.put("scope", scope);
    q.put("allow_signup", "false");
    return URI.create(webBase + "/login/oauth/authorize?" + form(q));
  }

  /**
   * Exchanges a code at {@code POST {web}/login/oauth/access_token}.
   *
   * @return the person's token
   * @throws Refused with GitHub's error code and description, or what failed on the way
   */
  public String exchange(String code, String redirectUri) {
    Map<String, String> body = new LinkedHashMap<>();
    body.put("client_id", clientId);
    body.put("client_secret", clientSecret);
    body.put("code", code);
    body.put("redirect_uri", redirectUri);
    URI uri = URI.create(webBase + "/login/oauth/access_token");
    HttpResponse<String> response;
    try {
      response =
          http()
              .send(
                  HttpRequest.newBuilder(uri)
                      .timeout(timeout)
                      .header("Accept", "application/json")
                      .header("Content-Type", "application/x-www-form-urlencoded")
                      .header("User-Agent", "trafficlight-board")
                      .POST(HttpRequest.BodyPublishers.ofString(form(body)))
                      .build(),
                  HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      String tls = TlsFailure.explain(uri, e);
      throw new Refused(
          "could not reach "
              + uri
              + " ("
              + (tls != null ? tls : e.getClass().getSimpleName() + ": " + e.getMessage())
              + ")");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new Refused("interrupted while exchanging the sign-in code");
    }
    Object json;
    try {
      json = GitHubJson.parse(response.body());
    } catch (IOException | RuntimeException e) {
      json = null;
    }
    if (!(json instanceof Map<?, ?> m)) {
      throw new Refused(
          "POST "
              + uri
              + " answered "
              + response.statusCode()
              + " without JSON: is --oauth-web-url GitHub's web host?");
    }
    if (m.get("access_token") instanceof String token && !token.isBlank()) {
      return token;
    }
    Object error = m.get("error");
    Object description = m.get("error_description");
    throw new Refused(
        "GitHub refused the sign-in code ("
            + (error == null ? "answer " + response.statusCode() : error)
            + (description == null ? "" : ": " + description)
            + ")");
  }

  /**
   * Revokes a token this App was issued ({@code DELETE {api}/applications/{client_id}/token}, Basic
   * auth with the client id and secret), as a sign-out does.
   *
   * @throws Refused when GitHub does not answer 204, or cannot be asked
   */
  public void revoke(GitHubEndpoint api, String token) {
    URI uri = api.resolve("/applications/" + encode(clientId) + "/token");
    String basic =
        java.util.Base64.getEncoder()
            .encodeToString((clientId + ":" + clientSecret).getBytes(StandardCharsets.UTF_8));
    try {
      HttpResponse<String> response =
          http()
              .send(
                  HttpRequest.newBuilder(uri)
                      .timeout(timeout)
                      .header("Accept", "application/vnd.github+json")
                      .header("X-GitHub-Api-Version", "2022-11-28")
                      .header("Content-Type", "application/json")
                      .header("User-Agent", "trafficlight-board")
                      .header("Authorization", "Basic " + basic)
                      .method(
                          "DELETE",
                          HttpRequest.BodyPublishers.ofString(
                              GitHubJson.write(Map.of("access_token", token))))
                      .build(),
                  HttpResponse.BodyHandlers.ofString());
      if (response.statusCode() != 204) {
        throw new Refused(
            "DELETE /applications/" + clientId + "/token answered " + response.statusCode());
      }
    } catch (IOException e) {
      throw new Refused("could not reach " + uri + " (" + e.getClass().getSimpleName() + ")");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new Refused("interrupted while revoking a token");
    }
  }

  private HttpClient http() throws IOException {
    return HttpClient.newBuilder()
        .connectTimeout(timeout)
        .sslContext(TrustedCertificates.sslContext())
        .build();
  }

  /** The parameters that have a value, form-encoded, in their order. */
  private static String form(Map<String, String> params) {
    return params.entrySet().stream()
        .filter(param -> param.getValue() != null)
        .map(param -> encode(param.getKey()) + "=" + encode(param.getValue()))
        .collect(Collectors.joining("&"));
  }

  private static String encode(String text) {
    return URLEncoder.encode(text, StandardCharsets.UTF_8);
  }

  @Override
  public String toString() {
    return "OAuthWebFlow[" + webBase + ", client " + clientId + "]";
  }
}
