package trafficlight.board.flow;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import trafficlight.github.GitHubClient;
import trafficlight.github.GitHubException;
import trafficlight.github.RateLimitException;
import trafficlight.github.RepositoryName;

/** When a commit was authored, for lead times. */
@FunctionalInterface
public interface CommitTimes {

  /** Nothing is known: lead times are left out. */
  CommitTimes NONE = (codeRepository, sha) -> Optional.empty();

  /**
   * The author time of {@code sha} in {@code codeRepository} ({@code owner/name}), or empty when it
   * cannot be told.
   */
  Optional<Instant> authoredAt(String codeRepository, String sha);

  /**
   * From GitHub's commits API: a commit named by its full SHA never changes, so the client asks for
   * it once (and a shared {@code FileResponseCache} keeps it across runs). A commit or repository
   * GitHub does not know (404, 422) or lets these credentials not read (403) is unknown, remembered
   * for the life of this object; any other failure (network, rate limit) fails the read.
   */
  static CommitTimes of(GitHubClient github) {
    Map<String, Optional<Instant>> known = new HashMap<>();
    return (codeRepository, sha) -> {
      if (codeRepository == null || sha == null) {
        return Optional.empty();
      }
      return known.computeIfAbsent(
          codeRepository + "@" + sha,
          key -> {
            try {
              return Optional.ofNullable(
                  github.commit(RepositoryName.parse(codeRepository), sha).authoredAt());
            } catch (IllegalArgumentException e) {
              return Optional.empty(); // not an owner/name or not a SHA: nothing to ask
            } catch (GitHubException e) {
              if (!(e instanceof RateLimitException)
                  && (e.status() == 403 || e.status() == 404 || e.status() == 422)) {
                return Optional.empty();
              }
              throw e;
            }
          });
    };
  }
}
