package trafficlight.board.web;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import trafficlight.github.GitHubEndpoint;
import trafficlight.github.RepositoryName;
import trafficlight.github.TlsFailure;
import trafficlight.github.TrustedCertificates;
import trafficlight.json.Json;

/**
 * Whether a token may close issues in a repository: GitHub's {@code permissions} on {@code GET
 * /repos/{o}/{r}} (triage, push, maintain or admin). One request, at the board's start.
 */
public final class RepositoryPermissions {

  private RepositoryPermissions() {}

  /** The answer, or an explanation of why the board stays read-only. */
  public record Answer(boolean canClose, String why) {}

  /** What {@code GET /repos/{o}/{r}}'s {@code permissions} say. */
  static Answer fromRepository(String body) throws IOException {
    Map<String, Object> json = Json.parseObject(body);
    if (json.get("permissions") instanceof Map<?, ?> p) {
      for (String level : new String[] {"admin", "maintain", "push", "triage"}) {
        if (Boolean.TRUE.equals(p.get(level))) {
          return new Answer(true, "the token may close issues (" + level + ")");
        }
      }
      return new Answer(false, "the token may not close issues (read access): read-only");
    }
    return new Answer(false, "GitHub did not say what the token may do: read-only");
  }

  public static Answer check(
      GitHubEndpoint endpoint, RepositoryName repo, String token, Duration timeout) {
    if (token == null) {
      return new Answer(false, "no token: read-only");
    }
    try {
      HttpClient http =
          HttpClient.newBuilder()
              .connectTimeout(timeout)
              .sslContext(TrustedCertificates.sslContext())
              .build();
      HttpRequest request =
          HttpRequest.newBuilder(URI.create(endpoint.base() + repo.path()))
              .timeout(timeout)
              .header("Accept", "application/vnd.github+json")
              .header("X-GitHub-Api-Version", "2022-11-28")
              .header("User-Agent", "trafficlight-board")
              .header("Authorization", "Bearer " + token)
              .GET()
              .build();
      HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
      if (response.statusCode() != 200) {
        return new Answer(
            false, "GET " + repo.path() + " answered " + response.statusCode() + ": read-only");
      }
      return fromRepository(response.body());
    } catch (Exception e) {
      if (e instanceof InterruptedException) {
        Thread.currentThread().interrupt();
      }
      String tls = TlsFailure.explain(endpoint.base(), e);
      return new Answer(
          false,
          "could not check the token's permissions (" + (tls != null ? tls : e) + "): read-only");
    }
  }
}
