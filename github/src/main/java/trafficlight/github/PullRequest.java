package trafficlight.github;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A pull request as the project reads it.
 *
 * @param state {@code open} or {@code closed} (a merged pull request is closed)
 * @param mergedAt when it was merged, or null when it was not (yet)
 * @param mergeCommitSha the commit its merge made on the base branch when merged; GitHub also fills
 *     it with a test merge while it is open, so it counts only when {@link #merged()}
 * @param author its author's login, or null
 * @param locked whether its conversation is locked (only collaborators may comment)
 * @param updatedAt when it last changed, as GitHub's clock saw it
 */
public record PullRequest(
    long number,
    String title,
    String state,
    Instant mergedAt,
    String mergeCommitSha,
    String htmlUrl,
    String author,
    boolean locked,
    Instant updatedAt) {

  public boolean merged() {
    return mergedAt != null;
  }

  /** Closed without being merged: its change did not go in through it. */
  public boolean abandoned() {
    return "closed".equals(state) && !merged();
  }

  static PullRequest fromJson(Object json) {
    if (!(json instanceof Map<?, ?> m) || !(m.get("number") instanceof Number number)) {
      throw new GitHubException(0, "GitHub answered a pull request without a number");
    }
    return new PullRequest(
        number.longValue(),
        string(m.get("title")),
        string(m.get("state")),
        instant(m.get("merged_at")),
        string(m.get("merge_commit_sha")),
        string(m.get("html_url")),
        m.get("user") instanceof Map<?, ?> user ? string(user.get("login")) : null,
        Boolean.TRUE.equals(m.get("locked")),
        instant(m.get("updated_at")));
  }

  static List<PullRequest> listFromJson(Object json) {
    if (!(json instanceof List<?> list)) {
      throw new GitHubException(0, "GitHub answered a list of pull requests that is not a list");
    }
    return list.stream().map(PullRequest::fromJson).toList();
  }

  /** The fields this project reads, as GitHub names them: what a cache keeps. */
  Map<String, Object> toJson() {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("number", number);
    json.put("title", title);
    json.put("state", state);
    json.put("merged_at", mergedAt == null ? null : mergedAt.toString());
    json.put("merge_commit_sha", mergeCommitSha);
    json.put("html_url", htmlUrl);
    json.put("user", author == null ? null : Map.of("login", author));
    json.put("locked", locked);
    json.put("updated_at", updatedAt == null ? null : updatedAt.toString());
    return json;
  }

  private static String string(Object value) {
    return value == null ? null : String.valueOf(value);
  }

  private static Instant instant(Object value) {
    return value == null ? null : Instant.parse(String.valueOf(value));
  }
}
