package trafficlight.github;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;

/** The parameters of {@code GET /repos/{owner}/{repo}/issues}. */
public record IssueQuery(
    String state, List<String> labels, String sort, String direction, Instant since, int perPage) {

  /** Open issues, oldest first: the order in which duplicates are ranked. */
  public static IssueQuery open() {
    return new IssueQuery("open", List.of(), "created", "asc", null, 100);
  }

  /** Issues in a state, most recently updated first. */
  public static IssueQuery recentlyUpdated(String state) {
    return new IssueQuery(state, List.of(), "updated", "desc", null, 100);
  }

  public IssueQuery withLabels(List<String> labels) {
    return new IssueQuery(state, List.copyOf(labels), sort, direction, since, perPage);
  }

  public IssueQuery withSince(Instant since) {
    return new IssueQuery(state, labels, sort, direction, since, perPage);
  }

  String toQueryString() {
    Map<String, String> params = new LinkedHashMap<>();
    params.put("state", state);
    if (!labels.isEmpty()) {
      params.put("labels", String.join(",", labels));
    }
    params.put("sort", sort);
    params.put("direction", direction);
    if (since != null) {
      params.put("since", since.toString());
    }
    params.put("per_page", Integer.toString(perPage));
    StringJoiner query = new StringJoiner("&");
    params.forEach((k, v) -> query.add(k + "=" + URLEncoder.encode(v, StandardCharsets.UTF_8)));
    return query.toString();
  }
}
